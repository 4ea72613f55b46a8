/**
 * Visits 走访: a paired member (or care staff) logs what was done; a problem found becomes a request
 * (channel `visit`, origin the visit) in the same transaction; the minutes go to the member's hours
 * ledger as pending; the recipient's next due date moves on; the figures' rollups are kept current.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  CareVisit,
  RecipientVisitsQuery,
  VisitCreated,
  VisitInput,
  VisitListQuery,
} from '../../../common/care/schemas.ts';
import { isChild, maskName, nextDueAt, shanghaiMonthOf, visitHours } from '../../../common/care/figures.ts';
import { translate } from '../../../common/i18n/index.ts';
import { shanghaiDate } from '../../../common/requests/calendar.ts';
import { toCount } from '../../db/dialect.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { uploadUrl } from '../../platform/uploads.ts';
import { primaryTeam } from '../duty/duty.repo.ts';
import { createRequest } from '../requests/intake.service.ts';
import { careAccess, isPaired, readsVillage } from './care.policy.ts';
import { childOf, loadRecipient } from './care.repo.ts';
import { type Db, careConflict, careForbidden, careInvalid, parseJson } from './care.shared.ts';

const ATTACH_WINDOW_MS = 24 * 3600_000;
type Photo = { id: string; url: string; width: number; height: number };

/** Fresh uploads of this user not attached to anything yet. */
async function checkPhotos(ctx: Ctx, db: Db, ids: string[]): Promise<Photo[]> {
  if (!ids.length) return [];
  const unique = [...new Set(ids)];
  const since = new Date(Date.now() - ATTACH_WINDOW_MS).toISOString();
  const rows = await db
    .selectFrom('uploads')
    .select(['id', 'width', 'height'])
    .where('town_id', '=', ctx.actor.townId)
    .where('id', 'in', unique)
    .where('request_id', 'is', null)
    .where('created_at', '>=', since)
    .execute();
  if (rows.length !== unique.length) throw careInvalid('photoIds', 'care.photoUnknown');
  return rows.map((r) => ({ id: r.id, url: uploadUrl(ctx.actor.townId, r.id), width: r.width, height: r.height }));
}

/** Adds one visit to the month × village × team sums and the recipient-month set. */
async function rollUp(
  trx: Db,
  v: { town_id: string; month: string; village_id: string; team_id: string | null; recipient_id: string },
  minutes: number,
  problem: boolean,
  request: boolean,
) {
  await trx
    .insertInto('care_visit_stats')
    .values({
      town_id: v.town_id,
      month: v.month,
      village_id: v.village_id,
      team_id: v.team_id ?? '',
      visits: 1,
      minutes,
      problems: problem ? 1 : 0,
      requests: request ? 1 : 0,
    })
    .onConflict((oc) =>
      oc.columns(['town_id', 'month', 'village_id', 'team_id']).doUpdateSet({
        visits: sql<number>`care_visit_stats.visits + 1`,
        minutes: sql<number>`care_visit_stats.minutes + ${minutes}`,
        problems: sql<number>`care_visit_stats.problems + ${problem ? 1 : 0}`,
        requests: sql<number>`care_visit_stats.requests + ${request ? 1 : 0}`,
      }),
    )
    .execute();
  await trx
    .insertInto('care_recipient_months')
    .values({ town_id: v.town_id, recipient_id: v.recipient_id, month: v.month, team_id: v.team_id ?? '' })
    .onConflict((oc) => oc.columns(['town_id', 'month', 'recipient_id', 'team_id']).doNothing())
    .execute();
}

export async function logVisit(ctx: Ctx, input: z.output<typeof VisitInput>): Promise<VisitCreated> {
  const townId = ctx.actor.townId;
  const a = careAccess(ctx.actor);
  const personId = ctx.actor.personId;
  const visitedAt = input.visitedAt ? new Date(input.visitedAt).toISOString() : nowIso();
  if (Date.parse(visitedAt) > Date.now() + 5 * 60_000) throw careInvalid('visitedAt', 'care.futureVisit');
  return ctx.db.transaction().execute(async (trx) => {
    const r = await loadRecipient(trx, townId, input.recipientId);
    if (!r) throw careInvalid('recipientId', 'validation.invalidOption');
    if (!personId) throw careForbidden('care.noPerson');
    const paired = await isPaired(trx, townId, r.id, personId);
    const staff = a.manage && readsVillage(a, r.village_id);
    if (!paired && !staff) throw careForbidden('care.notPaired', 'recipientId');
    if (r.status !== 'active') throw careConflict('care.inactive', 'recipientId');
    const photos = await checkPhotos(ctx, trx, input.photoIds);
    const id = newId();
    const now = nowIso();
    const month = shanghaiMonthOf(visitedAt);
    const teamId = await primaryTeam(trx, townId, personId);
    let request: { id: string; code: string } | null = null;
    if (input.problem) {
      const receipt = await createRequest(
        { ...ctx, db: trx as unknown as Ctx['db'] },
        townId,
        {
          categoryId: input.problem.categoryId,
          description: input.problem.description,
          villageId: r.village_id,
          hamletId: r.hamlet_id,
          address: r.address,
          lat: null,
          lng: null,
          name: childOf(r) ? maskName(r.name) : r.name,
          mobile: null,
          photoIds: [],
          urgency: input.problem.urgency,
          channel: 'visit',
          workstationId: null,
          origin: { kind: 'visit', id },
        },
        { userId: ctx.actor.userId, displayName: ctx.actor.displayName },
        { ip: ctx.ip, lang: ctx.lang },
      ).catch((e: unknown) => {
        // The request's own field errors name the problem's fields.
        const err = e as { options?: { fields?: { path: string }[] } };
        for (const f of err.options?.fields ?? []) if (!f.path.startsWith('problem.')) f.path = `problem.${f.path}`;
        throw e;
      });
      request = { id: receipt.id, code: receipt.code };
    }
    const row = {
      town_id: townId,
      id,
      created_at: now,
      recipient_id: r.id,
      person_id: personId,
      team_id: teamId,
      village_id: r.village_id,
      visited_at: visitedAt,
      month,
      duration_minutes: input.durationMinutes,
      services: JSON.stringify([...new Set(input.services)]),
      condition: input.condition,
      notes: input.notes,
      photos: JSON.stringify(photos),
      problem: input.problem ? 1 : 0,
      request_id: request?.id ?? null,
      created_by: ctx.actor.userId,
    };
    await trx.insertInto('care_visits').values(row).execute();
    if (!r.last_visit_at || visitedAt > r.last_visit_at) {
      const due = nextDueAt(visitedAt, r.created_at, r.frequency_days);
      await trx
        .updateTable('care_recipients')
        .set({ last_visit_at: visitedAt, next_due_at: due, notify_at: due })
        .where('town_id', '=', townId)
        .where('id', '=', r.id)
        .execute();
    }
    await rollUp(trx, row, input.durationMinutes, !!input.problem, !!request);
    const hours = visitHours(input.durationMinutes);
    const services = [...new Set(input.services)].map((s) => translate('zh-CN', `care.services.${s}`)).join('、');
    await trx
      .insertInto('service_hours')
      .values({
        town_id: townId,
        id: newId(),
        version: 1,
        created_at: now,
        updated_at: now,
        person_id: personId,
        source: 'visit',
        source_id: id,
        team_id: teamId,
        date: shanghaiDate(visitedAt),
        hours,
        content: translate('zh-CN', 'care.hoursContent', { services }),
        status: 'pending',
        decided_by: null,
        decided_at: null,
        decision_note: null,
      })
      .execute();
    await writeAudit(
      trx,
      auditEvent(ctx, 'care.visit', r.id, {
        visitId: id,
        minutes: input.durationMinutes,
        services: input.services,
        condition: input.condition,
        ...(request ? { requestCode: request.code } : {}),
        by: paired ? 'paired' : 'staff',
      }),
    );
    const visit = await visitsQuery(trx, townId).where('cv.id', '=', id).executeTakeFirstOrThrow();
    return { visit: presentVisit(visit, true, true), request, hours };
  });
}

function visitsQuery(db: Db, townId: string) {
  return db
    .selectFrom('care_visits as cv')
    .innerJoin('care_recipients as r', (j) =>
      j.onRef('r.town_id', '=', 'cv.town_id').onRef('r.id', '=', 'cv.recipient_id'),
    )
    .innerJoin('people as p', (j) => j.onRef('p.town_id', '=', 'cv.town_id').onRef('p.id', '=', 'cv.person_id'))
    .leftJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'cv.town_id').onRef('t.id', '=', 'cv.team_id'))
    .leftJoin('requests as q', (j) => j.onRef('q.town_id', '=', 'cv.town_id').onRef('q.id', '=', 'cv.request_id'))
    .leftJoin('service_hours as sh', (j) =>
      j
        .onRef('sh.town_id', '=', 'cv.town_id')
        .onRef('sh.source_id', '=', 'cv.id')
        .on('sh.source', '=', 'visit')
        .onRef('sh.person_id', '=', 'cv.person_id'),
    )
    .selectAll('cv')
    .select([
      'r.name as recipient_name',
      'r.kinds as recipient_kinds',
      'r.birth_year as recipient_birth_year',
      'p.name as person_name',
      't.name as team_name',
      'q.code as request_code',
      'sh.status as hours_status',
    ])
    .where('cv.town_id', '=', townId);
}
type VisitRow = Awaited<ReturnType<ReturnType<typeof visitsQuery>['execute']>>[number];

function presentVisit(v: VisitRow, showNotes: boolean, showChildName: boolean): CareVisit {
  const child = isChild(parseJson<string[]>(v.recipient_kinds, []), v.recipient_birth_year);
  const hs = v.hours_status;
  return {
    id: v.id,
    recipientId: v.recipient_id,
    recipientName: child && !showChildName ? maskName(v.recipient_name) : v.recipient_name,
    personId: v.person_id,
    personName: v.person_name,
    teamName: v.team_name,
    visitedAt: v.visited_at,
    durationMinutes: v.duration_minutes,
    services: parseJson(v.services, []),
    condition: v.condition as CareVisit['condition'],
    notes: showNotes ? v.notes : null,
    photos: showNotes ? parseJson<Photo[]>(v.photos, []) : [],
    requestId: v.request_id,
    requestCode: v.request_code,
    hoursStatus: hs === 'pending' || hs === 'approved' || hs === 'rejected' ? hs : null,
    createdAt: v.created_at,
  };
}

/** A recipient's visits, newest first: for those who may open the record. */
export async function recipientVisits(ctx: Ctx, recipientId: string, q: z.output<typeof RecipientVisitsQuery>) {
  const townId = ctx.actor.townId;
  const r = await loadRecipient(ctx.db, townId, recipientId);
  if (!r) throw notFound();
  const a = careAccess(ctx.actor);
  const paired = a.visit && (await isPaired(ctx.db, townId, r.id, a.personId));
  if (!paired && !readsVillage(a, r.village_id))
    throw careForbidden(a.read ? 'care.notInScope' : childOf(r) ? 'care.childRecord' : 'care.notPaired');
  const full = paired || a.sensitive;
  const base = visitsQuery(ctx.db, townId).where('cv.recipient_id', '=', recipientId);
  const [count, rows] = await Promise.all([
    ctx.db
      .selectFrom('care_visits')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('town_id', '=', townId)
      .where('recipient_id', '=', recipientId)
      .executeTakeFirst(),
    base
      .orderBy('cv.visited_at', 'desc')
      .orderBy('cv.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
  ]);
  return {
    items: rows.map((v) => presentVisit(v, full, full || !childOf(r))),
    total: toCount(count?.n as number | string | undefined),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** One visit, readable by whoever may read its recipient's visit history (paired members, staff in scope). */
export async function getVisit(ctx: Ctx, id: string) {
  const townId = ctx.actor.townId;
  const v = await visitsQuery(ctx.db, townId).where('cv.id', '=', id).executeTakeFirst();
  if (!v) throw notFound();
  const r = await loadRecipient(ctx.db, townId, v.recipient_id);
  if (!r) throw notFound();
  const a = careAccess(ctx.actor);
  const paired = a.visit && (await isPaired(ctx.db, townId, r.id, a.personId));
  if (!paired && !readsVillage(a, r.village_id))
    throw careForbidden(a.read ? 'care.notInScope' : childOf(r) ? 'care.childRecord' : 'care.notPaired');
  const full = paired || a.sensitive;
  return presentVisit(v, full, full || !childOf(r));
}

/** Visits across the registry in the actor's scope (no notes unless care.sensitive). */
export async function listVisits(ctx: Ctx, q: z.output<typeof VisitListQuery>) {
  const a = careAccess(ctx.actor);
  let base = visitsQuery(ctx.db, ctx.actor.townId);
  if (!a.town) base = base.where('cv.village_id', 'in', a.villageIds.length ? a.villageIds : ['-']);
  if (q.recipientId) base = base.where('cv.recipient_id', '=', q.recipientId);
  if (q.personId) base = base.where('cv.person_id', '=', q.personId);
  if (q.villageId) base = base.where('cv.village_id', '=', q.villageId);
  if (q.from) base = base.where('cv.visited_at', '>=', new Date(`${q.from}T00:00:00+08:00`).toISOString());
  if (q.to)
    base = base.where('cv.visited_at', '<', new Date(Date.parse(`${q.to}T00:00:00+08:00`) + 86400_000).toISOString());
  if (q.withProblem !== undefined) base = base.where('cv.problem', '=', q.withProblem ? 1 : 0);
  const [count, rows] = await Promise.all([
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
    base
      .orderBy('cv.visited_at', 'desc')
      .orderBy('cv.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
  ]);
  return {
    items: rows.map((v) => presentVisit(v, a.sensitive, false)),
    total: toCount(count?.n as number | string | undefined),
    page: q.page,
    pageSize: q.pageSize,
  };
}
