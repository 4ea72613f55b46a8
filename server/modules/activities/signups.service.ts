/**
 * Sign-up and attendance: members sign up for an activity or a stall slot (beyond capacity, a
 * waiting list — or a refusal when the activity keeps none); the first on the waiting list moves
 * up when someone withdraws; leaders assign members; check-in/out while the activity is under way,
 * with the hours going to the member's service-hours ledger (pending a leader's approval); at
 * `finish`, those who never came are recorded as no-shows.
 */
import type { z } from 'zod';
import { attendanceHours } from '../../../common/activities/figures.ts';
import type {
  AssignInput,
  CancelSignupInput,
  Signup,
  SignUpInput,
  SignupListQuery,
} from '../../../common/activities/schemas.ts';
import { shanghaiDate } from '../../../common/requests/calendar.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidField, notFound, staleVersion } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { canJoin, canManage, canManageStall } from './activities.policy.ts';
import {
  type ActivityRow,
  type Db,
  type SignupRow,
  presentSignup,
  signupQuery,
  stallQuery,
  takenIn,
  waitlistPositions,
} from './activities.repo.ts';
import { forChange, notifyPeople, requireOperation } from './activities.service.ts';
import { ActivityError, conflict, notNow } from './activities.shared.ts';
import { refreshTotals } from './activities.totals.ts';
import { ErrorCode } from '../../../common/errors/codes.ts';

type Input<T extends z.ZodTypeAny> = z.output<T>;
type Row = Pick<
  ActivityRow,
  'id' | 'title' | 'state' | 'capacity' | 'waitlist' | 'village_id' | 'lead_team_id' | 'start_at' | 'end_at'
>;

async function presentOne(ctx: Ctx, db: Db, signupId: string): Promise<Signup> {
  const row = await signupQuery(db, ctx.actor.townId).where('g.id', '=', signupId).executeTakeFirst();
  if (!row) throw notFound();
  const pos =
    row.state === 'waitlisted'
      ? (await waitlistPositions(db, ctx.actor.townId, row.activity_id)).get(row.id)
      : undefined;
  return presentSignup(row, pos ?? null);
}

/** The slot's capacity: the stall's, or the activity's own (null = no limit). */
async function slotOf(trx: Db, townId: string, activity: Row, stallId: string | null) {
  if (!stallId) return { capacity: activity.capacity, teamId: null as string | null, name: null as string | null };
  const stall = await stallQuery(trx, townId).where('s.id', '=', stallId).executeTakeFirst();
  if (!stall || stall.activity_id !== activity.id) throw invalidField('stallId', 'validation.invalidOption');
  return { capacity: stall.capacity as number | null, teamId: stall.team_id, name: stall.label ?? stall.kind_name };
}

/**
 * Places one person in a slot: `signed_up` while there is room, else `waitlisted` (or a 409 when
 * the activity keeps no waiting list). Reuses the person's row if they signed up before.
 */
async function place(
  ctx: Ctx,
  trx: Db,
  activity: Row,
  personId: string,
  stallId: string | null,
  source: 'self' | 'assigned',
  field: string,
): Promise<{ id: string; state: string; existed: boolean }> {
  const townId = ctx.actor.townId;
  const slot = await slotOf(trx, townId, activity, stallId);
  const existing = await trx
    .selectFrom('activity_signups')
    .selectAll()
    .where('town_id', '=', townId)
    .where('activity_id', '=', activity.id)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (existing && existing.state !== 'cancelled') return { id: existing.id, state: existing.state, existed: true };
  const taken = await takenIn(trx, townId, activity.id, stallId);
  const full = slot.capacity !== null && taken >= slot.capacity;
  if (full && activity.waitlist !== 1)
    throw new ActivityError(ErrorCode.CONFLICT, 'activities.full', { capacity: slot.capacity ?? 0 }, field);
  const state = full ? 'waitlisted' : 'signed_up';
  const now = nowIso();
  if (existing) {
    await trx
      .updateTable('activity_signups')
      .set({
        stall_id: stallId,
        state,
        source,
        queued_at: now,
        check_in_at: null,
        check_out_at: null,
        hours: null,
        cancel_reason: null,
        created_by: ctx.actor.userId,
        version: existing.version + 1,
        updated_at: now,
      })
      .where('town_id', '=', townId)
      .where('id', '=', existing.id)
      .execute();
    return { id: existing.id, state, existed: false };
  }
  const id = newId();
  await trx
    .insertInto('activity_signups')
    .values({
      town_id: townId,
      id,
      version: 1,
      created_at: now,
      updated_at: now,
      activity_id: activity.id,
      stall_id: stallId,
      person_id: personId,
      state,
      source,
      queued_at: now,
      check_in_at: null,
      check_out_at: null,
      hours: null,
      cancel_reason: null,
      created_by: ctx.actor.userId,
    })
    .execute();
  return { id, state, existed: false };
}

/** Moves people up from the waiting list of a slot while it has room; notifies them. */
export async function promoteWaiting(ctx: Ctx, trx: Db, activity: Row, stallId: string | null): Promise<number> {
  const townId = ctx.actor.townId;
  const slot = await slotOf(trx, townId, activity, stallId);
  const taken = await takenIn(trx, townId, activity.id, stallId);
  const room = slot.capacity === null ? Number.MAX_SAFE_INTEGER : slot.capacity - taken;
  if (room <= 0) return 0;
  const waiting = await trx
    .selectFrom('activity_signups')
    .select(['id', 'person_id', 'version'])
    .where('town_id', '=', townId)
    .where('activity_id', '=', activity.id)
    .where('stall_id', stallId === null ? 'is' : '=', stallId)
    .where('state', '=', 'waitlisted')
    .orderBy('queued_at')
    .orderBy('id')
    .limit(Math.min(room, 1000))
    .execute();
  const now = nowIso();
  for (const w of waiting)
    await trx
      .updateTable('activity_signups')
      .set({ state: 'signed_up', version: w.version + 1, updated_at: now })
      .where('town_id', '=', townId)
      .where('id', '=', w.id)
      .execute();
  if (waiting.length) {
    await notifyPeople(
      ctx,
      trx,
      waiting.map((w) => w.person_id),
      {
        kind: 'activity.promoted',
        title: ctx.lang === 'en' ? `You have a place: ${activity.title}` : `候补转正：${activity.title}`,
        body: slot.name,
        link: `/activities/${activity.id}`,
      },
    );
    await writeAudit(trx, auditEvent(ctx, 'activity.promote', activity.id, { count: waiting.length, stallId }));
  }
  return waiting.length;
}

// ---- routes' services ---------------------------------------------------------------------------

export async function signUp(ctx: Ctx, id: string, input: Input<typeof SignUpInput>): Promise<Signup> {
  if (!canJoin(ctx.actor)) throw new ActivityError(ErrorCode.FORBIDDEN, 'activities.noPerson');
  const personId = ctx.actor.personId ?? '';
  const signupId = await ctx.db.transaction().execute(async (trx) => {
    const { row } = await forChange(ctx, trx, id);
    requireOperation(row, 'sign_up', 'activities.signUpNotNow');
    const r = await place(ctx, trx, row, personId, input.stallId, 'self', 'stallId');
    if (r.existed) throw conflict('activities.alreadySignedUp');
    await refreshTotals(trx, ctx.actor.townId, id);
    await writeAudit(
      trx,
      auditEvent(ctx, 'activity.sign_up', id, { signupId: r.id, state: r.state, stallId: input.stallId }),
    );
    return r.id;
  });
  return presentOne(ctx, ctx.db, signupId);
}

/** Cancels one sign-up and moves the first on its waiting list up. */
async function cancelOne(ctx: Ctx, trx: Db, activity: Row, s: SignupRow, reason: string | null): Promise<void> {
  if (s.state !== 'signed_up' && s.state !== 'waitlisted')
    throw conflict('activities.cannotWithdraw', { state: `enums.signupState.${s.state}` });
  await trx
    .updateTable('activity_signups')
    .set({ state: 'cancelled', cancel_reason: reason, version: s.version + 1, updated_at: nowIso() })
    .where('town_id', '=', ctx.actor.townId)
    .where('id', '=', s.id)
    .execute();
  if (s.state === 'signed_up') await promoteWaiting(ctx, trx, activity, s.stall_id);
  await refreshTotals(trx, ctx.actor.townId, activity.id);
}

export async function withdraw(ctx: Ctx, id: string): Promise<Signup> {
  if (!canJoin(ctx.actor)) throw new ActivityError(ErrorCode.FORBIDDEN, 'activities.noPerson');
  const personId = ctx.actor.personId ?? '';
  const signupId = await ctx.db.transaction().execute(async (trx) => {
    const { row } = await forChange(ctx, trx, id);
    requireOperation(row, 'withdraw', 'activities.withdrawNotNow');
    const s = await signupQuery(trx, ctx.actor.townId)
      .where('g.activity_id', '=', id)
      .where('g.person_id', '=', personId)
      .executeTakeFirst();
    if (!s || s.state === 'cancelled') throw conflict('activities.notSignedUp');
    await cancelOne(ctx, trx, row, s, null);
    await writeAudit(trx, auditEvent(ctx, 'activity.withdraw', id, { signupId: s.id }));
    return s.id;
  });
  return presentOne(ctx, ctx.db, signupId);
}

export async function cancelSignup(ctx: Ctx, id: string, signupId: string, input: Input<typeof CancelSignupInput>) {
  await ctx.db.transaction().execute(async (trx) => {
    const { row, teamIds } = await forChange(ctx, trx, id);
    const s = await signupQuery(trx, ctx.actor.townId).where('g.id', '=', signupId).executeTakeFirst();
    if (!s || s.activity_id !== id) throw notFound();
    if (!canManageStall(ctx.actor, { villageId: row.village_id, teamIds }, s.stall_team_id)) throw forbidden();
    if (s.version !== input.version) throw staleVersion();
    requireOperation(row, 'withdraw', 'activities.withdrawNotNow');
    await cancelOne(ctx, trx, row, s, input.reason);
    await writeAudit(trx, auditEvent(ctx, 'activity.signup_cancel', id, { signupId, reason: input.reason }));
  });
  return presentOne(ctx, ctx.db, signupId);
}

export async function assign(ctx: Ctx, id: string, input: Input<typeof AssignInput>): Promise<Signup[]> {
  const townId = ctx.actor.townId;
  const ids = await ctx.db.transaction().execute(async (trx) => {
    const { row, teamIds } = await forChange(ctx, trx, id);
    const slot = await slotOf(trx, townId, row, input.stallId);
    if (!canManageStall(ctx.actor, { villageId: row.village_id, teamIds }, slot.teamId)) throw forbidden();
    requireOperation(row, 'assign', 'activities.assignNotNow');
    const unique = [...new Set(input.personIds)];
    const people = await trx
      .selectFrom('people')
      .select(['id', 'disabled', 'member_status'])
      .where('town_id', '=', townId)
      .where('id', 'in', unique)
      .execute();
    const ok = new Set(people.filter((p) => !p.disabled).map((p) => p.id));
    const bad = input.personIds.findIndex((p) => !ok.has(p));
    if (bad >= 0) throw invalidField(`personIds.${bad}`, 'validation.invalidOption');
    const out: string[] = [];
    for (const [i, personId] of unique.entries()) {
      const r = await place(ctx, trx, row, personId, input.stallId, 'assigned', `personIds.${i}`);
      out.push(r.id);
    }
    await refreshTotals(trx, townId, id);
    await notifyPeople(ctx, trx, unique, {
      kind: 'activity.assigned',
      title: ctx.lang === 'en' ? `Assigned: ${row.title}` : `活动安排：${row.title}`,
      body: slot.name,
      link: `/activities/${id}`,
    });
    await writeAudit(trx, auditEvent(ctx, 'activity.assign', id, { count: unique.length, stallId: input.stallId }));
    return out;
  });
  const rows = await signupQuery(ctx.db, townId).where('g.id', 'in', ids).execute();
  const pos = await waitlistPositions(ctx.db, townId, id);
  return ids
    .map((sid) => rows.find((r) => r.id === sid))
    .filter((r): r is SignupRow => !!r)
    .map((r) => presentSignup(r, pos.get(r.id) ?? null));
}

export async function listSignups(ctx: Ctx, id: string, q: Input<typeof SignupListQuery>): Promise<Signup[]> {
  const townId = ctx.actor.townId;
  const { row, teamIds } = await forChange(ctx, ctx.db, id, false);
  const stalls = await ctx.db
    .selectFrom('activity_stalls')
    .select(['id', 'team_id'])
    .where('town_id', '=', townId)
    .where('activity_id', '=', id)
    .execute();
  const scope = { villageId: row.village_id, teamIds };
  const manageAll = canManage(ctx.actor, scope);
  const visibleStalls = stalls.filter((s) => canManageStall(ctx.actor, scope, s.team_id)).map((s) => s.id);
  if (!manageAll && visibleStalls.length === 0) throw forbidden();
  let query = signupQuery(ctx.db, townId).where('g.activity_id', '=', id);
  if (!manageAll) query = query.where('g.stall_id', 'in', visibleStalls);
  if (q.state) query = query.where('g.state', '=', q.state);
  if (q.stallId) query = query.where('g.stall_id', '=', q.stallId);
  const rows = await query.orderBy('g.queued_at').orderBy('g.id').limit(2000).execute();
  const pos = await waitlistPositions(ctx.db, townId, id);
  return rows.map((r) => presentSignup(r, pos.get(r.id) ?? null));
}

// ---- check-in / check-out ------------------------------------------------------------------------

/** Whose attendance: the caller (no personId) or someone an organiser checks in. */
async function attendanceTarget(ctx: Ctx, trx: Db, row: ActivityRow, teamIds: string[], personId: string | undefined) {
  const self = !personId || personId === ctx.actor.personId;
  const target = personId ?? ctx.actor.personId;
  if (self && !canJoin(ctx.actor)) throw new ActivityError(ErrorCode.FORBIDDEN, 'activities.noPerson');
  const s = target
    ? await signupQuery(trx, ctx.actor.townId)
        .where('g.activity_id', '=', row.id)
        .where('g.person_id', '=', target)
        .executeTakeFirst()
    : undefined;
  if (!self && !canManageStall(ctx.actor, { villageId: row.village_id, teamIds }, s?.stall_team_id ?? null))
    throw forbidden();
  return { target: target ?? '', signup: s, self };
}

export async function checkIn(ctx: Ctx, id: string, personId: string | undefined): Promise<Signup> {
  const townId = ctx.actor.townId;
  const signupId = await ctx.db.transaction().execute(async (trx) => {
    const { row, teamIds } = await forChange(ctx, trx, id);
    if (row.state !== 'under_way')
      throw notNow('activities.checkInNotNow', { state: `enums.activityState.${row.state}` });
    const { target, signup } = await attendanceTarget(ctx, trx, row, teamIds, personId);
    if (personId) {
      const p = await trx
        .selectFrom('people')
        .select('id')
        .where('town_id', '=', townId)
        .where('id', '=', personId)
        .executeTakeFirst();
      if (!p) throw invalidField('personId', 'validation.invalidOption');
    }
    let s = signup;
    if (!s || s.state === 'cancelled') {
      // Walk-in: sign up on the spot (capacity still applies).
      const r = await place(ctx, trx, row, target, null, personId ? 'assigned' : 'self', 'personId');
      s = await signupQuery(trx, townId).where('g.id', '=', r.id).executeTakeFirstOrThrow();
    }
    if (s.state === 'waitlisted') throw conflict('activities.waitlistedNoCheckIn');
    if (s.state === 'attended') throw conflict('activities.alreadyCheckedIn');
    if (s.state !== 'signed_up') throw conflict('activities.cannotCheckIn', { state: `enums.signupState.${s.state}` });
    const now = nowIso();
    await trx
      .updateTable('activity_signups')
      .set({ state: 'attended', check_in_at: now, version: s.version + 1, updated_at: now })
      .where('town_id', '=', townId)
      .where('id', '=', s.id)
      .execute();
    await refreshTotals(trx, townId, id);
    await writeAudit(trx, auditEvent(ctx, 'activity.check_in', id, { signupId: s.id, personId: target }));
    return s.id;
  });
  return presentOne(ctx, ctx.db, signupId);
}

/** Records check-out, the hours, and the pending ledger row. */
async function recordCheckOut(ctx: Ctx, trx: Db, row: Row, s: SignupRow, at: string): Promise<number> {
  const townId = ctx.actor.townId;
  const inAt = s.check_in_at ?? row.start_at;
  const hours = attendanceHours(inAt, at);
  const now = nowIso();
  await trx
    .updateTable('activity_signups')
    .set({ check_out_at: at, hours, version: s.version + 1, updated_at: now })
    .where('town_id', '=', townId)
    .where('id', '=', s.id)
    .execute();
  if (hours > 0)
    await trx
      .insertInto('service_hours')
      .values({
        town_id: townId,
        id: newId(),
        version: 1,
        created_at: now,
        updated_at: now,
        person_id: s.person_id,
        source: 'activity',
        source_id: s.id,
        team_id: s.stall_team_id ?? row.lead_team_id,
        date: shanghaiDate(inAt),
        hours,
        content: s.stall_id ? `${row.title}·${s.stall_label ?? s.kind_name ?? ''}` : row.title,
        status: 'pending',
        decided_by: null,
        decided_at: null,
        decision_note: null,
      })
      .execute();
  return hours;
}

export async function checkOut(ctx: Ctx, id: string, personId: string | undefined): Promise<Signup> {
  const townId = ctx.actor.townId;
  const signupId = await ctx.db.transaction().execute(async (trx) => {
    const { row, teamIds } = await forChange(ctx, trx, id);
    requireOperation(row, 'check_out', 'activities.checkOutNotNow');
    const { signup: s } = await attendanceTarget(ctx, trx, row, teamIds, personId);
    if (!s || s.state !== 'attended' || !s.check_in_at) throw conflict('activities.notCheckedIn');
    if (s.check_out_at) throw conflict('activities.alreadyCheckedOut');
    // After the activity ended, hours stop at its end.
    const now = nowIso();
    const at = now > row.end_at && row.end_at > s.check_in_at ? row.end_at : now;
    const hours = await recordCheckOut(ctx, trx, row, s, at);
    await refreshTotals(trx, townId, id);
    await writeAudit(trx, auditEvent(ctx, 'activity.check_out', id, { signupId: s.id, hours }));
    return s.id;
  });
  return presentOne(ctx, ctx.db, signupId);
}

/**
 * At `finish`: sign-ups that never checked in become no-shows; those checked in but not out are
 * checked out at the activity's end (or now, if earlier) with their hours recorded.
 */
export async function finishSignups(ctx: Ctx, trx: Db, row: Row, now: string): Promise<void> {
  const townId = ctx.actor.townId;
  await trx
    .updateTable('activity_signups')
    .set({ state: 'no_show', updated_at: now })
    .where('town_id', '=', townId)
    .where('activity_id', '=', row.id)
    .where('state', '=', 'signed_up')
    .execute();
  const open = await signupQuery(trx, townId)
    .where('g.activity_id', '=', row.id)
    .where('g.state', '=', 'attended')
    .where('g.check_out_at', 'is', null)
    .execute();
  for (const s of open) {
    const at = now < row.end_at || (s.check_in_at ?? '') >= row.end_at ? now : row.end_at;
    await recordCheckOut(ctx, trx, row, s, at);
  }
}
