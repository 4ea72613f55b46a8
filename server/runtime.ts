/** Opens what a running Lianxin needs: configuration, the database (migrated) and the sealer. */
import path from 'node:path';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { type Sealer, loadSecret, makeSealer } from './platform/crypto.ts';

export interface Runtime {
  config: Config;
  database: Database;
  sealer: Sealer;
}

/** The SQLite file inside the data directory. */
export const sqliteFile = (config: Config): string => path.join(config.dataDir, 'lianxin.db');

export async function openRuntime(config: Config, options: { migrate?: boolean } = {}): Promise<Runtime> {
  const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFile(config) });
  if (options.migrate !== false) await migrateToLatest(database.db);
  return { config, database, sealer: makeSealer(loadSecret(config.secret, config.dataDir)) };
}
