/** Teams: colour, focus and leaders; created and disabled by the town, edited by their leaders too. */
import type { z } from 'zod';
import type { ListQuery } from '../../../common/shared/schemas.ts';
import type { Team, TeamColour, TeamInput, TeamUpdate } from '../../../common/teams/schemas.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { Page } from '../../platform/paging.ts';
import { createRecord, flag, updateRecord } from '../../platform/records.ts';
import { canManageTeam, canManageTeams } from './teams.policy.ts';
import { type TeamRow, exportTeams, getTeam, listTeams, teamLeaders } from './teams.repo.ts';

const UNIQUE = { name: 'name' };

async function present(ctx: Ctx, rows: TeamRow[]): Promise<Team[]> {
  const leaders = await teamLeaders(
    ctx.db,
    ctx.actor.townId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    disabled: flag(row.disabled),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    name: row.name,
    colour: row.colour as TeamColour,
    focus: row.focus,
    description: row.description,
    sort: row.sort,
    memberCount: Number(row.member_count ?? 0),
    squadCount: Number(row.squad_count ?? 0),
    leaders: leaders.filter((l) => l.team_id === row.id).map((l) => ({ personId: l.person_id, name: l.name })),
    can: { update: canManageTeam(ctx.actor, row.id), disable: canManageTeams(ctx.actor) },
  }));
}

export async function list(ctx: Ctx, query: ListQuery): Promise<Page<Team>> {
  const page = await listTeams(ctx.db, ctx.actor.townId, query, query.page, query.pageSize);
  return { ...page, items: await present(ctx, page.items) };
}

export async function exportAll(ctx: Ctx, query: ListQuery): Promise<Team[]> {
  return present(ctx, await exportTeams(ctx.db, ctx.actor.townId, query));
}

export async function get(ctx: Ctx, id: string): Promise<Team> {
  const row = await getTeam(ctx.db, ctx.actor.townId, id);
  if (!row) throw notFound();
  const [team] = await present(ctx, [row]);
  if (!team) throw notFound();
  return team;
}

export async function create(ctx: Ctx, input: z.output<typeof TeamInput>): Promise<Team> {
  if (!canManageTeams(ctx.actor)) throw forbidden();
  const id = await createRecord(ctx, {
    table: 'teams',
    entity: 'team',
    unique: UNIQUE,
    values: { ...input, disabled: 0 },
  });
  return get(ctx, id);
}

export async function update(ctx: Ctx, id: string, input: z.output<typeof TeamUpdate>): Promise<Team> {
  const before = await get(ctx, id);
  if (
    !before.can.update ||
    (input.disabled !== undefined && input.disabled !== before.disabled && !before.can.disable)
  ) {
    throw forbidden();
  }
  await updateRecord(ctx, { table: 'teams', entity: 'team', id, unique: UNIQUE, before, input });
  return get(ctx, id);
}
