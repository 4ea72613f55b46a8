/**
 * The staff request list and figures at county scale (issue 3: a million requests in 20 towns).
 *
 * - `request_terms`: every request's description as its distinct character pairs (the function
 *   is common/requests/terms.ts, repeated below so this migration never changes), so a keyword
 *   search reads the keyword's postings instead of every description of the town. Intake writes
 *   a request's terms in the same transaction as the request; descriptions are never edited.
 *   Filled here for the requests already there.
 * - List indexes that end in `(created_at, id)` — the list's order — and carry `status`, so a
 *   page is found and the total counted on the index alone (merged requests are left out by
 *   status); the deadline index carries the order too, for the overdue list.
 * - The figures' index: submission time and every column the figures count and group by.
 */
import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.ts';

/** Fixed copy of `searchTerms` (common/requests/terms.ts) as of this migration. */
function termsOf(text: string): string[] {
  const chars = Array.from(text.replace(/[A-Z]/g, (c) => c.toLowerCase()));
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  return [...out];
}

const LIST_INDEXES: [string, string[]][] = [
  ['ix_requests_created', ['town_id', 'created_at', 'id', 'status']],
  ['ix_requests_status', ['town_id', 'status', 'created_at', 'id']],
  ['ix_requests_village', ['town_id', 'village_id', 'created_at', 'id', 'status', 'category_id']],
  ['ix_requests_category', ['town_id', 'category_id', 'created_at', 'id', 'status']],
  ['ix_requests_due', ['town_id', 'status', 'due_at', 'created_at', 'id']],
];

/** Every column the figures count (common/requests/figures.ts) and group by: one pass over the index. */
const FIGURES_INDEX = [
  'town_id',
  'created_at',
  'status',
  'outcome',
  'due_at',
  'resolved_at',
  'rating',
  'village_id',
  'team_id',
  'category_id',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  // Room for the sort of the term rows.
  if (!pg) await sql`pragma cache_size = -262144`.execute(db);
  // The index table is filled first and keyed afterwards: one sorted build instead of millions of
  // random insertions. SQLite keeps the rows in the key's b-tree (without rowid).
  if (pg) {
    await sql`create table request_terms (town_id text not null, term text not null, request_id text not null)`.execute(
      db,
    );
  } else {
    await sql`create table request_terms_load (town_id text not null, term text not null, request_id text not null)`.execute(
      db,
    );
  }
  if (pg) {
    await sql`set local work_mem = '256MB'`.execute(db);
    await sql`set local maintenance_work_mem = '512MB'`.execute(db);
    // The same pairs as termsOf, computed by PostgreSQL: characters are code points in both.
    await sql`insert into request_terms (town_id, term, request_id)
      select distinct r.town_id, substr(r.folded, g.i, 2), r.id
      from (select town_id, id, translate(description, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') as folded
            from requests) r
      cross join lateral generate_series(1, char_length(r.folded) - 1) as g(i)`.execute(db);
  } else {
    await fillInBatches(db);
  }
  if (pg) {
    await sql`alter table request_terms add constraint pk_request_terms primary key (town_id, term, request_id)`.execute(
      db,
    );
  } else {
    await sql`create table request_terms (
      town_id text not null, term text not null, request_id text not null,
      constraint pk_request_terms primary key (town_id, term, request_id)) without rowid`.execute(db);
    await sql`insert into request_terms select town_id, term, request_id from request_terms_load order by town_id, term, request_id`.execute(
      db,
    );
    await sql`drop table request_terms_load`.execute(db);
    await sql`pragma cache_size = -2000`.execute(db);
  }

  for (const [name, columns] of LIST_INDEXES) {
    await sql`drop index ${sql.id(name)}`.execute(db);
    await sql`create index ${sql.id(name)} on requests (${sql.join(columns.map((c) => sql.id(c)))})`.execute(db);
  }
  await sql`create index ix_requests_figures on requests (${sql.join(FIGURES_INDEX.map((c) => sql.id(c)))})`.execute(
    db,
  );
  // Statistics for the planners; SQLite samples (a full analyze of a county's file takes minutes).
  if (!pg) await sql`pragma analysis_limit = 2000`.execute(db);
  // Only this migration's tables: a bare `analyze` on PostgreSQL reaches every schema of the database.
  await sql`analyze requests`.execute(db);
  await sql`analyze request_terms`.execute(db);
}

/** SQLite: the terms computed here, 5,000 requests at a time. */
async function fillInBatches(db: Kysely<unknown>): Promise<void> {
  type Row = { town_id: string; id: string; description: string };
  let after: { town_id: string; id: string } | null = null;
  for (;;) {
    const from: { town_id: string; id: string } | null = after;
    const rows: Row[] = (
      await sql<Row>`
        select town_id, id, description from requests
        ${from ? sql`where (town_id > ${from.town_id} or (town_id = ${from.town_id} and id > ${from.id}))` : sql``}
        order by town_id, id limit 5000`.execute(db)
    ).rows;
    if (rows.length === 0) break;
    const values: string[] = [];
    for (const r of rows) for (const term of termsOf(r.description)) values.push(r.town_id, term, r.id);
    // 3 parameters a row, under both databases' limits on parameters per statement.
    for (let i = 0; i < values.length; i += 3 * 3000) {
      const chunk = values.slice(i, i + 3 * 3000);
      const tuples: ReturnType<typeof sql>[] = [];
      for (let j = 0; j < chunk.length; j += 3) tuples.push(sql`(${chunk[j]}, ${chunk[j + 1]}, ${chunk[j + 2]})`);
      await sql`insert into request_terms_load (town_id, term, request_id) values ${sql.join(tuples)}`.execute(db);
    }
    const last: Row | undefined = rows[rows.length - 1];
    after = last ? { town_id: last.town_id, id: last.id } : null;
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup instead.');
}
