/**
 * Activities: list, detail, create, edit, state transitions, stalls and their results, the summary,
 * photos, and problems found at a stall that become requests. Every change is one transaction with
 * its audit row and the recomputed totals.
 */
import type { z } from 'zod';
import {
  type ActivityState,
  type ActivityTransition,
  REASON_REQUIRED,
  VISIBLE_TO_MEMBERS,
  allowedTransitions,
  allows,
  nextState,
  operations,
} from '../../../common/activities/lifecycle.ts';
import type {
  ActivityDetail,
  ActivityInput,
  ActivityListQuery,
  ActivitySummary,
  ActivityUpdate,
  PhotosInput,
  ProblemInput,
  StallInput,
  StallKindInput,
  StallKindUpdate,
  StallResultsInput,
  StallUpdate,
  SummaryInput,
} from '../../../common/activities/schemas.ts';
import { containsText } from '../../db/dialect.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { duplicate, forbidden, invalidField, notFound, staleVersion } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { notifyUsers } from '../../platform/notify.ts';
import { paginate } from '../../platform/paging.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { createRequest } from '../requests/intake.service.ts';
import { canConfigure, canJoin, canManage, canManageStall, seesAllStates } from './activities.policy.ts';
import {
  type ActivityRow,
  type Db,
  type StallRow,
  activityQuery,
  ensureStallKinds,
  loadActivity,
  photosOf,
  presentSignup,
  presentStall,
  requestsOf,
  signupQuery,
  stallQuery,
  stallsOf,
  teamsOf,
  waitlistPositions,
} from './activities.repo.ts';
import { conflict, dayAfter, dayStart, notNow, shanghaiMonthOf, toUtc } from './activities.shared.ts';
import { refreshTotals } from './activities.totals.ts';
import { finishSignups, promoteWaiting } from './signups.service.ts';

type Input<T extends z.ZodTypeAny> = z.output<T>;

// ---- checks ------------------------------------------------------------------------------------

/** Resolves and checks the place; returns the village (the workstation's when none is given). */
export async function resolvePlace(
  db: Db,
  townId: string,
  p: { workstationId: string | null; villageId: string | null; address: string | null },
): Promise<{ workstationId: string | null; villageId: string | null; address: string | null }> {
  let villageId = p.villageId;
  if (p.workstationId) {
    const w = await db
      .selectFrom('workstations')
      .select(['village_id', 'disabled'])
      .where('town_id', '=', townId)
      .where('id', '=', p.workstationId)
      .executeTakeFirst();
    if (!w || w.disabled) throw invalidField('workstationId', 'validation.invalidOption');
    villageId ??= w.village_id;
  }
  if (villageId) {
    const v = await db
      .selectFrom('villages')
      .select('id')
      .where('town_id', '=', townId)
      .where('id', '=', villageId)
      .executeTakeFirst();
    if (!v) throw invalidField('villageId', 'validation.invalidOption');
  }
  if (!p.workstationId && !p.address) throw invalidField('address', 'validation.placeRequired');
  return { workstationId: p.workstationId, villageId, address: p.address };
}

/** Checks the organising teams exist and are active; returns them without duplicates. */
export async function resolveTeams(db: Db, townId: string, teamIds: readonly string[], field = 'teamIds') {
  const unique = [...new Set(teamIds)];
  if (unique.length === 0) return unique;
  const rows = await db
    .selectFrom('teams')
    .select(['id', 'disabled'])
    .where('town_id', '=', townId)
    .where('id', 'in', unique)
    .execute();
  const ok = new Set(rows.filter((r) => !r.disabled).map((r) => r.id));
  const bad = teamIds.findIndex((id) => !ok.has(id));
  if (bad >= 0) throw invalidField(`${field}.${bad}`, 'validation.invalidOption');
  return unique;
}

/** Resolves stall kinds (codes) and teams of stall inputs; unknown ones are a 400 naming the field. */
export async function resolveStalls(
  db: Db,
  townId: string,
  stalls: readonly { kind: string; teamId: string | null }[],
  field: (i: number, name: string) => string,
): Promise<string[]> {
  if (stalls.length === 0) return [];
  await ensureStallKinds(db, townId);
  const kinds = await db
    .selectFrom('stall_kinds')
    .select(['id', 'code', 'disabled'])
    .where('town_id', '=', townId)
    .execute();
  const byCode = new Map(kinds.filter((k) => !k.disabled).map((k) => [k.code, k.id]));
  const teamIds = [...new Set(stalls.map((s) => s.teamId).filter((t): t is string => !!t))];
  const teams = teamIds.length
    ? await db
        .selectFrom('teams')
        .select(['id', 'disabled'])
        .where('town_id', '=', townId)
        .where('id', 'in', teamIds)
        .execute()
    : [];
  const okTeams = new Set(teams.filter((t) => !t.disabled).map((t) => t.id));
  return stalls.map((s, i) => {
    const kindId = byCode.get(s.kind);
    if (!kindId) throw invalidField(field(i, 'kind'), 'validation.stallKind');
    if (s.teamId && !okTeams.has(s.teamId)) throw invalidField(field(i, 'teamId'), 'validation.invalidOption');
    return kindId;
  });
}

/** The activity for a change: locked (PostgreSQL row lock), visible and in scope. */
export async function forChange(
  ctx: Ctx,
  trx: Db,
  id: string,
  lock = true,
): Promise<{ row: ActivityRow; teamIds: string[]; manage: boolean }> {
  if (lock) {
    const locked = await trx
      .updateTable('activities')
      .set({ town_id: ctx.actor.townId })
      .where('town_id', '=', ctx.actor.townId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(locked.numUpdatedRows) !== 1) throw notFound();
  }
  const row = await loadActivity(trx, ctx.actor.townId, id);
  if (!row) throw notFound();
  if (!seesAllStates(ctx.actor) && !(VISIBLE_TO_MEMBERS as readonly string[]).includes(row.state)) throw notFound();
  const teamIds = (await teamsOf(trx, ctx.actor.townId, [id])).get(id)?.map((t) => t.id) ?? [];
  return { row, teamIds, manage: canManage(ctx.actor, { villageId: row.village_id, teamIds }) };
}

const asState = (s: string): ActivityState => s as ActivityState;

/** The state must allow the operation; otherwise a 409 saying which state it is in. */
export function requireOperation(row: ActivityRow, op: Parameters<typeof allows>[1], key: string): void {
  if (!allows(asState(row.state), op)) throw notNow(key, { state: `enums.activityState.${row.state}` });
}

// ---- presenting --------------------------------------------------------------------------------

async function summaries(ctx: Ctx, rows: ActivityRow[]): Promise<ActivitySummary[]> {
  const townId = ctx.actor.townId;
  const ids = rows.map((r) => r.id);
  const [teams, stalls, mine] = await Promise.all([
    teamsOf(ctx.db, townId, ids),
    stallsOf(ctx.db, townId, ids),
    ctx.actor.personId && ids.length
      ? ctx.db
          .selectFrom('activity_signups')
          .select(['activity_id', 'state'])
          .where('town_id', '=', townId)
          .where('person_id', '=', ctx.actor.personId)
          .where('activity_id', 'in', ids)
          .execute()
      : Promise.resolve([]),
  ]);
  const myState = new Map(mine.map((m) => [m.activity_id, m.state]));
  return rows.map((r) =>
    present(
      r,
      teams.get(r.id) ?? [],
      stalls.filter((s) => s.activity_id === r.id),
      myState.get(r.id),
    ),
  );
}

function present(
  r: ActivityRow,
  teams: { id: string; name: string; color: string | null }[],
  stalls: StallRow[],
  myState: string | undefined,
): ActivitySummary {
  // With stalls, places are the stalls' member slots; without, the activity's own capacity.
  const capacity = stalls.length ? stalls.reduce((n, s) => n + s.capacity, 0) : r.capacity;
  const taken = stalls.length ? stalls.reduce((n, s) => n + s.taken, 0) : r.taken;
  return {
    id: r.id,
    version: r.version,
    seriesId: r.series_id,
    edited: r.edited === 1,
    kind: r.kind as ActivitySummary['kind'],
    title: r.title,
    state: asState(r.state),
    startAt: r.start_at,
    endAt: r.end_at,
    workstationId: r.workstation_id,
    workstationName: r.workstation_name,
    villageId: r.village_id,
    villageName: r.village_name,
    address: r.address,
    teams,
    waitlist: r.waitlist === 1,
    capacity,
    taken,
    free: capacity === null ? null : Math.max(0, capacity - taken),
    waitlisted: r.waitlisted,
    stallKinds: [...new Set(stalls.map((s) => s.kind_name))],
    attended: r.attended,
    personTimes: r.served + (r.reach ?? 0),
    deeds: r.deeds,
    myState: (myState ?? null) as ActivitySummary['myState'],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getDetail(ctx: Ctx, id: string): Promise<ActivityDetail> {
  const townId = ctx.actor.townId;
  const row = await loadActivity(ctx.db, townId, id);
  if (!row) throw notFound();
  if (!seesAllStates(ctx.actor) && !(VISIBLE_TO_MEMBERS as readonly string[]).includes(row.state)) throw notFound();
  const [teamMap, stalls, photos, counts, mine] = await Promise.all([
    teamsOf(ctx.db, townId, [id]),
    stallsOf(ctx.db, townId, [id]),
    photosOf(ctx.db, townId, id),
    ctx.db
      .selectFrom('activity_signups')
      .select(['state', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('town_id', '=', townId)
      .where('activity_id', '=', id)
      .groupBy('state')
      .execute(),
    ctx.actor.personId
      ? signupQuery(ctx.db, townId)
          .where('g.activity_id', '=', id)
          .where('g.person_id', '=', ctx.actor.personId)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const teams = teamMap.get(id) ?? [];
  const manage = canManage(ctx.actor, { villageId: row.village_id, teamIds: teams.map((t) => t.id) });
  const seeRequests = manage || (ctx.actor.permissions.includes('requests.manage') && !!scopeTown(ctx));
  const requests = seeRequests ? await requestsOf(ctx.db, townId, id) : [];
  const n = (s: string) => Number(counts.find((c) => c.state === s)?.n ?? 0);
  const state = asState(row.state);
  let mySignup = null;
  if (mine) {
    const pos = mine.state === 'waitlisted' ? (await waitlistPositions(ctx.db, townId, id)).get(mine.id) : undefined;
    mySignup = presentSignup(mine, pos ?? null);
  }
  const join = canJoin(ctx.actor);
  return {
    ...present(row, teams, stalls, mine?.state),
    description: row.description,
    summary: row.summary,
    reach: row.reach,
    cancelReason: row.cancel_reason,
    publishedAt: row.published_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    reportedAt: row.reported_at,
    cancelledAt: row.cancelled_at,
    stalls: stalls.map(presentStall),
    photos: photos.map(({ path: _p, ...p }) => p),
    requests,
    mySignup,
    counts: {
      signedUp: n('signed_up'),
      waitlisted: n('waitlisted'),
      attended: n('attended'),
      noShow: n('no_show'),
      cancelled: n('cancelled'),
      hours: Number(row.hours),
    },
    transitions: manage ? allowedTransitions(state) : [],
    operations: [...operations[state]],
    can: {
      manage,
      join,
      raiseRequest:
        allows(state, 'raise_request') &&
        ctx.actor.permissions.includes('requests.intake') &&
        (manage ||
          mine?.state === 'attended' ||
          stalls.some((s) =>
            canManageStall(ctx.actor, { villageId: row.village_id, teamIds: teams.map((t) => t.id) }, s.team_id),
          )),
    },
  };
}

const scopeTown = (ctx: Ctx) => ctx.actor.roles.some((r) => r.role === 'town_admin');

// ---- list --------------------------------------------------------------------------------------

export function listBase(ctx: Ctx, q: ActivityListQuery) {
  const townId = ctx.actor.townId;
  let query = activityQuery(ctx.db, townId);
  const states = q.state ? q.state.split(',') : null;
  if (states) query = query.where('a.state', 'in', states);
  if (!seesAllStates(ctx.actor)) query = query.where('a.state', 'in', [...VISIBLE_TO_MEMBERS]);
  if (q.kind) query = query.where('a.kind', '=', q.kind);
  if (q.villageId) query = query.where('a.village_id', '=', q.villageId);
  if (q.seriesId) query = query.where('a.series_id', '=', q.seriesId);
  if (q.from) query = query.where('a.start_at', '>=', dayStart(q.from));
  if (q.to) query = query.where('a.start_at', '<', dayAfter(q.to));
  if (q.teamId) {
    const teamId = q.teamId;
    query = query.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('activity_teams as at')
            .select('at.id')
            .whereRef('at.town_id', '=', 'a.town_id')
            .whereRef('at.activity_id', '=', 'a.id')
            .where('at.team_id', '=', teamId),
        ),
        eb.exists(
          eb
            .selectFrom('activity_stalls as st')
            .select('st.id')
            .whereRef('st.town_id', '=', 'a.town_id')
            .whereRef('st.activity_id', '=', 'a.id')
            .where('st.team_id', '=', teamId),
        ),
      ]),
    );
  }
  if (q.q) {
    const needle = q.q;
    query = query.where((eb) =>
      eb.or([
        containsText(ctx.db, eb.ref('a.title'), needle),
        containsText(ctx.db, eb.ref('a.address'), needle),
        containsText(ctx.db, eb.ref('w.name'), needle),
        containsText(ctx.db, eb.ref('v.name'), needle),
      ]),
    );
  }
  if (q.view === 'mine') {
    const personId = ctx.actor.personId ?? '-';
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('activity_signups as g')
          .select('g.id')
          .whereRef('g.town_id', '=', 'a.town_id')
          .whereRef('g.activity_id', '=', 'a.id')
          .where('g.person_id', '=', personId)
          .where('g.state', '!=', 'cancelled'),
      ),
    );
  }
  if (q.view === 'open') query = query.where('a.state', '=', 'published').where('a.end_at', '>', nowIso());
  return query;
}

export async function listActivities(ctx: Ctx, q: ActivityListQuery) {
  const asc = q.sort === 'start_asc' || (q.sort === undefined && q.view === 'open');
  const page = await paginate(
    listBase(ctx, q),
    (b) =>
      b
        .selectAll('a')
        .select(['w.name as workstation_name', 'w.address as workstation_address', 'v.name as village_name'])
        .orderBy('a.start_at', asc ? 'asc' : 'desc')
        .orderBy('a.id', asc ? 'asc' : 'desc'),
    q.page,
    q.pageSize,
  );
  return { ...page, items: await summaries(ctx, page.items) };
}

// ---- create and edit ---------------------------------------------------------------------------

interface NewActivity {
  seriesId: string | null;
  kind: string;
  title: string;
  state: ActivityState;
  startAt: string;
  endAt: string;
  workstationId: string | null;
  villageId: string | null;
  address: string | null;
  teamIds: string[];
  capacity: number | null;
  waitlist: boolean;
  description: string | null;
  stalls: { kindId: string; teamId: string | null; capacity: number; label: string | null }[];
}

/** Inserts an activity with its teams and stalls (inside the caller's transaction). */
export async function insertActivity(trx: Db, townId: string, userId: string | null, a: NewActivity): Promise<string> {
  const id = newId();
  const now = nowIso();
  await trx
    .insertInto('activities')
    .values({
      town_id: townId,
      id,
      version: 1,
      created_at: now,
      updated_at: now,
      series_id: a.seriesId,
      edited: 0,
      kind: a.kind,
      title: a.title,
      state: a.state,
      start_at: a.startAt,
      end_at: a.endAt,
      month: shanghaiMonthOf(a.startAt),
      workstation_id: a.workstationId,
      village_id: a.villageId,
      address: a.address,
      lead_team_id: a.teamIds[0] ?? null,
      capacity: a.capacity,
      waitlist: a.waitlist ? 1 : 0,
      description: a.description,
      summary: null,
      reach: null,
      cancel_reason: null,
      published_at: a.state === 'published' ? now : null,
      started_at: null,
      finished_at: null,
      reported_at: null,
      cancelled_at: null,
      created_by: userId,
      served: 0,
      deeds: 0,
      signups: 0,
      taken: 0,
      waitlisted: 0,
      attended: 0,
      no_shows: 0,
      hours: 0,
    })
    .execute();
  if (a.teamIds.length)
    await trx
      .insertInto('activity_teams')
      .values(
        a.teamIds.map((teamId, i) => ({ town_id: townId, id: newId(), activity_id: id, team_id: teamId, sort: i })),
      )
      .execute();
  if (a.stalls.length)
    await trx
      .insertInto('activity_stalls')
      .values(
        a.stalls.map((s, i) => ({
          town_id: townId,
          id: newId(),
          version: 1,
          created_at: now,
          updated_at: now,
          activity_id: id,
          kind_id: s.kindId,
          team_id: s.teamId,
          capacity: s.capacity,
          label: s.label,
          sort: (i + 1) * 10,
          served: null,
          deeds: null,
          notes: null,
          taken: 0,
          waitlisted: 0,
          attended: 0,
          no_shows: 0,
          hours: 0,
        })),
      )
      .execute();
  await refreshTotals(trx, townId, id);
  return id;
}

export async function createActivity(ctx: Ctx, input: Input<typeof ActivityInput>): Promise<ActivityDetail> {
  const townId = ctx.actor.townId;
  const id = await ctx.db.transaction().execute(async (trx) => {
    const place = await resolvePlace(trx, townId, input);
    const teamIds = await resolveTeams(trx, townId, input.teamIds);
    if (!canManage(ctx.actor, { villageId: place.villageId, teamIds })) throw forbidden();
    const kindIds = await resolveStalls(trx, townId, input.stalls, (i, f) => `stalls.${i}.${f}`);
    const newIdValue = await insertActivity(trx, townId, ctx.actor.userId, {
      seriesId: null,
      kind: input.kind,
      title: input.title,
      state: 'planned',
      startAt: toUtc(input.startAt),
      endAt: toUtc(input.endAt),
      ...place,
      teamIds,
      capacity: input.capacity,
      waitlist: input.waitlist,
      description: input.description,
      stalls: input.stalls.map((s, i) => ({
        kindId: kindIds[i] ?? '',
        teamId: s.teamId,
        capacity: s.capacity,
        label: s.label,
      })),
    });
    await writeAudit(
      trx,
      auditEvent(ctx, 'activity.create', newIdValue, {
        kind: input.kind,
        title: input.title,
        stalls: input.stalls.length,
      }),
    );
    return newIdValue;
  });
  return getDetail(ctx, id);
}

/** Replaces an activity's organising teams. */
export async function setTeams(trx: Db, townId: string, activityId: string, teamIds: readonly string[]) {
  await trx.deleteFrom('activity_teams').where('town_id', '=', townId).where('activity_id', '=', activityId).execute();
  if (teamIds.length)
    await trx
      .insertInto('activity_teams')
      .values(
        teamIds.map((teamId, i) => ({
          town_id: townId,
          id: newId(),
          activity_id: activityId,
          team_id: teamId,
          sort: i,
        })),
      )
      .execute();
}

export async function updateActivity(
  ctx: Ctx,
  id: string,
  input: Input<typeof ActivityUpdate>,
): Promise<ActivityDetail> {
  const townId = ctx.actor.townId;
  await ctx.db.transaction().execute(async (trx) => {
    const { row, teamIds, manage } = await forChange(ctx, trx, id);
    if (!manage) throw forbidden();
    if (row.version !== input.version) throw staleVersion();
    requireOperation(row, 'edit', 'activities.notEditable');
    const place = await resolvePlace(trx, townId, {
      workstationId: input.workstationId === undefined ? row.workstation_id : input.workstationId,
      villageId:
        input.villageId === undefined ? (input.workstationId !== undefined ? null : row.village_id) : input.villageId,
      address: input.address === undefined ? row.address : input.address,
    });
    const newTeams = input.teamIds ? await resolveTeams(trx, townId, input.teamIds) : teamIds;
    // The edited activity must stay within the editor's reach.
    if (!canManage(ctx.actor, { villageId: place.villageId, teamIds: newTeams })) throw forbidden();
    const startAt = input.startAt ? toUtc(input.startAt) : row.start_at;
    const endAt = input.endAt ? toUtc(input.endAt) : row.end_at;
    if (Date.parse(endAt) <= Date.parse(startAt)) throw invalidField('endAt', 'validation.endAfterStart');
    const set = {
      kind: input.kind ?? row.kind,
      title: input.title ?? row.title,
      workstation_id: place.workstationId,
      village_id: place.villageId,
      address: place.address,
      lead_team_id: newTeams[0] ?? null,
      capacity: input.capacity === undefined ? row.capacity : input.capacity,
      waitlist: input.waitlist === undefined ? row.waitlist : input.waitlist ? 1 : 0,
      description: input.description === undefined ? row.description : input.description,
      start_at: startAt,
      end_at: endAt,
      month: shanghaiMonthOf(startAt),
      edited: row.series_id ? 1 : 0,
      version: row.version + 1,
      updated_at: nowIso(),
    };
    await trx.updateTable('activities').set(set).where('town_id', '=', townId).where('id', '=', id).execute();
    if (input.teamIds) await setTeams(trx, townId, id, newTeams);
    // More places may let people off the waiting list.
    if ((set.capacity ?? Infinity) > (row.capacity ?? Infinity) || (row.capacity !== null && set.capacity === null))
      await promoteWaiting(ctx, trx, { ...row, ...set }, null);
    await refreshTotals(trx, townId, id);
    const { version: _v, updated_at: _u, ...changed } = set;
    await writeAudit(
      trx,
      auditEvent(ctx, 'activity.update', id, {
        fields: Object.keys(input).filter((k) => k !== 'version'),
        title: changed.title,
      }),
    );
  });
  return getDetail(ctx, id);
}

// ---- transitions -------------------------------------------------------------------------------

export async function transition(
  ctx: Ctx,
  id: string,
  action: ActivityTransition,
  input: { version: number; reason: string | null },
): Promise<ActivityDetail> {
  const townId = ctx.actor.townId;
  await ctx.db.transaction().execute(async (trx) => {
    const { row, manage } = await forChange(ctx, trx, id);
    if (!manage) throw forbidden();
    if (row.version !== input.version) throw staleVersion();
    const to = nextState(asState(row.state), action);
    if (!to)
      throw notNow('activities.transitionRefused', {
        action: `enums.activityTransition.${action}`,
        state: `enums.activityState.${row.state}`,
      });
    if (REASON_REQUIRED.includes(action) && !input.reason) throw invalidField('reason', 'validation.reasonRequired');
    const now = nowIso();
    if (action === 'report') {
      const missing = await trx
        .selectFrom('activity_stalls as s')
        .innerJoin('stall_kinds as k', (j) => j.onRef('k.town_id', '=', 's.town_id').onRef('k.id', '=', 's.kind_id'))
        .select(['s.label', 'k.name'])
        .where('s.town_id', '=', townId)
        .where('s.activity_id', '=', id)
        .where('s.served', 'is', null)
        .execute();
      if (missing.length)
        throw conflict('activities.resultsMissing', { stalls: missing.map((m) => m.label ?? m.name).join('、') });
    }
    const stamp = {
      publish: 'published_at',
      start: 'started_at',
      finish: 'finished_at',
      report: 'reported_at',
      cancel: 'cancelled_at',
    } as const;
    await trx
      .updateTable('activities')
      .set({
        state: to,
        [stamp[action]]: now,
        ...(action === 'cancel' ? { cancel_reason: input.reason } : {}),
        version: row.version + 1,
        updated_at: now,
      })
      .where('town_id', '=', townId)
      .where('id', '=', id)
      .execute();
    if (action === 'finish') await finishSignups(ctx, trx, { ...row, state: to }, now);
    if (action === 'cancel') {
      const people = await trx
        .selectFrom('activity_signups')
        .select('person_id')
        .where('town_id', '=', townId)
        .where('activity_id', '=', id)
        .where('state', 'in', ['signed_up', 'waitlisted'])
        .execute();
      await trx
        .updateTable('activity_signups')
        .set({ state: 'cancelled', cancel_reason: input.reason, updated_at: now })
        .where('town_id', '=', townId)
        .where('activity_id', '=', id)
        .where('state', 'in', ['signed_up', 'waitlisted'])
        .execute();
      await notifyPeople(
        ctx,
        trx,
        people.map((p) => p.person_id),
        {
          kind: 'activity.cancelled',
          title: ctx.lang === 'en' ? `Cancelled: ${row.title}` : `活动取消：${row.title}`,
          body: input.reason,
          link: `/activities/${id}`,
        },
      );
    }
    await refreshTotals(trx, townId, id);
    await writeAudit(
      trx,
      auditEvent(ctx, `activity.${action}`, id, {
        from: row.state,
        to,
        ...(input.reason ? { reason: input.reason } : {}),
      }),
    );
  });
  return getDetail(ctx, id);
}

/** In-app notices to the accounts of these people. */
export async function notifyPeople(
  ctx: Ctx,
  trx: Db,
  personIds: readonly string[],
  n: { kind: string; title: string; body?: string | null; link?: string | null },
): Promise<void> {
  if (personIds.length === 0) return;
  const users = await trx
    .selectFrom('users')
    .select('id')
    .where('town_id', '=', ctx.actor.townId)
    .where('person_id', 'in', [...new Set(personIds)])
    .where('disabled', '=', 0)
    .execute();
  await notifyUsers(
    trx,
    ctx.actor.townId,
    users.map((u) => u.id),
    n,
  );
}

// ---- stalls ------------------------------------------------------------------------------------

async function loadStall(trx: Db, townId: string, activityId: string, stallId: string): Promise<StallRow> {
  const s = await stallQuery(trx, townId).where('s.id', '=', stallId).executeTakeFirst();
  if (!s || s.activity_id !== activityId) throw notFound();
  return s;
}

export async function addStall(ctx: Ctx, id: string, input: Input<typeof StallInput>): Promise<ActivityDetail> {
  const townId = ctx.actor.townId;
  await ctx.db.transaction().execute(async (trx) => {
    const { row, manage } = await forChange(ctx, trx, id);
    if (!manage) throw forbidden();
    requireOperation(row, 'edit', 'activities.notEditable');
    const [kindId] = await resolveStalls(trx, townId, [input], (_i, f) => f);
    const max = await trx
      .selectFrom('activity_stalls')
      .select((eb) => eb.fn.max('sort').as('m'))
      .where('town_id', '=', townId)
      .where('activity_id', '=', id)
      .executeTakeFirst();
    const now = nowIso();
    const stallId = newId();
    await trx
      .insertInto('activity_stalls')
      .values({
        town_id: townId,
        id: stallId,
        version: 1,
        created_at: now,
        updated_at: now,
        activity_id: id,
        kind_id: kindId ?? '',
        team_id: input.teamId,
        capacity: input.capacity,
        label: input.label,
        sort: Number(max?.m ?? 0) + 10,
        served: null,
        deeds: null,
        notes: null,
        taken: 0,
        waitlisted: 0,
        attended: 0,
        no_shows: 0,
        hours: 0,
      })
      .execute();
    await refreshTotals(trx, townId, id);
    await writeAudit(trx, auditEvent(ctx, 'activity.stall_add', id, { stallId, kind: input.kind }));
  });
  return getDetail(ctx, id);
}

export async function updateStall(ctx: Ctx, id: string, stallId: string, input: Input<typeof StallUpdate>) {
  const townId = ctx.actor.townId;
  await ctx.db.transaction().execute(async (trx) => {
    const { row, manage } = await forChange(ctx, trx, id);
    if (!manage) throw forbidden();
    requireOperation(row, 'edit', 'activities.notEditable');
    const stall = await loadStall(trx, townId, id, stallId);
    if (stall.version !== input.version) throw staleVersion();
    const kind = input.kind ?? stall.kind_code;
    const teamId = input.teamId === undefined ? stall.team_id : input.teamId;
    const [kindId] = await resolveStalls(trx, townId, [{ kind, teamId }], (_i, f) => f);
    const capacity = input.capacity ?? stall.capacity;
    await trx
      .updateTable('activity_stalls')
      .set({
        kind_id: kindId ?? stall.kind_id,
        team_id: teamId,
        capacity,
        label: input.label === undefined ? stall.label : input.label,
        version: stall.version + 1,
        updated_at: nowIso(),
      })
      .where('town_id', '=', townId)
      .where('id', '=', stallId)
      .execute();
    if (capacity > stall.capacity) await promoteWaiting(ctx, trx, row, stallId);
    await refreshTotals(trx, townId, id);
    await writeAudit(trx, auditEvent(ctx, 'activity.stall_update', id, { stallId, kind, capacity }));
  });
  return getDetail(ctx, id);
}

export async function removeStall(ctx: Ctx, id: string, stallId: string): Promise<ActivityDetail> {
  const townId = ctx.actor.townId;
  await ctx.db.transaction().execute(async (trx) => {
    const { row, manage } = await forChange(ctx, trx, id);
    if (!manage) throw forbidden();
    requireOperation(row, 'edit', 'activities.notEditable');
    const stall = await loadStall(trx, townId, id, stallId);
    const active = await trx
      .selectFrom('activity_signups')
      .select('id')
      .where('town_id', '=', townId)
      .where('stall_id', '=', stallId)
      .where('state', '!=', 'cancelled')
      .limit(1)
      .executeTakeFirst();
    if (active) throw conflict('activities.stallHasSignups', { stall: stall.label ?? stall.kind_name });
    await trx.deleteFrom('activity_signups').where('town_id', '=', townId).where('stall_id', '=', stallId).execute();
    await trx.deleteFrom('activity_stalls').where('town_id', '=', townId).where('id', '=', stallId).execute();
    await refreshTotals(trx, townId, id);
    await writeAudit(trx, auditEvent(ctx, 'activity.stall_remove', id, { stallId, kind: stall.kind_code }));
  });
  return getDetail(ctx, id);
}

export async function putStallResults(ctx: Ctx, id: string, stallId: string, input: Input<typeof StallResultsInput>) {
  const townId = ctx.actor.townId;
  await ctx.db.transaction().execute(async (trx) => {
    const { row, teamIds } = await forChange(ctx, trx, id);
    const stall = await loadStall(trx, townId, id, stallId);
    if (!canManageStall(ctx.actor, { villageId: row.village_id, teamIds }, stall.team_id)) throw forbidden();
    if (stall.version !== input.version) throw staleVersion();
    requireOperation(row, 'record_results', 'activities.resultsNotNow');
    await trx
      .updateTable('activity_stalls')
      .set({
        served: input.served,
        deeds: input.deeds,
        notes: input.notes,
        version: stall.version + 1,
        updated_at: nowIso(),
      })
      .where('town_id', '=', townId)
      .where('id', '=', stallId)
      .execute();
    await refreshTotals(trx, townId, id);
    await writeAudit(
      trx,
      auditEvent(ctx, 'activity.results', id, { stallId, served: input.served, deeds: input.deeds }),
    );
  });
  return getDetail(ctx, id);
}

export async function putSummary(ctx: Ctx, id: string, input: Input<typeof SummaryInput>) {
  const townId = ctx.actor.townId;
  await ctx.db.transaction().execute(async (trx) => {
    const { row, manage } = await forChange(ctx, trx, id);
    if (!manage) throw forbidden();
    if (row.version !== input.version) throw staleVersion();
    requireOperation(row, 'record_results', 'activities.resultsNotNow');
    await trx
      .updateTable('activities')
      .set({ summary: input.summary, reach: input.reach, version: row.version + 1, updated_at: nowIso() })
      .where('town_id', '=', townId)
      .where('id', '=', id)
      .execute();
    await refreshTotals(trx, townId, id);
    await writeAudit(trx, auditEvent(ctx, 'activity.summary', id, { reach: input.reach }));
  });
  return getDetail(ctx, id);
}

// ---- photos ------------------------------------------------------------------------------------

const ATTACH_WINDOW_MS = 24 * 3600_000;

export async function addPhotos(ctx: Ctx, id: string, input: Input<typeof PhotosInput>) {
  const townId = ctx.actor.townId;
  await ctx.db.transaction().execute(async (trx) => {
    const { row, teamIds } = await forChange(ctx, trx, id);
    const stalls = await stallsOf(trx, townId, [id]);
    const allowed =
      canManage(ctx.actor, { villageId: row.village_id, teamIds }) ||
      stalls.some((s) => canManageStall(ctx.actor, { villageId: row.village_id, teamIds }, s.team_id));
    if (!allowed) throw forbidden();
    requireOperation(row, 'photos', 'activities.photosNotNow');
    const ids = [...new Set(input.photoIds)];
    const since = new Date(Date.now() - ATTACH_WINDOW_MS).toISOString();
    const fresh = await trx
      .selectFrom('uploads')
      .select('id')
      .where('town_id', '=', townId)
      .where('id', 'in', ids)
      .where('request_id', 'is', null)
      .where('created_at', '>=', since)
      .execute();
    const ok = new Set(fresh.map((f) => f.id));
    const bad = input.photoIds.findIndex((p) => !ok.has(p));
    if (bad >= 0) throw invalidField(`photoIds.${bad}`, 'validation.id');
    const now = nowIso();
    try {
      await trx
        .insertInto('activity_photos')
        .values(
          ids.map((u) => ({
            town_id: townId,
            id: newId(),
            activity_id: id,
            upload_id: u,
            created_by: ctx.actor.userId,
            created_at: now,
          })),
        )
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicate('photoIds');
      throw error;
    }
    await writeAudit(trx, auditEvent(ctx, 'activity.photos_add', id, { count: ids.length }));
  });
  return getDetail(ctx, id);
}

export async function removePhoto(ctx: Ctx, id: string, photoId: string) {
  const townId = ctx.actor.townId;
  await ctx.db.transaction().execute(async (trx) => {
    const { manage, row } = await forChange(ctx, trx, id);
    if (!manage) throw forbidden();
    requireOperation(row, 'photos', 'activities.photosNotNow');
    const res = await trx
      .deleteFrom('activity_photos')
      .where('town_id', '=', townId)
      .where('activity_id', '=', id)
      .where('upload_id', '=', photoId)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw notFound();
    await writeAudit(trx, auditEvent(ctx, 'activity.photo_remove', id, { photoId }));
  });
  return getDetail(ctx, id);
}

// ---- a problem found at a stall → a request -----------------------------------------------------

export async function raiseRequest(ctx: Ctx, id: string, input: Input<typeof ProblemInput>) {
  const townId = ctx.actor.townId;
  const row = await loadActivity(ctx.db, townId, id);
  if (!row || (!seesAllStates(ctx.actor) && !(VISIBLE_TO_MEMBERS as readonly string[]).includes(row.state)))
    throw notFound();
  const teamIds = (await teamsOf(ctx.db, townId, [id])).get(id)?.map((t) => t.id) ?? [];
  let stall: StallRow | null = null;
  if (input.stallId) {
    stall = (await stallQuery(ctx.db, townId).where('s.id', '=', input.stallId).executeTakeFirst()) ?? null;
    if (!stall || stall.activity_id !== id) throw invalidField('stallId', 'validation.invalidOption');
  }
  const scope = { villageId: row.village_id, teamIds };
  let allowed = canManage(ctx.actor, scope) || (!!stall && canManageStall(ctx.actor, scope, stall.team_id));
  if (!allowed && ctx.actor.personId) {
    const mine = await ctx.db
      .selectFrom('activity_signups')
      .select('state')
      .where('town_id', '=', townId)
      .where('activity_id', '=', id)
      .where('person_id', '=', ctx.actor.personId)
      .executeTakeFirst();
    allowed = mine?.state === 'attended';
  }
  if (!allowed || !ctx.actor.permissions.includes('requests.intake')) throw forbidden();
  requireOperation(row, 'raise_request', 'activities.requestNotNow');
  const created = await createRequest(
    ctx,
    townId,
    {
      categoryId: input.categoryId,
      description: input.description,
      villageId: input.villageId ?? row.village_id,
      hamletId: input.hamletId,
      address: input.address ?? row.address ?? row.workstation_name,
      lat: null,
      lng: null,
      name: input.name,
      mobile: input.mobile,
      photoIds: input.photoIds,
      urgency: input.urgency,
      channel: 'stall',
      workstationId: null,
      origin: { kind: 'activity', id },
    },
    { userId: ctx.actor.userId, displayName: ctx.actor.displayName },
    { ip: ctx.ip, lang: ctx.lang },
  );
  return { id: created.id, code: created.code };
}

// ---- stall kinds -------------------------------------------------------------------------------

const presentKind = (k: {
  id: string;
  code: string;
  name: string;
  sort: number;
  disabled: number;
  version: number;
}) => ({
  id: k.id,
  code: k.code,
  name: k.name,
  sort: k.sort,
  disabled: k.disabled === 1,
  version: k.version,
});

export async function listStallKinds(ctx: Ctx) {
  await ensureStallKinds(ctx.db, ctx.actor.townId);
  const rows = await ctx.db
    .selectFrom('stall_kinds')
    .selectAll()
    .where('town_id', '=', ctx.actor.townId)
    .orderBy('sort')
    .orderBy('code')
    .execute();
  return rows.map(presentKind);
}

export async function createStallKind(ctx: Ctx, input: Input<typeof StallKindInput>) {
  if (!canConfigure(ctx.actor)) throw forbidden();
  const townId = ctx.actor.townId;
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await ensureStallKinds(trx, townId);
    const clash = await trx
      .selectFrom('stall_kinds')
      .select('id')
      .where('town_id', '=', townId)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (clash) throw duplicate('code');
    const now = nowIso();
    await trx
      .insertInto('stall_kinds')
      .values({
        town_id: townId,
        id,
        version: 1,
        created_at: now,
        updated_at: now,
        code: input.code,
        name: input.name,
        sort: input.sort,
        disabled: 0,
      })
      .execute();
    await writeAudit(trx, auditEvent(ctx, 'stall_kind.create', id, { code: input.code, name: input.name }));
  });
  const row = await ctx.db
    .selectFrom('stall_kinds')
    .selectAll()
    .where('town_id', '=', townId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return presentKind(row);
}

export async function updateStallKind(ctx: Ctx, id: string, input: Input<typeof StallKindUpdate>) {
  if (!canConfigure(ctx.actor)) throw forbidden();
  const townId = ctx.actor.townId;
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('stall_kinds')
      .selectAll()
      .where('town_id', '=', townId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound();
    if (row.version !== input.version) throw staleVersion();
    await trx
      .updateTable('stall_kinds')
      .set({
        name: input.name ?? row.name,
        sort: input.sort ?? row.sort,
        disabled: input.disabled === undefined ? row.disabled : input.disabled ? 1 : 0,
        version: row.version + 1,
        updated_at: nowIso(),
      })
      .where('town_id', '=', townId)
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, auditEvent(ctx, 'stall_kind.update', id, { name: input.name, disabled: input.disabled }));
  });
  const row = await ctx.db
    .selectFrom('stall_kinds')
    .selectAll()
    .where('town_id', '=', townId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return presentKind(row);
}
