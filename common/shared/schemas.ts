/** Building blocks shared by every domain's schemas. */
import { z } from 'zod';
import { isValidIdNumber, isValidMobile, normaliseMobile } from '../privacy/identity.ts';

/** Record ids are UUIDv7 strings. */
export const Id = z.string().uuid({ message: 'validation.id' });

/** A required one-line text, trimmed, with a maximum length. */
export const text = (max: number) =>
  z
    .string({ message: 'validation.required' })
    .trim()
    .min(1, { message: 'validation.required' })
    .max(max, { message: `validation.tooLong:${max}` });

/** An optional one-line text: empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `validation.tooLong:${max}` })
    .nullish()
    .transform((v) => (v ? v : null));

/** A mainland mobile number, normalised; optional. */
export const optionalMobile = z
  .string()
  .nullish()
  .transform((v) => (v ? normaliseMobile(v) : null))
  .refine((v) => v === null || isValidMobile(v), { message: 'validation.mobile' });

/** A required mainland mobile number. */
export const mobile = z
  .string({ message: 'validation.required' })
  .transform(normaliseMobile)
  .refine(isValidMobile, { message: 'validation.mobile' });

/** An 18-digit resident ID number with a valid checksum; optional. */
export const optionalIdNumber = z
  .string()
  .nullish()
  .transform((v) => (v ? v.trim().toUpperCase() : null))
  .refine((v) => v === null || isValidIdNumber(v), { message: 'validation.idNumber' });

/** A phone that may be a landline: digits, spaces, dashes and brackets. */
export const optionalPhone = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || /^[\d\s()+-]{5,20}$/.test(v), { message: 'validation.phone' });

/** Paging and search for every list. */
export const ListQuery = z.object({
  /** Search text; matched against names and codes. */
  q: z.string().trim().max(100).optional(),
  /** 1-based page number. */
  page: z.coerce.number().int().min(1).max(100000).default(1),
  /** Rows per page, at most 100. */
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  /** Include disabled records. */
  includeDisabled: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});
export type ListQuery = z.infer<typeof ListQuery>;

/** The optimistic-concurrency version every update must send back. */
export const Version = z.number({ message: 'validation.required' }).int().min(1);

/** `{ items, total }` of a list endpoint. */
export const listOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** Path parameter `:id`. */
export const IdParams = z.object({ id: Id });

/** What the current user may do with a record; the UI hides what is false. */
export const Can = z.object({ update: z.boolean(), disable: z.boolean() });

/** Fields every stored record reports. */
export const RecordMeta = {
  id: z.string(),
  version: z.number().int(),
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** Empty-body success. */
export const Ok = z.object({ ok: z.literal(true) });
