/** Bridges the shared zod schemas and server field errors to antd forms. */
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiError } from '../app/api.ts';
import { translateMessage } from '../app/format.ts';

/** The first problem zod finds, as a translated message. */
export function zodMessage(t: TFunction, issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith('validation.')) return translateMessage(t, issue.message);
  switch (issue.code) {
    case 'too_small':
      return t('validation.tooSmall', { min: String(issue.minimum) });
    case 'too_big':
      return t('validation.tooBig', { max: String(issue.maximum) });
    case 'invalid_type':
      return t('validation.invalidType');
    case 'invalid_value':
      return t('validation.invalidOption');
    default:
      return t('validation.invalid');
  }
}

/** An antd rule that runs one field's zod schema (e.g. `VillageInput.shape.name`). */
export function zodRule(t: TFunction, schema: z.ZodType): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(value === '' ? undefined : value);
      const issue = result.success ? undefined : result.error.issues[0];
      if (issue) throw new Error(zodMessage(t, issue));
    },
  };
}

/** `roles.0.villageId` → `['roles', 0, 'villageId']`, the antd name path. */
export function namePath(path: string): (string | number)[] {
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Puts the server's field errors on the matching form fields; true if any was placed. */
export function applyFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) return false;
  form.setFields(error.fields.map((f) => ({ name: namePath(f.path), errors: [f.message] })));
  const first = error.fields[0];
  if (first) form.scrollToField(namePath(first.path));
  return true;
}
