/** Shared mechanics of versioned town records: optimistic updates and unique-key errors. */
import type { Kysely, Transaction, UpdateObject } from 'kysely';
import type { DB } from '../db/schema.ts';
import { isForeignKeyViolation, isUniqueViolation, violatedConstraint } from '../db/dialect.ts';
import { AppError, duplicate, notFound, staleVersion } from './errors.ts';
import { newId, nowIso } from './ids.ts';
import { auditEvent, changedFields, writeAudit } from './audit.ts';
import type { Ctx } from './context.ts';
import { ErrorCode } from '../../common/errors/codes.ts';

/** Tables whose rows carry town_id, id, version and updated_at. */
export type VersionedTable =
  | 'villages'
  | 'hamlets'
  | 'workstations'
  | 'departments'
  | 'teams'
  | 'squads'
  | 'people'
  | 'users'
  | 'team_memberships'
  | 'categories';

/**
 * Updates one row only if its version is still the one the client saw; bumps the version.
 * Throws NOT_FOUND or STALE_VERSION otherwise, so a concurrent edit is never overwritten.
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Kysely<DB> | Transaction<DB>,
  table: T,
  key: { townId: string; id: string; version: number },
  set: UpdateObject<DB, T, T>,
): Promise<void> {
  const result = await db
    .updateTable(table as VersionedTable)
    .set({ ...(set as object), version: key.version + 1, updated_at: nowIso() } as never)
    .where('town_id', '=', key.townId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 1) return;
  const exists = await db
    .selectFrom(table as VersionedTable)
    .select('id')
    .where('town_id', '=', key.townId)
    .where('id', '=', key.id)
    .executeTakeFirst();
  throw exists ? staleVersion() : notFound();
}

/**
 * Runs a write and turns database constraint violations into client errors: a unique clash
 * names its field (from `fields`: column name → API field), a broken reference is a 400.
 */
export async function guardConstraints<R>(fields: Record<string, string>, write: () => Promise<R>): Promise<R> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      const text = violatedConstraint(error);
      const hit = Object.entries(fields).find(([column]) => text.includes(column));
      throw duplicate(hit?.[1] ?? Object.values(fields)[0] ?? 'name');
    }
    if (isForeignKeyViolation(error)) {
      throw new AppError(ErrorCode.VALIDATION, { fields: [{ path: 'body', key: 'validation.id' }] });
    }
    throw error;
  }
}

/** Reads a flag column. */
export const flag = (value: number | boolean | null | undefined): boolean => value === 1 || value === true;

/** Inserts a new town record and its audit row in one transaction; returns the new id. */
export async function createRecord<T extends VersionedTable>(
  ctx: Ctx,
  spec: {
    table: T;
    entity: string;
    unique: Record<string, string>;
    values: Record<string, unknown>;
    audit?: Record<string, unknown>;
  },
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await guardConstraints(spec.unique, () =>
    ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto(spec.table as VersionedTable)
        .values({
          ...spec.values,
          town_id: ctx.actor.townId,
          id,
          version: 1,
          created_at: now,
          updated_at: now,
        } as never)
        .execute();
      await writeAudit(trx, auditEvent(ctx, `${spec.entity}.create`, id, spec.audit ?? spec.values));
    }),
  );
  return id;
}

/**
 * Applies an edit (with the version the client saw) and audits what changed; a change of
 * `disabled` is audited as `.disable` / `.enable`. `columns` maps API fields to columns.
 */
export async function updateRecord<T extends VersionedTable>(
  ctx: Ctx,
  spec: {
    table: T;
    entity: string;
    id: string;
    unique: Record<string, string>;
    before: Record<string, unknown> & { disabled: boolean };
    input: Record<string, unknown> & { version: number; disabled?: boolean | undefined };
    columns?: Record<string, string>;
    /** Column values computed by the service (encrypted fields …), beyond the mapped input. */
    extra?: Record<string, unknown>;
    /** Replaces the audited change detail (e.g. to mask personal data). */
    auditDetail?: Record<string, unknown>;
  },
): Promise<void> {
  const { version, disabled, ...fields } = spec.input;
  const set: Record<string, unknown> = { ...spec.extra };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) set[spec.columns?.[key] ?? key] = value;
  }
  if (disabled !== undefined) set.disabled = disabled ? 1 : 0;
  const action =
    disabled === true && !spec.before.disabled
      ? 'disable'
      : disabled === false && spec.before.disabled
        ? 'enable'
        : 'update';
  await guardConstraints(spec.unique, () =>
    ctx.db.transaction().execute(async (trx) => {
      await updateVersioned(trx, spec.table, { townId: ctx.actor.townId, id: spec.id, version }, set as never);
      const detail =
        spec.auditDetail ?? changedFields(spec.before, { ...fields, ...(disabled === undefined ? {} : { disabled }) });
      await writeAudit(trx, auditEvent(ctx, `${spec.entity}.${action}`, spec.id, detail));
    }),
  );
}
