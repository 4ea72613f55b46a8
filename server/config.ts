/** Configuration from the environment; the README's configuration table lists every variable. */
import path from 'node:path';

export interface Config {
  /** HTTP port. */
  port: number;
  /** Bind address. */
  host: string;
  /** Where the SQLite file, uploads, backups and the secret key live. */
  dataDir: string;
  /** PostgreSQL connection URL; SQLite when absent. */
  databaseUrl: string | null;
  /** pino level. */
  logLevel: string;
  /** Minutes of inactivity before a session ends. */
  sessionIdleMinutes: number;
  /** Hours after which a session ends however active it is. */
  sessionMaxHours: number;
  /** Failed sign-ins on one account before it locks. */
  lockoutThreshold: number;
  /** Minutes an account stays locked. */
  lockoutMinutes: number;
  /** Failed sign-ins from one IP address in the window before it is refused (password spraying). */
  ipFailureLimit: number;
  /** Set when the app runs behind a reverse proxy: trust X-Forwarded-* (and mark cookies Secure on HTTPS). */
  trustProxy: boolean;
  /** Secret for encrypting personal data at rest; a key file in dataDir is made when absent. */
  secret: string | null;
  /** The first town admin's password when starting without the demo. */
  adminPassword: string | null;
  /** Directory of the built web app. */
  webDist: string;
  /** Pretty logs for humans. */
  prettyLogs: boolean;
}

const int = (value: string | undefined, fallback: number): number => {
  const n = value === undefined || value === '' ? NaN : Number(value);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
};

/** Reads the configuration from an environment (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const root = path.resolve(import.meta.dirname, '..');
  return {
    port: int(env.PORT, 3000),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.LIANXIN_DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || null,
    logLevel: env.LOG_LEVEL || 'info',
    sessionIdleMinutes: int(env.SESSION_IDLE_MINUTES, 30),
    sessionMaxHours: int(env.SESSION_MAX_HOURS, 12),
    lockoutThreshold: int(env.LOCKOUT_THRESHOLD, 5),
    lockoutMinutes: int(env.LOCKOUT_MINUTES, 15),
    ipFailureLimit: int(env.IP_FAILURE_LIMIT, 50),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    secret: env.LIANXIN_SECRET || null,
    adminPassword: env.LIANXIN_ADMIN_PASSWORD || null,
    webDist: path.join(root, 'web', 'dist'),
    prettyLogs: false,
    ...overrides,
  };
}
