/** What the app hands every module: the database, the sealer and the configuration. */
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { DialectName } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import type { Sealer } from './crypto.ts';
import type { Lang } from '../../common/i18n/index.ts';

export interface Deps {
  db: Kysely<DB>;
  dialect: DialectName;
  sealer: Sealer;
  config: Config;
}

/** A service call's context: the deps plus who is calling and from where. */
export interface Ctx extends Deps {
  actor: Actor;
  ip: string;
  lang: Lang;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
  }
  interface FastifyRequest {
    lang: Lang;
    actor: Actor | null;
    /** Set when a session cookie was sent but the session had timed out. */
    sessionExpired: boolean;
  }
  interface FastifyContextConfig {
    /** Public route: no session and no CSRF token needed. */
    public?: boolean;
  }
}
