/** Hamlets: kept by the town or by the admin of their village. */
import type { z } from 'zod';
import type { Hamlet, HamletInput, HamletListQuery, HamletUpdate } from '../../../common/org/schemas.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidField, notFound } from '../../platform/errors.ts';
import type { Page } from '../../platform/paging.ts';
import { createRecord, flag, updateRecord } from '../../platform/records.ts';
import { canWriteInVillage, readableVillageIds } from './org.policy.ts';
import { type HamletRow, exportHamlets, getHamlet, listHamlets } from './hamlets.repo.ts';
import { getVillage } from './villages.repo.ts';

const UNIQUE = { name: 'name' };
type Query = z.output<typeof HamletListQuery>;

function present(ctx: Ctx, row: HamletRow): Hamlet {
  const write = canWriteInVillage(ctx.actor, row.village_id);
  return {
    id: row.id,
    version: row.version,
    disabled: flag(row.disabled),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    villageId: row.village_id,
    villageName: row.village_name,
    name: row.name,
    can: { update: write, disable: write },
  };
}

const filterOf = (ctx: Ctx, query: Query) => ({
  q: query.q,
  villageId: query.villageId,
  includeDisabled: query.includeDisabled,
  villageIds: readableVillageIds(ctx.actor),
});

export async function list(ctx: Ctx, query: Query): Promise<Page<Hamlet>> {
  const page = await listHamlets(ctx.db, ctx.actor.townId, filterOf(ctx, query), query.page, query.pageSize);
  return { ...page, items: page.items.map((r) => present(ctx, r)) };
}

export async function exportAll(ctx: Ctx, query: Query): Promise<Hamlet[]> {
  return (await exportHamlets(ctx.db, ctx.actor.townId, filterOf(ctx, query))).map((r) => present(ctx, r));
}

export async function get(ctx: Ctx, id: string): Promise<Hamlet> {
  const ids = readableVillageIds(ctx.actor);
  const row = await getHamlet(ctx.db, ctx.actor.townId, id);
  if (!row || (ids && !ids.includes(row.village_id))) throw notFound();
  return present(ctx, row);
}

/** The village must exist in the caller's town and be writable by them. */
async function checkVillage(ctx: Ctx, villageId: string): Promise<void> {
  const village = await getVillage(ctx.db, ctx.actor.townId, villageId);
  if (!village) throw invalidField('villageId', 'validation.id');
  if (!canWriteInVillage(ctx.actor, villageId)) throw forbidden();
}

export async function create(ctx: Ctx, input: z.output<typeof HamletInput>): Promise<Hamlet> {
  await checkVillage(ctx, input.villageId);
  const id = await createRecord(ctx, {
    table: 'hamlets',
    entity: 'hamlet',
    unique: UNIQUE,
    values: { village_id: input.villageId, name: input.name, disabled: 0 },
  });
  return get(ctx, id);
}

export async function update(ctx: Ctx, id: string, input: z.output<typeof HamletUpdate>): Promise<Hamlet> {
  const before = await get(ctx, id);
  if (!before.can.update) throw forbidden();
  if (input.villageId && input.villageId !== before.villageId) await checkVillage(ctx, input.villageId);
  await updateRecord(ctx, {
    table: 'hamlets',
    entity: 'hamlet',
    id,
    unique: UNIQUE,
    before,
    input,
    columns: { villageId: 'village_id' },
  });
  return get(ctx, id);
}
