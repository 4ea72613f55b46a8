/** Members: the list in the caller's scope, the full profile, status changes and availability. */
import type { z } from 'zod';
import type {
  Availability,
  Member,
  MemberListQuery,
  MemberProfileInput,
  MemberStatus,
  MemberStatusInput,
  MemberSummary,
} from '../../../common/members/schemas.ts';
import type { Background, PoliticalStatus } from '../../../common/people/schemas.ts';
import { isValidMobile, normaliseMobile } from '../../../common/privacy/identity.ts';
import { shanghaiDate } from '../../../common/requests/calendar.ts';
import type { TeamColour, TeamRole } from '../../../common/teams/schemas.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import type { Page } from '../../platform/paging.ts';
import { updateVersioned } from '../../platform/records.ts';
import { canRevealPerson, canWritePerson, peopleScope } from '../people/people.policy.ts';
import {
  type MemberFilter,
  type MemberRow,
  approvedHours,
  exportMembers,
  getMemberRow,
  householdCount,
  listMembers,
  membershipsOf,
  upcomingShiftsOf,
} from './members.repo.ts';

type Query = z.output<typeof MemberListQuery>;
type Membership = Awaited<ReturnType<typeof membershipsOf>>[number];
type ShiftRow = Awaited<ReturnType<typeof upcomingShiftsOf>>[number];

/** Reads a JSON array column; anything else is empty. */
export const parseList = <T>(json: string | null): T[] => {
  try {
    const value: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
};

function parseAvailability(json: string | null): Availability | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as Partial<Availability>;
    return { weekdays: Array.isArray(v.weekdays) ? v.weekdays : [], shifts: Array.isArray(v.shifts) ? v.shifts : [] };
  } catch {
    return null;
  }
}

const statusOf = (s: string): MemberStatus => (s === 'paused' || s === 'left' ? s : 'active');

function summary(row: MemberRow, teams: Membership[]): MemberSummary {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    gender: row.gender === 'male' || row.gender === 'female' ? row.gender : null,
    birthYear: row.birth_year,
    mobile: row.mobile_mask,
    volunteerNo: row.volunteer_no,
    villageId: row.village_id,
    villageName: row.village_name ?? null,
    politicalStatus: row.political_status as PoliticalStatus,
    backgrounds: parseList<Background>(row.backgrounds),
    status: statusOf(row.member_status),
    teams: teams
      .filter((t) => t.person_id === row.id)
      .map((t) => ({
        membershipId: t.id,
        teamId: t.team_id,
        name: t.name,
        colour: t.colour as TeamColour,
        role: t.role as TeamRole,
        squadId: t.squad_id,
        squadName: t.squad_name ?? null,
        joinedAt: t.joined_at,
      })),
  };
}

/** A shift as the member and team pages show it. */
export const presentShift = (s: ShiftRow) => ({
  id: s.id,
  date: s.date,
  shiftName: s.shift_name,
  startAt: s.start_at,
  endAt: s.end_at,
  workstationId: s.workstation_id,
  workstationName: s.workstation_name ?? null,
  personId: s.person_id,
  personName: s.person_name ?? null,
  status: s.status,
});

function filterOf(ctx: Ctx, query: Query): MemberFilter {
  const mobile = query.q ? normaliseMobile(query.q) : '';
  return {
    ...query,
    mobileHash: isValidMobile(mobile) ? ctx.sealer.hash(mobile) : null,
    scope: peopleScope(ctx.actor),
  };
}

async function presentAll(ctx: Ctx, rows: MemberRow[]): Promise<MemberSummary[]> {
  const teams = await membershipsOf(
    ctx.db,
    ctx.actor.townId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => summary(r, teams));
}

export async function list(ctx: Ctx, query: Query): Promise<Page<MemberSummary>> {
  const filter = filterOf(ctx, query);
  let page = await listMembers(ctx.db, ctx.actor.townId, filter, query.page, query.pageSize);
  // Names are searched from the start (surname or full name) on the index; only when that finds
  // nobody is the slower search anywhere in the name tried (e.g. a given name alone).
  if (page.total === 0 && filter.q && !filter.mobileHash) {
    page = await listMembers(
      ctx.db,
      ctx.actor.townId,
      { ...filter, nameMatch: 'contains' },
      query.page,
      query.pageSize,
    );
  }
  return { ...page, items: await presentAll(ctx, page.items) };
}

export async function exportAll(ctx: Ctx, query: Query): Promise<MemberSummary[]> {
  return presentAll(ctx, await exportMembers(ctx.db, ctx.actor.townId, filterOf(ctx, query)));
}

/** The member's row in the caller's scope, or 404. */
export async function memberRow(ctx: Ctx, id: string) {
  const row = await getMemberRow(ctx.db, ctx.actor.townId, id, peopleScope(ctx.actor));
  if (!row) throw notFound();
  return row;
}

export async function get(ctx: Ctx, id: string): Promise<Member> {
  const row = await memberRow(ctx, id);
  const townId = ctx.actor.townId;
  const [teams, shifts, hours, households] = await Promise.all([
    membershipsOf(ctx.db, townId, [id]),
    upcomingShiftsOf(ctx.db, townId, [id], shanghaiDate(new Date())),
    approvedHours(ctx.db, townId, id),
    householdCount(ctx.db, townId, id),
  ]);
  return {
    ...summary(row, teams),
    idNumber: row.id_number_mask,
    skills: parseList<string>(row.skills),
    notes: row.notes,
    statusSince: row.status_since,
    statusNote: row.status_note,
    availability: parseAvailability(row.availability),
    publicAlias: row.public_alias,
    upcomingShifts: shifts.map(presentShift),
    hoursApproved: hours,
    householdCount: households,
    can: {
      update: canWritePerson(ctx.actor, row.village_id),
      reveal: canRevealPerson(ctx.actor, row.village_id),
    },
  };
}

/** Active, paused or left; leaving ends every current membership. Audited. */
export async function setStatus(ctx: Ctx, id: string, input: z.output<typeof MemberStatusInput>): Promise<Member> {
  const row = await memberRow(ctx, id);
  if (!canWritePerson(ctx.actor, row.village_id)) throw forbidden();
  const now = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    await updateVersioned(
      trx,
      'people',
      { townId: ctx.actor.townId, id, version: input.version },
      { member_status: input.status, status_since: now, status_note: input.note },
    );
    let ended = 0;
    if (input.status === 'left') {
      const result = await trx
        .updateTable('team_memberships')
        .set((eb) => ({ left_at: now, updated_at: now, version: eb('version', '+', 1) }))
        .where('town_id', '=', ctx.actor.townId)
        .where('person_id', '=', id)
        .where('left_at', 'is', null)
        .executeTakeFirst();
      ended = Number(result.numUpdatedRows);
    }
    await writeAudit(
      trx,
      auditEvent(ctx, 'member.status', id, {
        from: row.member_status,
        to: input.status,
        note: input.note,
        membershipsEnded: ended,
      }),
    );
  });
  return get(ctx, id);
}

/** When the member can serve, and the alias public boards show. */
export async function updateProfile(ctx: Ctx, id: string, input: z.output<typeof MemberProfileInput>): Promise<Member> {
  const row = await memberRow(ctx, id);
  if (!canWritePerson(ctx.actor, row.village_id)) throw forbidden();
  const set: { availability?: string | null; public_alias?: string | null } = {};
  if (input.availability !== undefined)
    set.availability = input.availability
      ? JSON.stringify({
          weekdays: [...new Set(input.availability.weekdays)].sort(),
          shifts: [...new Set(input.availability.shifts)],
        })
      : null;
  if (input.publicAlias !== undefined) set.public_alias = input.publicAlias;
  await ctx.db.transaction().execute(async (trx) => {
    await updateVersioned(trx, 'people', { townId: ctx.actor.townId, id, version: input.version }, set);
    await writeAudit(trx, auditEvent(ctx, 'member.profile', id, { fields: Object.keys(set) }));
  });
  return get(ctx, id);
}
