/** Workstations: town-level ones kept by the town, village ones also by their village admin. */
import type { z } from 'zod';
import type {
  Workstation,
  WorkstationInput,
  WorkstationListQuery,
  WorkstationUpdate,
} from '../../../common/org/schemas.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidField, notFound } from '../../platform/errors.ts';
import type { Page } from '../../platform/paging.ts';
import { createRecord, flag, updateRecord } from '../../platform/records.ts';
import { canWriteInVillage, readableVillageIds } from './org.policy.ts';
import { getVillage } from './villages.repo.ts';
import { type WorkstationRow, exportWorkstations, getWorkstation, listWorkstations } from './workstations.repo.ts';

const UNIQUE = { name: 'name' };
const COLUMNS = { villageId: 'village_id', openingHours: 'opening_hours' };
type Query = z.output<typeof WorkstationListQuery>;

function present(ctx: Ctx, row: WorkstationRow): Workstation {
  const write = canWriteInVillage(ctx.actor, row.level === 'town' ? null : row.village_id);
  return {
    id: row.id,
    version: row.version,
    disabled: flag(row.disabled),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    name: row.name,
    level: row.level === 'town' ? 'town' : 'village',
    villageId: row.village_id,
    villageName: row.village_name ?? null,
    address: row.address,
    openingHours: row.opening_hours,
    phone: row.phone,
    lat: row.lat === null ? null : Number(row.lat),
    lng: row.lng === null ? null : Number(row.lng),
    can: { update: write, disable: write },
  };
}

const filterOf = (ctx: Ctx, query: Query) => ({
  q: query.q,
  villageId: query.villageId,
  level: query.level,
  includeDisabled: query.includeDisabled,
  villageIds: readableVillageIds(ctx.actor),
});

export async function list(ctx: Ctx, query: Query): Promise<Page<Workstation>> {
  const page = await listWorkstations(ctx.db, ctx.actor.townId, filterOf(ctx, query), query.page, query.pageSize);
  return { ...page, items: page.items.map((r) => present(ctx, r)) };
}

export async function exportAll(ctx: Ctx, query: Query): Promise<Workstation[]> {
  return (await exportWorkstations(ctx.db, ctx.actor.townId, filterOf(ctx, query))).map((r) => present(ctx, r));
}

export async function get(ctx: Ctx, id: string): Promise<Workstation> {
  const ids = readableVillageIds(ctx.actor);
  const row = await getWorkstation(ctx.db, ctx.actor.townId, id);
  if (!row || (ids && row.level !== 'town' && !ids.includes(row.village_id ?? ''))) throw notFound();
  return present(ctx, row);
}

/** A village workstation names an existing village of the town; a town one may name none. */
async function checkPlacement(ctx: Ctx, level: 'town' | 'village', villageId: string | null): Promise<void> {
  if (level === 'village' && !villageId) throw invalidField('villageId', 'validation.villageRequired');
  if (villageId && !(await getVillage(ctx.db, ctx.actor.townId, villageId)))
    throw invalidField('villageId', 'validation.id');
  if (!canWriteInVillage(ctx.actor, level === 'town' ? null : villageId)) throw forbidden();
}

export async function create(ctx: Ctx, input: z.output<typeof WorkstationInput>): Promise<Workstation> {
  await checkPlacement(ctx, input.level, input.villageId);
  const { villageId, openingHours, ...rest } = input;
  const id = await createRecord(ctx, {
    table: 'workstations',
    entity: 'workstation',
    unique: UNIQUE,
    values: { ...rest, village_id: villageId, opening_hours: openingHours, disabled: 0 },
  });
  return get(ctx, id);
}

export async function update(ctx: Ctx, id: string, input: z.output<typeof WorkstationUpdate>): Promise<Workstation> {
  const before = await get(ctx, id);
  if (!before.can.update) throw forbidden();
  const level = input.level ?? before.level;
  const villageId = input.villageId === undefined ? before.villageId : input.villageId;
  if (level !== before.level || villageId !== before.villageId) await checkPlacement(ctx, level, villageId);
  await updateRecord(ctx, {
    table: 'workstations',
    entity: 'workstation',
    id,
    unique: UNIQUE,
    before,
    input,
    columns: COLUMNS,
  });
  return get(ctx, id);
}
