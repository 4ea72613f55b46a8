/** Produces the OpenAPI document from the routes, for docs/openapi.json and its drift test. */
import fs from 'node:fs';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { makeSealer } from './platform/crypto.ts';

export async function openApiDocument(): Promise<unknown> {
  const database = openDatabase({ databaseUrl: null, sqliteFile: ':memory:' });
  const app = await buildApp({
    config: loadConfig({}, { webDist: '/nonexistent' }),
    database,
    sealer: makeSealer('openapi'),
    logger: false,
  });
  await app.ready();
  const doc = app.swagger();
  await app.close();
  await database.close();
  return doc;
}

export async function writeOpenApi(file: string): Promise<void> {
  fs.writeFileSync(file, `${JSON.stringify(await openApiDocument(), null, 2)}\n`);
}
