/** Village squads of a team, kept by the town or the team's leader. */
import type { z } from 'zod';
import type { Squad, SquadInput, SquadListQuery, SquadUpdate } from '../../../common/teams/schemas.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidField, notFound } from '../../platform/errors.ts';
import type { Page } from '../../platform/paging.ts';
import { createRecord, flag, updateRecord } from '../../platform/records.ts';
import { getVillage } from '../org/villages.repo.ts';
import { readableVillageIds } from '../org/org.policy.ts';
import { canManageTeam } from './teams.policy.ts';
import { type SquadRow, exportSquads, getSquad, getTeam, listSquads } from './teams.repo.ts';

const UNIQUE = { name: 'name' };
type Query = z.output<typeof SquadListQuery>;

function present(ctx: Ctx, row: SquadRow): Squad {
  const write = canManageTeam(ctx.actor, row.team_id);
  return {
    id: row.id,
    version: row.version,
    disabled: flag(row.disabled),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    teamId: row.team_id,
    teamName: row.team_name,
    villageId: row.village_id,
    villageName: row.village_name,
    name: row.name,
    memberCount: Number(row.member_count ?? 0),
    can: { update: write, disable: write },
  };
}

const filterOf = (ctx: Ctx, query: Query) => ({ ...query, villageIds: readableVillageIds(ctx.actor) });

export async function list(ctx: Ctx, query: Query): Promise<Page<Squad>> {
  const page = await listSquads(ctx.db, ctx.actor.townId, filterOf(ctx, query), query.page, query.pageSize);
  return { ...page, items: page.items.map((r) => present(ctx, r)) };
}

export async function exportAll(ctx: Ctx, query: Query): Promise<Squad[]> {
  return (await exportSquads(ctx.db, ctx.actor.townId, filterOf(ctx, query))).map((r) => present(ctx, r));
}

export async function get(ctx: Ctx, id: string): Promise<Squad> {
  const ids = readableVillageIds(ctx.actor);
  const row = await getSquad(ctx.db, ctx.actor.townId, id);
  if (!row || (ids && !ids.includes(row.village_id))) throw notFound();
  return present(ctx, row);
}

async function checkVillage(ctx: Ctx, villageId: string): Promise<void> {
  if (!(await getVillage(ctx.db, ctx.actor.townId, villageId))) throw invalidField('villageId', 'validation.id');
}

export async function create(ctx: Ctx, input: z.output<typeof SquadInput>): Promise<Squad> {
  if (!(await getTeam(ctx.db, ctx.actor.townId, input.teamId))) throw invalidField('teamId', 'validation.id');
  if (!canManageTeam(ctx.actor, input.teamId)) throw forbidden();
  await checkVillage(ctx, input.villageId);
  const id = await createRecord(ctx, {
    table: 'squads',
    entity: 'squad',
    unique: UNIQUE,
    values: { team_id: input.teamId, village_id: input.villageId, name: input.name, disabled: 0 },
  });
  return get(ctx, id);
}

export async function update(ctx: Ctx, id: string, input: z.output<typeof SquadUpdate>): Promise<Squad> {
  const before = await get(ctx, id);
  if (!before.can.update) throw forbidden();
  if (input.villageId && input.villageId !== before.villageId) await checkVillage(ctx, input.villageId);
  await updateRecord(ctx, {
    table: 'squads',
    entity: 'squad',
    id,
    unique: UNIQUE,
    before,
    input,
    columns: { villageId: 'village_id' },
  });
  return get(ctx, id);
}
