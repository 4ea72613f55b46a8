/** Villages: list, read, create, edit, disable — each change audited in its transaction. */
import type { z } from 'zod';
import type { Village, VillageInput, VillageUpdate } from '../../../common/org/schemas.ts';
import type { ListQuery } from '../../../common/shared/schemas.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { Page } from '../../platform/paging.ts';
import { createRecord, flag, updateRecord } from '../../platform/records.ts';
import { canWriteTownWide, readableVillageIds, villageCan } from './org.policy.ts';
import { type VillageRow, exportVillages, getVillage, listVillages } from './villages.repo.ts';

const UNIQUE = { name: 'name' };

export function presentVillage(ctx: Ctx, row: VillageRow): Village {
  return {
    id: row.id,
    version: row.version,
    disabled: flag(row.disabled),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    name: row.name,
    kind: row.kind === 'community' ? 'community' : 'village',
    code: row.code,
    sort: row.sort,
    hamletCount: Number(row.hamlet_count ?? 0),
    workstationCount: Number(row.workstation_count ?? 0),
    can: villageCan(ctx.actor, row.id),
  };
}

const filterOf = (ctx: Ctx, query: ListQuery) => ({
  q: query.q,
  includeDisabled: query.includeDisabled,
  ids: readableVillageIds(ctx.actor),
});

export async function list(ctx: Ctx, query: ListQuery): Promise<Page<Village>> {
  const page = await listVillages(ctx.db, ctx.actor.townId, filterOf(ctx, query), query.page, query.pageSize);
  return { ...page, items: page.items.map((r) => presentVillage(ctx, r)) };
}

export async function exportAll(ctx: Ctx, query: ListQuery): Promise<Village[]> {
  return (await exportVillages(ctx.db, ctx.actor.townId, filterOf(ctx, query))).map((r) => presentVillage(ctx, r));
}

export async function get(ctx: Ctx, id: string): Promise<Village> {
  const ids = readableVillageIds(ctx.actor);
  const row = await getVillage(ctx.db, ctx.actor.townId, id);
  if (!row || (ids && !ids.includes(id))) throw notFound();
  return presentVillage(ctx, row);
}

export async function create(ctx: Ctx, input: z.output<typeof VillageInput>): Promise<Village> {
  if (!canWriteTownWide(ctx.actor)) throw forbidden();
  const id = await createRecord(ctx, {
    table: 'villages',
    entity: 'village',
    unique: UNIQUE,
    values: { ...input, disabled: 0 },
  });
  return get(ctx, id);
}

export async function update(ctx: Ctx, id: string, input: z.output<typeof VillageUpdate>): Promise<Village> {
  const before = await get(ctx, id);
  if (
    !before.can.update ||
    (input.disabled !== undefined && input.disabled !== before.disabled && !before.can.disable)
  ) {
    throw forbidden();
  }
  await updateRecord(ctx, { table: 'villages', entity: 'village', id, unique: UNIQUE, before, input });
  return get(ctx, id);
}
