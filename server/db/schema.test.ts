/**
 * The rule that lets a province distribute the schema by town (Citus) without a rewrite: every
 * business table carries `town_id`, and its primary key, unique constraints and foreign keys to
 * other town tables include it. Read from the migrated database's own catalogue, on SQLite and on
 * PostgreSQL, so a new migration that breaks the rule fails here.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestContext, createTestApp } from '../test/harness.ts';

/** Tables outside the rule: the towns themselves and the software's own bookkeeping. */
const GLOBAL = new Set(['towns', 'app_meta', 'schema_migrations', 'schema_migrations_lock']);

interface TableKeys {
  columns: string[];
  primary: string[];
  /** Unique constraints and indexes, each as its columns. */
  uniques: { name: string; columns: string[] }[];
  foreignKeys: { name: string; target: string; columns: string[] }[];
}

async function catalogue(t: TestContext): Promise<Map<string, TableKeys>> {
  const out = new Map<string, TableKeys>();
  const of = (table: string) => {
    let k = out.get(table);
    if (!k) out.set(table, (k = { columns: [], primary: [], uniques: [], foreignKeys: [] }));
    return k;
  };
  const db = t.database.db;
  const sqlite = t.database.sqlite;
  if (sqlite) {
    const tables = sqlite
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .pluck()
      .all() as string[];
    for (const table of tables) {
      const k = of(table);
      const cols = sqlite.prepare('select name, pk from pragma_table_info(?)').all(table) as {
        name: string;
        pk: number;
      }[];
      k.columns = cols.map((c) => c.name);
      k.primary = cols.filter((c) => c.pk > 0).map((c) => c.name);
      for (const index of sqlite.prepare('select name, "unique", origin from pragma_index_list(?)').all(table) as {
        name: string;
        unique: number;
        origin: string;
      }[])
        if (index.unique && index.origin !== 'pk')
          k.uniques.push({
            name: index.name,
            columns: sqlite.prepare('select name from pragma_index_info(?)').pluck().all(index.name) as string[],
          });
      const fks = sqlite.prepare('select id, "table", "from" from pragma_foreign_key_list(?)').all(table) as {
        id: number;
        table: string;
        from: string;
      }[];
      for (const id of new Set(fks.map((f) => f.id))) {
        const parts = fks.filter((f) => f.id === id);
        k.foreignKeys.push({ name: `#${id}`, target: parts[0]?.table ?? '', columns: parts.map((p) => p.from) });
      }
    }
    return out;
  }
  const columns = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns where table_schema = current_schema()`.execute(db);
  for (const c of columns.rows) of(c.table_name).columns.push(c.column_name);
  const keys = await sql<{ table_name: string; name: string; type: string; target: string | null; columns: string[] }>`
    select rel.relname as table_name, con.conname as name, con.contype as type, ref.relname as target,
      array(select att.attname from unnest(con.conkey) as k(n)
        join pg_attribute att on att.attrelid = con.conrelid and att.attnum = k.n) as columns
    from pg_constraint con
    join pg_class rel on rel.oid = con.conrelid
    join pg_namespace ns on ns.oid = rel.relnamespace
    left join pg_class ref on ref.oid = con.confrelid
    where ns.nspname = current_schema() and con.contype in ('p', 'u', 'f')`.execute(db);
  for (const k of keys.rows) {
    const cols = Array.isArray(k.columns) ? k.columns : String(k.columns).replace(/[{}]/g, '').split(',');
    if (k.type === 'f') of(k.table_name).foreignKeys.push({ name: k.name, target: k.target ?? '', columns: cols });
    else if (k.type === 'p') of(k.table_name).primary = cols;
    else of(k.table_name).uniques.push({ name: k.name, columns: cols });
  }
  const indexes = await sql<{ table_name: string; name: string; columns: string[] }>`
    select t.relname as table_name, i.relname as name,
      array(select att.attname from unnest(ix.indkey) as k(n)
        join pg_attribute att on att.attrelid = t.oid and att.attnum = k.n) as columns
    from pg_index ix
    join pg_class t on t.oid = ix.indrelid
    join pg_class i on i.oid = ix.indexrelid
    join pg_namespace ns on ns.oid = t.relnamespace
    where ns.nspname = current_schema() and ix.indisunique and not ix.indisprimary
      and not exists (select 1 from pg_constraint c where c.conindid = ix.indexrelid)`.execute(db);
  for (const i of indexes.rows) {
    const cols = Array.isArray(i.columns) ? i.columns : String(i.columns).replace(/[{}]/g, '').split(',');
    of(i.table_name).uniques.push({ name: i.name, columns: cols });
  }
  return out;
}

let t: TestContext;
let tables: Map<string, TableKeys>;
beforeAll(async () => {
  t = await createTestApp();
  tables = await catalogue(t);
});
afterAll(async () => t.close());

describe('the schema is distributable by town', () => {
  it('reads the business tables, including the newest', () => {
    expect(tables.size).toBeGreaterThan(40);
    for (const name of ['requests', 'request_month_figures', 'activity_month_figures', 'care_visits'])
      expect([...tables.keys()]).toContain(name);
  });

  it('gives every business table town_id, in its primary key and every unique key', () => {
    const broken: string[] = [];
    for (const [table, k] of tables) {
      if (GLOBAL.has(table)) continue;
      if (!k.columns.includes('town_id')) broken.push(`${table}: no town_id`);
      if (!k.primary.includes('town_id')) broken.push(`${table}: primary key (${k.primary.join(', ')})`);
      for (const u of k.uniques) if (!u.columns.includes('town_id')) broken.push(`${table}: ${u.name} without town_id`);
    }
    expect(broken).toEqual([]);
  });

  it('includes town_id in every foreign key between town tables', () => {
    const broken: string[] = [];
    for (const [table, k] of tables) {
      if (GLOBAL.has(table)) continue;
      for (const fk of k.foreignKeys)
        if (fk.target !== 'towns' && !fk.columns.includes('town_id'))
          broken.push(`${table}: ${fk.name} → ${fk.target} (${fk.columns.join(', ')})`);
    }
    expect(broken).toEqual([]);
  });
});
