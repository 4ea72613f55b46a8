/** Who is in a team, in which squad and with which role; leaving keeps the history. */
import type { z } from 'zod';
import type {
  Membership,
  MembershipInput,
  MembershipListQuery,
  MembershipUpdate,
  TeamColour,
  TeamRole,
} from '../../../common/teams/schemas.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, forbidden, invalidField, notFound } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import type { Page } from '../../platform/paging.ts';
import { createRecord, updateRecord } from '../../platform/records.ts';
import { readableVillageIds } from '../org/org.policy.ts';
import { canManageTeam } from './teams.policy.ts';
import {
  type MembershipRow,
  exportMemberships,
  getMembership,
  getSquad,
  getTeam,
  listMemberships,
} from './teams.repo.ts';
import { ErrorCode } from '../../../common/errors/codes.ts';

type Query = z.output<typeof MembershipListQuery>;

function present(row: MembershipRow): Membership {
  return {
    id: row.id,
    version: row.version,
    teamId: row.team_id,
    teamName: row.team_name,
    teamColour: row.team_colour as TeamColour,
    personId: row.person_id,
    personName: row.person_name,
    villageName: row.village_name ?? null,
    mobile: row.mobile_mask,
    role: row.role as TeamRole,
    squadId: row.squad_id,
    squadName: row.squad_name ?? null,
    joinedAt: row.joined_at,
  };
}

async function team(ctx: Ctx, teamId: string) {
  const row = await getTeam(ctx.db, ctx.actor.townId, teamId);
  if (!row) throw notFound();
  return row;
}

export async function list(ctx: Ctx, teamId: string, query: Query): Promise<Page<Membership>> {
  await team(ctx, teamId);
  const f = { ...query, villageIds: readableVillageIds(ctx.actor) };
  const page = await listMemberships(ctx.db, ctx.actor.townId, teamId, f, query.page, query.pageSize);
  return { ...page, items: page.items.map(present) };
}

export async function exportAll(ctx: Ctx, teamId: string, query: Query): Promise<Membership[]> {
  await team(ctx, teamId);
  const rows = await exportMemberships(ctx.db, ctx.actor.townId, teamId, {
    ...query,
    villageIds: readableVillageIds(ctx.actor),
  });
  return rows.map(present);
}

async function checkSquad(ctx: Ctx, teamId: string, squadId: string | null | undefined): Promise<void> {
  if (!squadId) return;
  const squad = await getSquad(ctx.db, ctx.actor.townId, squadId);
  if (!squad || squad.team_id !== teamId) throw invalidField('squadId', 'validation.id');
}

export async function add(ctx: Ctx, teamId: string, input: z.output<typeof MembershipInput>): Promise<Membership> {
  await team(ctx, teamId);
  if (!canManageTeam(ctx.actor, teamId)) throw forbidden();
  const person = await ctx.db
    .selectFrom('people')
    .select(['id', 'disabled'])
    .where('town_id', '=', ctx.actor.townId)
    .where('id', '=', input.personId)
    .executeTakeFirst();
  if (!person || person.disabled) throw invalidField('personId', 'validation.id');
  await checkSquad(ctx, teamId, input.squadId);
  const id = await createRecord(ctx, {
    table: 'team_memberships',
    entity: 'membership',
    unique: { person: 'personId', current: 'personId' },
    values: {
      team_id: teamId,
      person_id: input.personId,
      squad_id: input.squadId,
      role: input.role,
      joined_at: nowIso(),
      left_at: null,
    },
  });
  return get(ctx, id);
}

export async function get(ctx: Ctx, id: string): Promise<Membership> {
  const row = await getMembership(ctx.db, ctx.actor.townId, id);
  if (!row) throw notFound();
  return present(row);
}

export async function update(ctx: Ctx, id: string, input: z.output<typeof MembershipUpdate>): Promise<Membership> {
  const before = await get(ctx, id);
  if (!canManageTeam(ctx.actor, before.teamId)) throw forbidden();
  await checkSquad(ctx, before.teamId, input.squadId);
  await updateRecord(ctx, {
    table: 'team_memberships',
    entity: 'membership',
    id,
    unique: {},
    before: { ...before, disabled: false },
    input,
    columns: { squadId: 'squad_id' },
  });
  return get(ctx, id);
}

/** The member leaves the team; the row stays with its leaving date. */
export async function remove(ctx: Ctx, id: string): Promise<void> {
  const before = await get(ctx, id);
  if (!canManageTeam(ctx.actor, before.teamId)) throw forbidden();
  await ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('team_memberships')
      .set({ left_at: nowIso(), updated_at: nowIso(), version: before.version + 1 })
      .where('town_id', '=', ctx.actor.townId)
      .where('id', '=', id)
      .where('left_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError(ErrorCode.CONFLICT);
    await writeAudit(
      trx,
      auditEvent(ctx, 'membership.remove', id, { teamId: before.teamId, personId: before.personId }),
    );
  });
}
