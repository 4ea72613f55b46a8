/**
 * On PostgreSQL every test file works in a schema of its own. Schemas are dropped once, after the
 * whole run (and stale ones before it): dropping one while another file's migrator lists the
 * server's tables makes that listing fail ("schema … does not exist").
 */
import pg from 'pg';

const TEST_SCHEMAS = `select nspname from pg_namespace where nspname ~ '^(t|cli)_[0-9a-f]+$'`;

async function dropTestSchemas(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(TEST_SCHEMAS);
    for (const { nspname } of rows) await client.query(`drop schema if exists "${nspname}" cascade`);
  } finally {
    await client.end();
  }
}

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const url = process.env.TEST_DATABASE_URL;
  if (process.env.TEST_DB !== 'postgres' || !url) return undefined;
  await dropTestSchemas(url);
  return () => dropTestSchemas(url);
}
