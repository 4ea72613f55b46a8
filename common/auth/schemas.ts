/** Sign-in, the current user, password change and account management. */
import { z } from 'zod';
import { Id, ListQuery, optionalMobile, text } from '../shared/schemas.ts';
import { PASSWORD_MAX_LENGTH } from './password.ts';
import { ROLES } from './roles.ts';

export const LoginInput = z.object({
  /** Username or mobile number. */
  username: text(64),
  password: z
    .string({ message: 'validation.required' })
    .min(1, { message: 'validation.required' })
    .max(PASSWORD_MAX_LENGTH),
  /** Town code; needed only when the username exists in several towns of a county deployment. */
  town: z.string().trim().max(32).optional(),
});

export const RoleGrantSchema = z.object({
  role: z.enum(ROLES),
  villageId: Id.nullish().transform((v) => v ?? null),
  teamId: Id.nullish().transform((v) => v ?? null),
  departmentId: Id.nullish().transform((v) => v ?? null),
});

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

export const Me = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    personId: z.string().nullable(),
    mustChangePassword: z.boolean(),
    locale: Locale,
  }),
  town: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  roles: z.array(RoleGrantSchema.extend({ scopeName: z.string().nullable() })),
  permissions: z.array(z.string()),
  /** Send back in the `x-csrf-token` header on every state-changing request. */
  csrfToken: z.string(),
  /** Minutes of inactivity before the session ends. */
  idleTimeoutMinutes: z.number().int(),
});
export type Me = z.infer<typeof Me>;

export const ChangePasswordInput = z.object({
  currentPassword: z.string({ message: 'validation.required' }).min(1, { message: 'validation.required' }),
  newPassword: z
    .string({ message: 'validation.required' })
    .min(1, { message: 'validation.required' })
    .max(PASSWORD_MAX_LENGTH),
});

export const LocaleInput = z.object({ locale: Locale });

export const UserInput = z.object({
  /** Sign-in name: letters, digits, dot, dash, underscore. Unique in the town. */
  username: z
    .string({ message: 'validation.required' })
    .trim()
    .regex(/^[A-Za-z0-9._-]{3,32}$/, { message: 'validation.username' }),
  displayName: text(30),
  /** Mobile for sign-in by number; optional. */
  mobile: optionalMobile,
  /** The person this account belongs to, if any. */
  personId: Id.nullish().transform((v) => v ?? null),
  roles: z.array(RoleGrantSchema).min(1, { message: 'validation.rolesRequired' }).max(10),
});
export const UserUpdate = z.object({
  displayName: text(30).optional(),
  mobile: optionalMobile.optional(),
  roles: z.array(RoleGrantSchema).min(1, { message: 'validation.rolesRequired' }).max(10).optional(),
  disabled: z.boolean().optional(),
  version: z.number().int().min(1),
});
export const User = z.object({
  id: z.string(),
  version: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  mobile: z.string().nullable(),
  personId: z.string().nullable(),
  roles: z.array(RoleGrantSchema.extend({ scopeName: z.string().nullable() })),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  failedLogins: z.number().int(),
  lastLoginAt: z.string().nullable(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;
export const UserListQuery = ListQuery.extend({ role: z.enum(ROLES).optional() });
/** A one-time password shown once to the security admin. */
export const TemporaryPassword = z.object({ user: User, temporaryPassword: z.string() });
