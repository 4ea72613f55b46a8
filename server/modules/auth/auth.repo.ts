/** SQL of sign-in and accounts. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface LoginCandidate {
  id: string;
  town_id: string;
  town_code: string;
  username: string;
  display_name: string;
  password_hash: string;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
}

/** Accounts matching a username or a mobile hash, across towns (a county has many). */
export async function findLoginCandidates(
  db: Kysely<DB>,
  username: string,
  mobileHash: string | null,
  townCode: string | undefined,
): Promise<LoginCandidate[]> {
  let q = db
    .selectFrom('users as u')
    .innerJoin('towns as t', 't.id', 'u.town_id')
    .select([
      'u.id',
      'u.town_id',
      't.code as town_code',
      'u.username',
      'u.display_name',
      'u.password_hash',
      'u.disabled',
      'u.failed_logins',
      'u.locked_until',
    ])
    .where((eb) =>
      mobileHash
        ? eb.or([eb('u.username', '=', username), eb('u.mobile_hash', '=', mobileHash)])
        : eb('u.username', '=', username),
    );
  if (townCode) q = q.where('t.code', '=', townCode);
  return q.limit(5).execute();
}

/** The only town's id, when the deployment holds exactly one. */
export async function soleTownId(db: Kysely<DB>): Promise<string | null> {
  const rows = await db.selectFrom('towns').select('id').limit(2).execute();
  return rows.length === 1 ? (rows[0]?.id ?? null) : null;
}

/** Looks a town up by code. */
export async function townByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('towns').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Names of the villages, teams and departments with these ids (role scopes). */
export async function scopeNames(db: Kysely<DB>, townId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const [villages, teams, departments] = await Promise.all([
    db.selectFrom('villages').select(['id', 'name']).where('town_id', '=', townId).where('id', 'in', ids).execute(),
    db.selectFrom('teams').select(['id', 'name']).where('town_id', '=', townId).where('id', 'in', ids).execute(),
    db.selectFrom('departments').select(['id', 'name']).where('town_id', '=', townId).where('id', 'in', ids).execute(),
  ]);
  return new Map([...villages, ...teams, ...departments].map((r) => [r.id, r.name]));
}
