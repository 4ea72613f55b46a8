/**
 * Open311 API keys, issued by the town admin. The secret (32 random bytes, base64url) is shown
 * once; only its keyed hash and first 6 characters are kept. Each change is audited with it.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { ApiKeyInput } from '../../../common/requests/schemas.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, staleVersion } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { flag } from '../../platform/records.ts';
import { type KeyRow, getKey, insertKey, listKeys, setDisabled } from './api-keys.repo.ts';
import type { ApiKeyCreatedRecord, ApiKeyRecord, ApiKeyUpdate } from './open311.schemas.ts';

type Key = z.infer<typeof ApiKeyRecord>;

function present(row: KeyRow): Key {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    prefix: row.prefix,
    disabled: flag(row.disabled),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

export async function list(ctx: Ctx): Promise<{ items: Key[] }> {
  return { items: (await listKeys(ctx.db, ctx.actor.townId)).map(present) };
}

async function get(ctx: Ctx, id: string): Promise<Key> {
  const row = await getKey(ctx.db, ctx.actor.townId, id);
  if (!row) throw notFound();
  return present(row);
}

export async function create(
  ctx: Ctx,
  input: z.output<typeof ApiKeyInput>,
): Promise<z.infer<typeof ApiKeyCreatedRecord>> {
  const secret = randomBytes(32).toString('base64url');
  const id = newId();
  const prefix = secret.slice(0, 6);
  await ctx.db.transaction().execute(async (trx) => {
    await insertKey(trx, {
      townId: ctx.actor.townId,
      id,
      name: input.name,
      prefix,
      keyHash: ctx.sealer.hash(secret),
      createdBy: ctx.actor.userId,
      at: nowIso(),
    });
    await writeAudit(trx, auditEvent(ctx, 'open311_key.create', id, { name: input.name, prefix }));
  });
  return { key: await get(ctx, id), secret };
}

/** Disables or enables a key; the version guards against a concurrent change. */
export async function update(ctx: Ctx, id: string, input: z.output<typeof ApiKeyUpdate>): Promise<Key> {
  const before = await get(ctx, id);
  if (before.version !== input.version) throw staleVersion();
  if (before.disabled === input.disabled) return before;
  await ctx.db.transaction().execute(async (trx) => {
    const key = { townId: ctx.actor.townId, id, version: input.version };
    if (!(await setDisabled(trx, key, input.disabled))) throw staleVersion();
    const action = input.disabled ? 'open311_key.disable' : 'open311_key.enable';
    await writeAudit(trx, auditEvent(ctx, action, id, { name: before.name, prefix: before.prefix }));
  });
  return get(ctx, id);
}
