/**
 * Generates a large database for the `--big` benchmarks: towns with villages, hamlets, teams,
 * departments, the default categories and calendar, one town admin each, and requests with
 * their timelines spread over two years — written straight into the tables in large batches
 * (SQLite: prepared statements in transactions of 10,000 rows; PostgreSQL: multi-row inserts
 * of 1,000 rows). Deterministic for a seed, apart from the dates, which end now.
 *
 *   node --import tsx bench/generate.ts --requests 1000000 --towns 20 [--data-dir DIR] [--seed N]
 *
 * Uses DATABASE_URL for PostgreSQL, else the SQLite file in the data directory.
 * Each town `benchNN` has the admin `adminNN` with the password BENCH_PASSWORD.
 */
import os from 'node:os';
import path from 'node:path';
import { CompiledQuery, type Kysely } from 'kysely';
import { maskMobile } from '../common/privacy/identity.ts';
import { type CalendarOverrides, dueAt } from '../common/requests/calendar.ts';
import { loadConfig } from '../server/config.ts';
import type { Database } from '../server/db/database.ts';
import type { DB } from '../server/db/schema.ts';
import { searchTerms } from '../common/requests/terms.ts';
import { STORIES } from '../server/demo/requests-data.ts';
import { prng } from '../server/demo/seed.ts';
import { GIVEN_FEMALE, GIVEN_MALE, SURNAMES, TEAMS, VILLAGES } from '../server/demo/youlan-data.ts';
import { loadCalendar } from '../server/modules/categories/calendar.repo.ts';
import { seedDefaultCategories, seedHolidays2026 } from '../server/modules/categories/categories.seed.ts';
import type { Sealer } from '../server/platform/crypto.ts';
import { rebuildRequestFigures } from '../server/modules/requests/figures.rollup.ts';
import { hashPassword } from '../server/platform/passwords.ts';
import { openRuntime } from '../server/runtime.ts';

export const BENCH_PASSWORD = 'Bench@2026-big';
export const benchTownCode = (i: number): string => `bench${String(i + 1).padStart(2, '0')}`;
export const benchAdmin = (i: number): string => `admin${String(i + 1).padStart(2, '0')}`;

export interface GenerateOptions {
  towns: number;
  requests: number;
  /** Mean timeline entries per request (at least 1: the submission). */
  eventsPerRequest?: number;
  seed?: number;
  /** Log progress lines. */
  log?: (line: string) => void;
}

export interface GenerateResult {
  towns: number;
  requests: number;
  events: number;
  ms: number;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const REQUEST_COLUMNS = [
  'town_id',
  'id',
  'code',
  'version',
  'status',
  'outcome',
  'urgency',
  'channel',
  'category_id',
  'description',
  'village_id',
  'hamlet_id',
  'address',
  'lat',
  'lng',
  'reporter_name',
  'reporter_mobile_enc',
  'reporter_mobile_hash',
  'reporter_mobile_mask',
  'entered_by',
  'workstation_id',
  'assignee_kind',
  'assignee_id',
  'team_id',
  'due_at',
  'warned_at',
  'overdue_at',
  'accepted_at',
  'dispatched_at',
  'resolved_at',
  'rated_at',
  'archived_at',
  'rating',
  'rating_comment',
  'pending_extension_days',
  'supervised_count',
  'reopened_count',
  'merged_into_id',
  'created_at',
  'updated_at',
] as const;
const EVENT_COLUMNS = [
  'town_id',
  'id',
  'request_id',
  'at',
  'kind',
  'actor_id',
  'actor_name',
  'note',
  'data',
  'public',
] as const;
type Value = string | number | null;

/** Writes rows in batches: prepared statements in transactions (SQLite) or multi-row inserts (PostgreSQL). */
class Writer {
  private readonly pending = new Map<string, Value[][]>();
  private readonly batch: number;
  readonly counts = new Map<string, number>();

  constructor(
    private readonly database: Database,
    private readonly columns: Record<string, readonly string[]>,
  ) {
    this.batch = database.dialect === 'sqlite' ? 10_000 : 1_000;
  }

  async add(table: string, row: Value[]): Promise<void> {
    const rows = this.pending.get(table) ?? [];
    rows.push(row);
    this.pending.set(table, rows);
    // Flushing every table, parents first (in the order they were first added), keeps foreign keys whole.
    if (rows.length >= this.batch) await this.flush();
  }

  async flush(table?: string): Promise<void> {
    for (const name of table ? [table] : [...this.pending.keys()]) {
      const rows = this.pending.get(name) ?? [];
      if (!rows.length) continue;
      this.pending.set(name, []);
      this.counts.set(name, (this.counts.get(name) ?? 0) + rows.length);
      const cols = this.columns[name] ?? [];
      if (this.database.sqlite) {
        const sqlite = this.database.sqlite;
        const insert = sqlite.prepare(
          `insert into ${name} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`,
        );
        sqlite.transaction((all: Value[][]) => {
          for (const r of all) insert.run(r);
        })(rows);
      } else {
        const params: Value[] = [];
        const tuples = rows.map((r) => {
          const start = params.length;
          params.push(...r);
          return `(${r.map((_, i) => `$${start + i + 1}`).join(', ')})`;
        });
        await this.database.db.executeQuery(
          CompiledQuery.raw(`insert into ${name} (${cols.join(', ')}) values ${tuples.join(', ')}`, params),
        );
        // Statistics early: PostgreSQL plans its foreign-key checks once per session, and on an empty
        // table it picks a town-wide index scan; analyze invalidates that plan while it is cheap.
        const before = (this.counts.get(name) ?? 0) - rows.length;
        if ([5_000, 50_000].some((mark) => before < mark && before + rows.length >= mark))
          await this.database.db.executeQuery(CompiledQuery.raw(`analyze ${name}`));
      }
    }
  }
}

/** A deterministic UUIDv7 for a time, from the generator's PRNG. */
function idMaker(rand: () => number): (ms: number) => string {
  return (ms) => {
    const hex = Math.floor(ms).toString(16).padStart(12, '0');
    const r = () =>
      Math.floor(rand() * 0x10000)
        .toString(16)
        .padStart(4, '0');
    const variant = (8 + Math.floor(rand() * 4)).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8)}-7${r().slice(1)}-${variant}${r().slice(1)}-${r()}${r()}${r()}`;
  };
}

/** Fills the database; the towns must not be there yet. */
export async function generate(database: Database, sealer: Sealer, options: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const db: Kysely<DB> = database.db;
  const rand = prng(options.seed ?? 20261126);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const id = idMaker(rand);
  const log = options.log ?? (() => undefined);
  const eventsPerRequest = Math.max(1, options.eventsPerRequest ?? 4);
  const now = Date.now();
  const nowIso = new Date(now).toISOString();
  const span = 730 * DAY;
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  if (database.sqlite) {
    // Generated data can be generated again: trade durability for speed while loading.
    database.sqlite.pragma('synchronous = OFF');
    database.sqlite.pragma('cache_size = -262144');
  }
  const writer = new Writer(database, {
    requests: REQUEST_COLUMNS,
    request_events: EVENT_COLUMNS,
    request_terms: ['town_id', 'term', 'request_id'],
  });

  // A pool of reporters: encrypting a million numbers would measure the cipher, not the database.
  const reporters = Array.from({ length: 5000 }, () => {
    const mobile = `1${pick(['35', '37', '39', '58', '86', '89'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
    return {
      name: pick(SURNAMES) + pick(rand() < 0.5 ? GIVEN_MALE : GIVEN_FEMALE),
      enc: sealer.encrypt(mobile),
      hash: sealer.hash(mobile),
      mask: maskMobile(mobile),
    };
  });
  const stories = Object.entries(STORIES).flatMap(([code, list]) => list.map((s) => ({ code, story: s })));
  const statusesSeen = new Map<string, number>();
  let events = 0;

  for (let t = 0; t < options.towns; t++) {
    const townId = id(now - span - DAY + t);
    const rec = { town_id: townId, version: 1, disabled: 0, created_at: nowIso, updated_at: nowIso };
    const prefix = `B${String.fromCharCode(65 + (t % 26))}${t >= 26 ? String.fromCharCode(65 + Math.floor(t / 26)) : ''}`;
    await db
      .insertInto('towns')
      .values({
        id: townId,
        code: benchTownCode(t),
        name: `测试${t + 1}镇`,
        prefix,
        province: '江西省',
        county: '南昌县',
        division_code: null,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .execute();
    const villages: { id: string; name: string; hamlets: { id: string; name: string }[] }[] = [];
    for (const [i, [name, , hamletNames]] of VILLAGES.entries()) {
      villages.push({
        id: id(now - span + i),
        name,
        hamlets: hamletNames.map((h, j) => ({ id: id(now - span + i * 10 + j), name: h })),
      });
    }
    const teamIds = TEAMS.map((_, i) => id(now - span + 500 + i));
    const departments = ['村镇建设办公室', '自来水厂', '社会事务办公室', '卫生院', '司法所'].map((name, i) => ({
      id: id(now - span + 600 + i),
      name,
    }));
    const adminId = id(now - span + 700);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('villages')
        .values(
          villages.map((v, i) => ({
            ...rec,
            id: v.id,
            name: v.name,
            kind: VILLAGES[i]?.[1] ?? 'village',
            code: null,
            sort: i,
          })),
        )
        .execute();
      await trx
        .insertInto('hamlets')
        .values(villages.flatMap((v) => v.hamlets.map((h) => ({ ...rec, id: h.id, village_id: v.id, name: h.name }))))
        .execute();
      await trx
        .insertInto('teams')
        .values(
          TEAMS.map(([name, colour, focus, description], i) => ({
            ...rec,
            id: teamIds[i] ?? '',
            name,
            colour,
            focus,
            description,
            sort: i,
          })),
        )
        .execute();
      await trx
        .insertInto('departments')
        .values(departments.map((d) => ({ ...rec, id: d.id, name: `镇${d.name}`, duties: null, phone: null })))
        .execute();
      await trx
        .insertInto('users')
        .values({
          ...rec,
          id: adminId,
          username: benchAdmin(t),
          display_name: `测试${t + 1}镇管理员`,
          person_id: null,
          mobile_enc: null,
          mobile_hash: null,
          mobile_mask: null,
          password_hash: passwordHash,
          must_change_password: 0,
          locale: 'zh-CN',
          failed_logins: 0,
          locked_until: null,
          last_login_at: null,
          password_changed_at: null,
        })
        .execute();
      await trx
        .insertInto('user_roles')
        .values({
          town_id: townId,
          id: id(now - span + 701),
          user_id: adminId,
          role: 'town_admin',
          village_id: null,
          team_id: null,
          department_id: null,
        })
        .execute();
      const dept = (i: number) => ({ kind: 'department' as const, id: departments[i]?.id ?? '' });
      const team = (i: number) => ({ kind: 'team' as const, id: teamIds[i] ?? '' });
      await seedDefaultCategories(trx, townId, {
        road: dept(0),
        water: dept(1),
        safety: team(1),
        dispute: dept(4),
        care: team(3),
        farming: team(2),
        housing: dept(0),
        health: dept(3),
        idea: team(0),
        environment: team(0),
      });
      await seedHolidays2026(trx, townId);
    });
    const categories = new Map(
      (await db.selectFrom('categories').select(['code', 'id']).where('town_id', '=', townId).execute()).map((c) => [
        c.code,
        c.id,
      ]),
    );
    const calendar: CalendarOverrides = await loadCalendar(db, townId);
    const dueCache = new Map<string, string>();
    const due = (ms: number, days: number) => {
      const key = `${new Date(ms + 8 * HOUR).toISOString().slice(0, 10)}:${days}`;
      let d = dueCache.get(key);
      if (!d) dueCache.set(key, (d = dueAt(new Date(ms), days, calendar)));
      return d;
    };

    // Requests of this town in time order, so every index grows at its end.
    const count = Math.floor(options.requests / options.towns) + (t < options.requests % options.towns ? 1 : 0);
    const times = Array.from({ length: count }, () => {
      // Busier in summer and at harvest: accept a day with a seasonal chance.
      for (;;) {
        const ms = now - rand() * span;
        const month = new Date(ms + 8 * HOUR).getUTCMonth();
        if (rand() < (month >= 5 && month <= 9 ? 1 : 0.65)) return ms;
      }
    }).sort((a, b) => a - b);
    const perDay = new Map<string, number>();
    let previous: string | null = null;
    // Every request gets the entries its lifecycle writes (about 5.5 on average for a two-year mix);
    // a progress note is added when more are asked for.
    const extras = Math.max(0, eventsPerRequest - 5);
    for (const created of times) {
      const s = pick(stories);
      const v = pick(villages);
      const h = pick(v.hamlets);
      const rep = rand() < 0.9 ? pick(reporters) : null;
      const age = now - created;
      const x = rand();
      const urgency = x < 0.03 ? 'critical' : x < 0.15 ? 'urgent' : 'normal';
      const dueAtIso = due(created, urgency === 'critical' ? 0 : urgency === 'urgent' ? 1 : 5);
      const dueMs = Date.parse(dueAtIso);
      // Where the request stands now: most old ones are done; recent ones still in hand.
      let status: string;
      const y = rand();
      if (age < 2 * DAY)
        status = y < 0.3 ? 'submitted' : y < 0.55 ? 'accepted' : y < 0.75 ? 'dispatched' : 'in_progress';
      else if (age < 10 * DAY)
        status = y < 0.05 ? 'dispatched' : y < 0.2 ? 'in_progress' : y < 0.55 ? 'resolved' : 'rated';
      else
        status =
          y < 0.004
            ? 'in_progress'
            : y < 0.02
              ? 'rejected'
              : y < 0.03
                ? 'merged'
                : y < 0.05
                  ? 'resolved'
                  : y < 0.12
                    ? 'rated'
                    : 'archived';
      statusesSeen.set(status, (statusesSeen.get(status) ?? 0) + 1);
      const day = new Date(created + 8 * HOUR).toISOString().slice(0, 10).replace(/-/g, '');
      const n = (perDay.get(day) ?? 0) + 1;
      perDay.set(day, n);
      const requestId = id(created);
      const accepted = ['submitted', 'merged', 'rejected'].includes(status) ? null : created + rand() * 3 * HOUR;
      const dispatched =
        accepted && !['accepted', 'rejected'].includes(status) ? accepted + (0.2 + rand() * 4) * HOUR : null;
      const handled = ['resolved', 'rated', 'archived'].includes(status);
      const late = rand() < 0.08;
      const resolved =
        handled && dispatched
          ? Math.min(
              now - HOUR,
              late ? dueMs + rand() * 72 * HOUR : dispatched + rand() * Math.max(HOUR, dueMs - dispatched),
            )
          : null;
      const outcome = handled ? (rand() < 0.985 ? 'resolved' : 'unresolved') : null;
      const rated = resolved && rep && status !== 'resolved' ? Math.min(now - 1, resolved + rand() * 72 * HOUR) : null;
      const rating = rated ? (rand() < 0.7 ? 5 : rand() < 0.85 ? 4 : pick([1, 2, 3, 4])) : null;
      const archived = status === 'archived' ? Math.min(now - 1, (rated ?? resolved ?? created) + 7 * DAY) : null;
      const assignee = dispatched
        ? s.code === 'road' || s.code === 'water' || s.code === 'health'
          ? { kind: 'department', id: pick(departments).id, team: null }
          : (() => {
              const team = pick(teamIds);
              return { kind: 'team', id: team, team };
            })()
        : null;
      const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
      const last = archived ?? rated ?? resolved ?? dispatched ?? accepted ?? created;
      const overdue = ['submitted', 'accepted', 'dispatched', 'in_progress'].includes(status) && dueMs < now;
      const description = s.story[0].replaceAll('{h}', h.name).replaceAll('{v}', v.name);
      await writer.add('requests', [
        townId,
        requestId,
        `${prefix}-${day}-${String(n).padStart(4, '0')}`,
        1,
        status,
        outcome,
        urgency,
        pick(['h5', 'h5', 'h5', 'desk', 'desk', 'phone', 'stall', 'visit']),
        categories.get(s.code) ?? '',
        description,
        v.id,
        h.id,
        `${v.name}${h.name}`,
        null,
        null,
        rep?.name ?? null,
        rep?.enc ?? null,
        rep?.hash ?? null,
        rep?.mask ?? null,
        null,
        null,
        assignee?.kind ?? null,
        assignee?.id ?? null,
        assignee?.team ?? null,
        dueAtIso,
        overdue ? iso(dueMs - DAY) : null,
        overdue ? iso(dueMs + 60_000) : null,
        iso(accepted),
        iso(dispatched),
        iso(resolved),
        iso(rated),
        iso(archived),
        rating,
        null,
        null,
        0,
        0,
        status === 'merged' ? previous : null,
        iso(created),
        iso(last),
      ]);
      previous = requestId;
      // The keyword index, as intake writes it (migration 0008).
      for (const term of searchTerms(description)) await writer.add('request_terms', [townId, term, requestId]);
      const event = async (at: number, kind: string, note: string | null, isPublic = 1) => {
        events++;
        await writer.add('request_events', [
          townId,
          id(at),
          requestId,
          new Date(at).toISOString(),
          kind,
          kind === 'submitted' ? null : adminId,
          kind === 'submitted' ? (rep?.name ?? null) : `测试${t + 1}镇管理员`,
          note,
          null,
          isPublic,
        ]);
      };
      await event(created, 'submitted', null);
      if (accepted) await event(accepted, 'accept', null);
      if (status === 'rejected') await event(created + rand() * 3 * HOUR, 'reject', '不属于本镇受理范围。');
      if (status === 'merged') await event(created + rand() * 3 * HOUR, 'merge', null);
      if (dispatched) await event(dispatched, 'dispatch', null);
      if (dispatched && rand() < extras) await event(dispatched + HOUR, 'progress', s.story[1]);
      if (resolved) await event(resolved, outcome === 'resolved' ? 'resolve' : 'close_unresolved', s.story[2]);
      if (rated) await event(rated, 'rate', null);
      if (archived) await event(archived, 'archive', null, 0);
    }
    await writer.flush();
    await rebuildRequestFigures(db, townId);
    const seqs = [...perDay].map(([day, value]) => ({ town_id: townId, name: `request:${day}`, value }));
    for (let i = 0; i < seqs.length; i += 500)
      await db
        .insertInto('sequences')
        .values(seqs.slice(i, i + 500))
        .execute();
    log(
      `town ${t + 1}/${options.towns}: ${count} requests, ${writer.counts.get('request_events') ?? 0} events so far — ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  if (database.sqlite) {
    database.sqlite.pragma('synchronous = FULL');
    database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } else {
    // As autovacuum would in time: statistics, and the visibility map for index-only scans.
    for (const table of ['requests', 'request_events', 'request_terms', 'request_month_figures'])
      await db.executeQuery(CompiledQuery.raw(`vacuum (analyze) ${table}`));
  }
  log(`statuses: ${JSON.stringify(Object.fromEntries(statusesSeen))}`);
  return {
    towns: options.towns,
    requests: writer.counts.get('requests') ?? 0,
    events,
    ms: Date.now() - started,
  };
}

async function main(): Promise<void> {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const requests = Number(arg('requests') ?? 1_000_000);
  const towns = Number(arg('towns') ?? 20);
  const dataDir = path.resolve(arg('data-dir') ?? path.join(os.tmpdir(), 'lianxin-bench-big'));
  const config = loadConfig({ LIANXIN_DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL ?? '' });
  const runtime = await openRuntime(config);
  try {
    const existing = await runtime.database.db
      .selectFrom('towns')
      .select('id')
      .where('code', '=', benchTownCode(0))
      .executeTakeFirst();
    if (existing) {
      process.stdout.write(`The bench towns are already in ${runtime.database.where}; nothing to do.\n`);
      return;
    }
    process.stdout.write(`Generating ${requests} requests in ${towns} towns into ${runtime.database.where}\n`);
    const result = await generate(runtime.database, runtime.sealer, {
      towns,
      requests,
      eventsPerRequest: Number(arg('events-per-request') ?? 4),
      seed: Number(arg('seed') ?? 20261126),
      log: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(
      `Done: ${result.requests} requests, ${result.events} events in ${(result.ms / 1000).toFixed(1)} s ` +
        `(${Math.round(result.requests / (result.ms / 1000))} requests/s). Sign in as ${benchAdmin(0)} / ${BENCH_PASSWORD}.\n`,
    );
  } finally {
    await runtime.database.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
