/**
 * Service work for the figures bench (issue 5): in the members bench's town (the demo's villages,
 * the five teams, `people` members), `activities` activities over five years with two to three
 * stalls each and `signups` sign-ups in all, and `visits` care visits to `recipients` recipients
 * over three years. Rows go straight into the tables with multi-row inserts in one transaction,
 * together with what the services keep beside them: each activity's totals, the per-team
 * contribution rows (computed by `contributions`, the figures' own definition) and the care
 * rollups (recomputed from the visits with one grouped insert each).
 */
import { type Insertable, type Kysely, sql } from 'kysely';
import { contributions, roundHours } from '../common/activities/figures.ts';
import type { Database } from '../server/db/database.ts';
import type {
  ActivitySignupTable,
  ActivityStallTable,
  ActivityTable,
  ActivityTeamFiguresTable,
  ActivityTeamTable,
} from '../server/db/schema-activities.ts';
import type { CarePairingTable, CareRecipientTable, CareVisitTable } from '../server/db/schema-care.ts';
import type { DB } from '../server/db/schema.ts';
import { prng } from '../server/demo/seed.ts';
import { GIVEN_FEMALE, GIVEN_MALE, SURNAMES } from '../server/demo/youlan-data.ts';
import { ensureStallKinds } from '../server/modules/activities/activities.repo.ts';
import { rebuildRollups } from '../server/modules/activities/activities.rollups.ts';
import type { Sealer } from '../server/platform/crypto.ts';
import { newId } from '../server/platform/ids.ts';

export interface ServiceOptions {
  activities: number;
  signups: number;
  recipients: number;
  visits: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface ServiceResult {
  activities: number;
  stalls: number;
  signups: number;
  recipients: number;
  visits: number;
  ms: number;
}

const DAY = 86400_000;
const KINDS = ['service_day', 'campaign', 'training', 'visit_drive', 'other'] as const;
const SERVICES = ['cleaning', 'nail_trimming', 'companionship', 'health_check', 'shopping', 'medicine'];
const CONDITIONS = ['good', 'good', 'good', 'fair', 'fair', 'poor'];
/** Rows per multi-row insert: well under SQLite's 32,766 bound variables for every table here. */
const CHUNK = 500;

const shanghaiMonth = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 7);

/** Adds the rows to the town `townId` (made by generateMembers). */
export async function generateService(
  database: Database,
  sealer: Sealer,
  townId: string,
  options: ServiceOptions,
): Promise<ServiceResult> {
  const started = Date.now();
  const db: Kysely<DB> = database.db;
  const rand = prng(options.seed ?? 20261202);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const log = options.log ?? (() => {});
  // Statistics early on PostgreSQL: it plans its foreign-key checks once per session, and on an empty
  // table picks plans that grow with the table; analyze invalidates them while it is cheap.
  const written = new Map<string, number>();
  const analyzeEarly = async (trx: Kysely<DB>, table: string, rows: number) => {
    if (database.dialect !== 'postgres' || !rows) return;
    const before = written.get(table) ?? 0;
    written.set(table, before + rows);
    if ([2_000, 20_000].some((mark) => before < mark && before + rows >= mark))
      await sql`analyze ${sql.table(table)}`.execute(trx);
  };
  const now = Date.now();
  const nowIso = new Date(now).toISOString();

  const villages = await db.selectFrom('villages').select('id').where('town_id', '=', townId).execute();
  const teams = await db.selectFrom('teams').select('id').where('town_id', '=', townId).orderBy('sort').execute();
  const people = await db
    .selectFrom('people')
    .select(['id', 'village_id'])
    .where('town_id', '=', townId)
    .orderBy('id')
    .execute();
  const membership = new Map(
    (
      await db.selectFrom('team_memberships').select(['person_id', 'team_id']).where('town_id', '=', townId).execute()
    ).map((m) => [m.person_id, m.team_id]),
  );
  await ensureStallKinds(db, townId);
  const kinds = await db.selectFrom('stall_kinds').select('id').where('town_id', '=', townId).execute();

  let stallCount = 0;
  let signupCount = 0;
  await db.transaction().execute(async (trx) => {
    const buffers = {
      activities: [] as Insertable<ActivityTable>[],
      activity_teams: [] as Insertable<ActivityTeamTable>[],
      activity_stalls: [] as Insertable<ActivityStallTable>[],
      activity_signups: [] as Insertable<ActivitySignupTable>[],
      activity_team_figures: [] as Insertable<ActivityTeamFiguresTable>[],
    };
    /** Writes every buffer, parents first, in inserts of CHUNK rows. */
    const flush = async () => {
      for (const [table, rows] of Object.entries(buffers) as [keyof typeof buffers, never[]][]) {
        for (let k = 0; k < rows.length; k += CHUNK)
          await trx
            .insertInto(table)
            .values(rows.slice(k, k + CHUNK))
            .execute();
        await analyzeEarly(trx, table, rows.length);
        rows.length = 0;
      }
    };
    // Activities over five years up to a month ahead; the last month's are still planned or published.
    const span = 5 * 365 * DAY;
    const perActivity = options.signups / options.activities;
    for (let i = 0; i < options.activities; i++) {
      const startMs = now - span + Math.floor((i / options.activities) * (span + 30 * DAY));
      const start = new Date(startMs).toISOString();
      const end = new Date(startMs + 3 * 3600_000).toISOString();
      const kind = i % 4 === 0 ? 'service_day' : pick(KINDS);
      const past = startMs < now - DAY;
      const state = !past ? 'published' : rand() < 0.03 ? 'cancelled' : rand() < 0.7 ? 'reported' : 'done';
      const held = state === 'done' || state === 'reported';
      const id = newId();
      const teamIds = rand() < 0.3 ? [pick(teams).id, pick(teams).id] : [pick(teams).id];
      const lead = teamIds[0] ?? null;
      const unique = [...new Set(teamIds)];
      unique.forEach((teamId, sort) =>
        buffers.activity_teams.push({ town_id: townId, id: newId(), activity_id: id, team_id: teamId, sort }),
      );
      const reach = kind === 'campaign' && held ? 20 + Math.floor(rand() * 200) : null;
      const stalls: Insertable<ActivityStallTable>[] = [];
      const stallCountHere = kind === 'service_day' ? 4 + Math.floor(rand() * 3) : 1 + Math.floor(rand() * 2);
      for (let s = 0; s < stallCountHere; s++) {
        stalls.push({
          town_id: townId,
          id: newId(),
          version: 1,
          created_at: start,
          updated_at: start,
          activity_id: id,
          kind_id: pick(kinds).id,
          team_id: pick(teams).id,
          capacity: 6,
          label: null,
          sort: s,
          served: held ? 5 + Math.floor(rand() * 40) : null,
          deeds: held ? Math.floor(rand() * 4) : null,
          notes: null,
          taken: 0,
          waitlisted: 0,
          attended: 0,
          no_shows: 0,
          hours: 0,
        });
      }
      // Sign-ups: the mean per activity, spread ±50 %, distinct people.
      const count = Math.max(1, Math.round(perActivity * (0.5 + rand())));
      const chosen = new Set<number>();
      while (chosen.size < Math.min(count, people.length)) chosen.add(Math.floor(rand() * people.length));
      const signups: Insertable<ActivitySignupTable>[] = [];
      for (const p of chosen) {
        const stall = pick(stalls);
        const roll = rand();
        const state = held ? (roll < 0.85 ? 'attended' : roll < 0.92 ? 'no_show' : 'cancelled') : 'signed_up';
        const hours = state === 'attended' ? roundHours(1 + rand() * 3) : null;
        signups.push({
          town_id: townId,
          id: newId(),
          version: 1,
          created_at: start,
          updated_at: start,
          activity_id: id,
          stall_id: stall.id,
          person_id: people[p]?.id ?? '',
          state,
          source: 'self',
          queued_at: start,
          check_in_at: state === 'attended' ? start : null,
          check_out_at: state === 'attended' ? end : null,
          hours,
          cancel_reason: null,
          created_by: null,
        });
        const c = stall as { taken: number; attended: number; no_shows: number; hours: number };
        if (state === 'signed_up' || state === 'attended') c.taken += 1;
        if (state === 'attended') c.attended += 1;
        if (state === 'no_show') c.no_shows += 1;
        c.hours = roundHours(c.hours + (hours ?? 0));
      }
      const sum = (k: 'taken' | 'attended' | 'no_shows' | 'hours' | 'served' | 'deeds') =>
        stalls.reduce((n, s) => n + Number(s[k] ?? 0), 0);
      buffers.activities.push({
        town_id: townId,
        id,
        version: 1,
        created_at: start,
        updated_at: start,
        series_id: null,
        edited: 0,
        kind,
        title: `${kind === 'service_day' ? '便民示范日' : '志愿服务活动'} ${i + 1}`,
        state,
        start_at: start,
        end_at: end,
        month: shanghaiMonth(startMs),
        workstation_id: null,
        village_id: pick(villages).id,
        address: '镇政府广场',
        lead_team_id: lead,
        capacity: null,
        waitlist: 1,
        description: null,
        summary: null,
        reach,
        cancel_reason: null,
        published_at: start,
        started_at: held ? start : null,
        finished_at: held ? end : null,
        reported_at: state === 'reported' ? end : null,
        cancelled_at: state === 'cancelled' ? start : null,
        created_by: null,
        served: sum('served'),
        deeds: sum('deeds'),
        signups: signups.filter((s) => ['signed_up', 'attended', 'no_show'].includes(s.state as string)).length,
        taken: sum('taken'),
        waitlisted: 0,
        attended: sum('attended'),
        no_shows: sum('no_shows'),
        hours: roundHours(sum('hours')),
      });
      const stallTeam = new Map(stalls.map((s) => [s.id, s.team_id ?? null]));
      for (const r of contributions({
        teamIds: unique,
        reach,
        stalls: stalls.map((s) => ({ teamId: s.team_id ?? null, served: s.served ?? null, deeds: s.deeds ?? null })),
        signups: signups.map((s) => ({
          stallTeamId: s.stall_id ? (stallTeam.get(s.stall_id) ?? null) : null,
          state: s.state as string,
          hours: s.hours ?? null,
        })),
      }))
        buffers.activity_team_figures.push({
          town_id: townId,
          id: newId(),
          activity_id: id,
          team_id: r.teamId,
          state,
          start_at: start,
          month: shanghaiMonth(startMs),
          kind,
          served: r.served,
          deeds: r.deeds,
          reach: r.reach,
          signups: r.signups,
          attended: r.attended,
          no_shows: r.noShows,
          hours: r.hours,
        });
      buffers.activity_stalls.push(...stalls);
      buffers.activity_signups.push(...signups);
      stallCount += stalls.length;
      signupCount += signups.length;
      if (buffers.activities.length >= 200) await flush();
      if ((i + 1) % 10_000 === 0) log(`  activities ${(i + 1).toLocaleString('en')}`);
    }
    await flush();
    await rebuildRollups(trx, townId);
  });

  // Care: recipients in every village, each paired with a member, visits over three years.
  const recipientRows: Insertable<CareRecipientTable>[] = [];
  const pairings: Insertable<CarePairingTable>[] = [];
  const mobile = '13900000000';
  const sealedMobile = sealer.encrypt(mobile);
  for (let i = 0; i < options.recipients; i++) {
    const village = pick(villages).id;
    const female = rand() < 0.55;
    const registered = new Date(now - 3 * 365 * DAY).toISOString();
    const id = newId();
    recipientRows.push({
      town_id: townId,
      id,
      version: 1,
      created_at: registered,
      updated_at: registered,
      kinds: JSON.stringify(['elderly_alone']),
      name: pick(SURNAMES) + pick(female ? GIVEN_FEMALE : GIVEN_MALE),
      gender: female ? 'female' : 'male',
      birth_year: 1930 + Math.floor(rand() * 25),
      village_id: village,
      hamlet_id: null,
      address: null,
      mobile_enc: sealedMobile,
      mobile_hash: sealer.hash(mobile),
      mobile_mask: '139****0000',
      id_number_enc: null,
      id_number_hash: null,
      id_number_mask: null,
      guardian_name: null,
      guardian_relation: null,
      guardian_mobile_enc: null,
      guardian_mobile_mask: null,
      needs: null,
      need_tags: '[]',
      health_notes_enc: null,
      risk_level: pick(['low', 'medium', 'high']),
      frequency_days: pick([7, 14, 30]),
      lawful_basis: 'consent',
      consent_date: registered.slice(0, 10),
      consent_recorded_by: null,
      recorded_by: null,
      status: 'active',
      inactive_reason: null,
      inactive_note: null,
      inactive_at: null,
      last_visit_at: null,
      next_due_at: nowIso,
      notify_at: nowIso,
    });
    const person = people[Math.floor(rand() * people.length)];
    pairings.push({
      town_id: townId,
      id: newId(),
      version: 1,
      created_at: registered,
      updated_at: registered,
      recipient_id: id,
      person_id: person?.id ?? '',
      is_primary: 1,
      started_at: registered,
      ended_at: null,
      end_reason: null,
      created_by: null,
      ended_by: null,
    });
  }
  const lastVisit = new Map<string, number>();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < recipientRows.length; i += CHUNK)
      await trx
        .insertInto('care_recipients')
        .values(recipientRows.slice(i, i + CHUNK))
        .execute();
    for (let i = 0; i < pairings.length; i += CHUNK)
      await trx
        .insertInto('care_pairings')
        .values(pairings.slice(i, i + CHUNK))
        .execute();
    let batch: Insertable<CareVisitTable>[] = [];
    const span = 3 * 365 * DAY;
    for (let i = 0; i < options.visits; i++) {
      const r = Math.floor(rand() * recipientRows.length);
      const recipient = recipientRows[r] as Insertable<CareRecipientTable>;
      const pairing = pairings[r] as Insertable<CarePairingTable>;
      const atMs = now - span + Math.floor((i / options.visits) * span);
      const at = new Date(atMs).toISOString();
      const problem = rand() < 0.02 ? 1 : 0;
      batch.push({
        town_id: townId,
        id: newId(),
        created_at: at,
        recipient_id: recipient.id,
        person_id: pairing.person_id,
        team_id: membership.get(pairing.person_id) ?? null,
        village_id: recipient.village_id,
        visited_at: at,
        month: shanghaiMonth(atMs),
        duration_minutes: pick([30, 60, 90]),
        services: JSON.stringify([pick(SERVICES), pick(SERVICES)].filter((s, k, a) => a.indexOf(s) === k)),
        condition: pick(CONDITIONS),
        notes: null,
        photos: '[]',
        problem: problem as 0 | 1,
        request_id: null,
        created_by: null,
      });
      lastVisit.set(recipient.id, atMs);
      if (batch.length >= CHUNK) {
        await trx.insertInto('care_visits').values(batch).execute();
        await analyzeEarly(trx, 'care_visits', batch.length);
        batch = [];
      }
      if ((i + 1) % 200_000 === 0) log(`  visits ${(i + 1).toLocaleString('en')}`);
    }
    if (batch.length) await trx.insertInto('care_visits').values(batch).execute();
    // The rollups the visit service keeps, recomputed from the visits.
    await sql`insert into care_visit_stats (town_id, month, village_id, team_id, visits, minutes, problems, requests)
      select town_id, month, village_id, coalesce(team_id, ''), count(*), sum(duration_minutes), sum(problem),
             sum(case when request_id is null then 0 else 1 end)
      from care_visits where town_id = ${townId}
      group by town_id, month, village_id, coalesce(team_id, '')`.execute(trx);
    await sql`insert into care_recipient_months (town_id, recipient_id, month, team_id)
      select distinct town_id, recipient_id, month, coalesce(team_id, '') from care_visits where town_id = ${townId}`.execute(
      trx,
    );
    for (const row of recipientRows) {
      const last = lastVisit.get(row.id);
      if (last === undefined) continue;
      const due = new Date(last + Number(row.frequency_days) * DAY).toISOString();
      await trx
        .updateTable('care_recipients')
        .set({ last_visit_at: new Date(last).toISOString(), next_due_at: due, notify_at: due })
        .where('town_id', '=', townId)
        .where('id', '=', row.id)
        .execute();
    }
  });
  if (database.dialect === 'postgres') await sql`analyze`.execute(db);
  return {
    activities: options.activities,
    stalls: stallCount,
    signups: signupCount,
    recipients: options.recipients,
    visits: options.visits,
    ms: Date.now() - started,
  };
}
