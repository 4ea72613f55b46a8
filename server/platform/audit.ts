/** The audit trail: one append-only row per change, written in the caller's transaction. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { newId, nowIso } from './ids.ts';

export interface AuditEvent {
  townId: string;
  actorId?: string | null;
  actorName?: string | null;
  /** Dotted verb, e.g. `village.create`, `auth.login`, `person.reveal`. */
  action: string;
  entity?: string | null;
  entityId?: string | null;
  ip?: string | null;
  outcome?: 'ok' | 'denied' | 'failed';
  /** What changed; never passwords, and personal data only masked. */
  detail?: Record<string, unknown> | null;
}

/** Writes one audit row. Pass the transaction of the change so both commit or neither does. */
export async function writeAudit(db: Kysely<DB> | Transaction<DB>, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      town_id: event.townId,
      id: newId(),
      at: nowIso(),
      actor_id: event.actorId ?? null,
      actor_name: event.actorName ?? null,
      action: event.action,
      entity: event.entity ?? null,
      entity_id: event.entityId ?? null,
      ip: event.ip ?? null,
      outcome: event.outcome ?? 'ok',
      detail: event.detail ? JSON.stringify(event.detail) : null,
    })
    .execute();
}

/** The fields that differ between two objects, for an update's audit detail. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && JSON.stringify(before[key]) !== JSON.stringify(value))
      changes[key] = { from: before[key], to: value };
  }
  return changes;
}

/** The audit event of a change the caller makes (`village.create` → entity `village`). */
export function auditEvent(
  ctx: { actor: { townId: string; userId: string; displayName: string }; ip: string },
  action: string,
  entityId: string | null,
  detail: Record<string, unknown> | null = null,
  outcome: AuditEvent['outcome'] = 'ok',
): AuditEvent {
  return {
    townId: ctx.actor.townId,
    actorId: ctx.actor.userId,
    actorName: ctx.actor.displayName,
    action,
    entity: action.split('.')[0] ?? null,
    entityId,
    ip: ctx.ip,
    outcome,
    detail,
  };
}
