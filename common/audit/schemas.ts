/** The audit trail: append-only, read by the auditor. */
import { z } from 'zod';
import { ListQuery } from '../shared/schemas.ts';

export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  outcome: z.enum(['ok', 'denied', 'failed']),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' })
  .optional();

export const AuditListQuery = ListQuery.extend({
  action: z.string().trim().max(64).optional(),
  entity: z.string().trim().max(64).optional(),
  actor: z.string().trim().max(64).optional(),
  outcome: z.enum(['ok', 'denied', 'failed']).optional(),
  /** Inclusive start date, Asia/Shanghai. */
  from: isoDate,
  /** Inclusive end date, Asia/Shanghai. */
  to: isoDate,
});
