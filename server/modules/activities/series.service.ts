/**
 * Monthly series: e.g. the service day on the 22nd of each month. Creating a series generates its
 * occurrences for the next N months; editing one occurrence detaches it from the series' edits;
 * editing the series updates its future occurrences that are still planned or published and were
 * not edited by themselves.
 */
import type { z } from 'zod';
import { SERIES_FOLLOWING_STATES } from '../../../common/activities/lifecycle.ts';
import type {
  SeriesDetail,
  SeriesExtendInput,
  SeriesInput,
  SeriesUpdate,
  StallInput,
} from '../../../common/activities/schemas.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidField, notFound, staleVersion } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { canManage } from './activities.policy.ts';
import { type Db, selectActivity } from './activities.repo.ts';
import {
  insertActivity,
  listActivities,
  resolvePlace,
  resolveStalls,
  resolveTeams,
  setTeams,
} from './activities.service.ts';
import { parseJsonArray, shanghaiInstant, shanghaiMonthOf } from './activities.shared.ts';
import { refreshTotals } from './activities.totals.ts';

type Input<T extends z.ZodTypeAny> = z.output<T>;
type StallTemplate = z.output<typeof StallInput>;

/** `YYYY-MM` plus n months. */
export const addMonths = (month: string, n: number): string => {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  return `${y + Math.floor(m / 12)}-${String((((m % 12) + 12) % 12) + 1).padStart(2, '0')}`;
};

const dateIn = (month: string, day: number) => `${month}-${String(day).padStart(2, '0')}`;

async function loadSeries(db: Db, townId: string, id: string) {
  return db
    .selectFrom('activity_series')
    .selectAll()
    .where('town_id', '=', townId)
    .where('id', '=', id)
    .executeTakeFirst();
}

async function generate(
  ctx: Ctx,
  trx: Db,
  s: NonNullable<Awaited<ReturnType<typeof loadSeries>>>,
  fromMonth: string,
  months: number,
  publish: boolean,
): Promise<number> {
  const townId = ctx.actor.townId;
  const stalls = parseJsonArray<StallTemplate>(s.stalls);
  const kindIds = await resolveStalls(trx, townId, stalls, (i, f) => `stalls.${i}.${f}`);
  const teamIds = parseJsonArray<string>(s.team_ids);
  for (let i = 0; i < months; i++) {
    const date = dateIn(addMonths(fromMonth, i), s.day_of_month);
    await insertActivity(trx, townId, ctx.actor.userId, {
      seriesId: s.id,
      kind: s.kind,
      title: s.title,
      state: publish ? 'published' : 'planned',
      startAt: shanghaiInstant(date, s.start_time),
      endAt: shanghaiInstant(date, s.end_time),
      workstationId: s.workstation_id,
      villageId: s.village_id,
      address: s.address,
      teamIds,
      capacity: s.capacity,
      waitlist: s.waitlist === 1,
      description: s.description,
      stalls: stalls.map((st, j) => ({
        kindId: kindIds[j] ?? '',
        teamId: st.teamId,
        capacity: st.capacity,
        label: st.label,
      })),
    });
  }
  return months;
}

export async function createSeries(ctx: Ctx, input: Input<typeof SeriesInput>): Promise<SeriesDetail> {
  const townId = ctx.actor.townId;
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const place = await resolvePlace(trx, townId, input);
    const teamIds = await resolveTeams(trx, townId, input.teamIds);
    if (!canManage(ctx.actor, { villageId: place.villageId, teamIds })) throw forbidden();
    await resolveStalls(trx, townId, input.stalls, (i, f) => `stalls.${i}.${f}`);
    const now = nowIso();
    await trx
      .insertInto('activity_series')
      .values({
        town_id: townId,
        id,
        version: 1,
        created_at: now,
        updated_at: now,
        kind: input.kind,
        title: input.title,
        workstation_id: place.workstationId,
        village_id: place.villageId,
        address: place.address,
        team_ids: JSON.stringify(teamIds),
        capacity: input.capacity,
        waitlist: input.waitlist ? 1 : 0,
        description: input.description,
        day_of_month: input.dayOfMonth,
        start_time: input.startTime,
        end_time: input.endTime,
        stalls: JSON.stringify(input.stalls),
        created_by: ctx.actor.userId,
      })
      .execute();
    const s = await loadSeries(trx, townId, id);
    if (!s) throw notFound();
    await generate(ctx, trx, s, input.fromMonth, input.months, input.publish);
    await writeAudit(
      trx,
      auditEvent(ctx, 'activity_series.create', id, {
        title: input.title,
        months: input.months,
        dayOfMonth: input.dayOfMonth,
      }),
    );
  });
  return getSeries(ctx, id);
}

export async function getSeries(ctx: Ctx, id: string, updated?: number): Promise<SeriesDetail> {
  const townId = ctx.actor.townId;
  const s = await loadSeries(ctx.db, townId, id);
  if (!s) throw notFound();
  const teamIds = parseJsonArray<string>(s.team_ids);
  const teamRows = teamIds.length
    ? await ctx.db
        .selectFrom('teams')
        .select(['id', 'name', 'colour'])
        .where('town_id', '=', townId)
        .where('id', 'in', teamIds)
        .execute()
    : [];
  const occurrences = await listActivities(ctx, { seriesId: id, page: 1, pageSize: 100, sort: 'start_asc' } as never);
  return {
    id: s.id,
    version: s.version,
    kind: s.kind as SeriesDetail['kind'],
    title: s.title,
    workstationId: s.workstation_id,
    villageId: s.village_id,
    address: s.address,
    teams: teamIds
      .map((t) => teamRows.find((r) => r.id === t))
      .filter((t): t is NonNullable<typeof t> => !!t)
      .map((t) => ({ id: t.id, name: t.name, color: t.colour })),
    capacity: s.capacity,
    waitlist: s.waitlist === 1,
    description: s.description,
    dayOfMonth: s.day_of_month,
    startTime: s.start_time,
    endTime: s.end_time,
    occurrences: occurrences.items,
    ...(updated === undefined ? {} : { updated }),
  };
}

export async function updateSeries(ctx: Ctx, id: string, input: Input<typeof SeriesUpdate>): Promise<SeriesDetail> {
  const townId = ctx.actor.townId;
  const updated = await ctx.db.transaction().execute(async (trx) => {
    const s = await loadSeries(trx, townId, id);
    if (!s) throw notFound();
    const oldTeams = parseJsonArray<string>(s.team_ids);
    if (!canManage(ctx.actor, { villageId: s.village_id, teamIds: oldTeams })) throw forbidden();
    if (s.version !== input.version) throw staleVersion();
    const place = await resolvePlace(trx, townId, {
      workstationId: input.workstationId === undefined ? s.workstation_id : input.workstationId,
      villageId:
        input.villageId === undefined ? (input.workstationId !== undefined ? null : s.village_id) : input.villageId,
      address: input.address === undefined ? s.address : input.address,
    });
    const teamIds = input.teamIds ? await resolveTeams(trx, townId, input.teamIds) : oldTeams;
    if (!canManage(ctx.actor, { villageId: place.villageId, teamIds })) throw forbidden();
    const next = {
      kind: input.kind ?? s.kind,
      title: input.title ?? s.title,
      workstation_id: place.workstationId,
      village_id: place.villageId,
      address: place.address,
      team_ids: JSON.stringify(teamIds),
      capacity: input.capacity === undefined ? s.capacity : input.capacity,
      waitlist: input.waitlist === undefined ? s.waitlist : input.waitlist ? 1 : 0,
      description: input.description === undefined ? s.description : input.description,
      day_of_month: input.dayOfMonth ?? s.day_of_month,
      start_time: input.startTime ?? s.start_time,
      end_time: input.endTime ?? s.end_time,
    };
    if (next.end_time <= next.start_time) {
      throw invalidField('endTime', 'validation.endAfterStart');
    }
    await trx
      .updateTable('activity_series')
      .set({ ...next, version: s.version + 1, updated_at: nowIso() })
      .where('town_id', '=', townId)
      .where('id', '=', id)
      .execute();
    // Future occurrences not edited by themselves follow.
    const now = nowIso();
    const followers = await selectActivity(trx, townId)
      .where('a.series_id', '=', id)
      .where('a.edited', '=', 0)
      .where('a.state', 'in', [...SERIES_FOLLOWING_STATES])
      .where('a.start_at', '>', now)
      .execute();
    for (const a of followers) {
      const month = shanghaiMonthOf(a.start_at);
      const date = dateIn(month, next.day_of_month);
      const startAt = shanghaiInstant(date, next.start_time);
      await trx
        .updateTable('activities')
        .set({
          kind: next.kind,
          title: next.title,
          workstation_id: next.workstation_id,
          village_id: next.village_id,
          address: next.address,
          lead_team_id: teamIds[0] ?? null,
          capacity: next.capacity,
          waitlist: next.waitlist,
          description: next.description,
          start_at: startAt,
          end_at: shanghaiInstant(date, next.end_time),
          month: shanghaiMonthOf(startAt),
          version: a.version + 1,
          updated_at: now,
        })
        .where('town_id', '=', townId)
        .where('id', '=', a.id)
        .execute();
      if (input.teamIds) await setTeams(trx, townId, a.id, teamIds);
      await refreshTotals(trx, townId, a.id);
    }
    await writeAudit(
      trx,
      auditEvent(ctx, 'activity_series.update', id, {
        fields: Object.keys(input).filter((k) => k !== 'version'),
        occurrences: followers.length,
      }),
    );
    return followers.length;
  });
  return getSeries(ctx, id, updated);
}

export async function extendSeries(
  ctx: Ctx,
  id: string,
  input: Input<typeof SeriesExtendInput>,
): Promise<SeriesDetail> {
  const townId = ctx.actor.townId;
  await ctx.db.transaction().execute(async (trx) => {
    const s = await loadSeries(trx, townId, id);
    if (!s) throw notFound();
    if (!canManage(ctx.actor, { villageId: s.village_id, teamIds: parseJsonArray<string>(s.team_ids) }))
      throw forbidden();
    if (s.version !== input.version) throw staleVersion();
    const last = await trx
      .selectFrom('activities')
      .select('start_at')
      .where('town_id', '=', townId)
      .where('series_id', '=', id)
      .orderBy('start_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const from = last ? addMonths(shanghaiMonthOf(last.start_at), 1) : shanghaiMonthOf(nowIso());
    await generate(ctx, trx, s, from, input.months, false);
    await trx
      .updateTable('activity_series')
      .set({ version: s.version + 1, updated_at: nowIso() })
      .where('town_id', '=', townId)
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, auditEvent(ctx, 'activity_series.extend', id, { from, months: input.months }));
  });
  return getSeries(ctx, id);
}
