/**
 * Sessions stored in the database. The cookie holds `<townId>.<token>`; the table keeps only a
 * SHA-256 of the token, keyed by town so a distributed database finds it on one shard.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { ErrorCode } from '../../common/errors/codes.ts';
import type { Permission, Role } from '../../common/auth/roles.ts';
import { pickLang } from '../../common/i18n/index.ts';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { type Actor, actorFrom } from './actor.ts';
import { writeAudit } from './audit.ts';
import { AppError } from './errors.ts';
import { nowIso } from './ids.ts';

export const SESSION_COOKIE = 'lx_session';
const TOUCH_EVERY_MS = 60_000;

const sha256 = (value: string): string => createHash('sha256').update(value).digest('base64url');

/** Creates a session row; returns the cookie value and the CSRF token. */
export async function createSession(
  db: Kysely<DB>,
  config: Config,
  input: { townId: string; userId: string; ip: string; userAgent: string | null },
): Promise<{ cookie: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = new Date();
  await db
    .insertInto('sessions')
    .values({
      town_id: input.townId,
      id: sha256(token),
      user_id: input.userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + config.sessionMaxHours * 3600_000).toISOString(),
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { cookie: `${input.townId}.${token}`, csrfToken };
}

/** Ends a session. */
export async function destroySession(db: Kysely<DB>, actor: Pick<Actor, 'townId' | 'sessionId'>): Promise<void> {
  await db.deleteFrom('sessions').where('town_id', '=', actor.townId).where('id', '=', actor.sessionId).execute();
}

/** Ends every session of a user (password change, disable, reset). */
export async function destroyUserSessions(
  db: Kysely<DB>,
  townId: string,
  userId: string,
  exceptId?: string,
): Promise<void> {
  let q = db.deleteFrom('sessions').where('town_id', '=', townId).where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

/** Loads the actor behind a cookie value; `expired` when the session timed out. */
export async function loadActor(
  db: Kysely<DB>,
  config: Config,
  cookie: string,
): Promise<{ actor: Actor | null; expired: boolean }> {
  const dot = cookie.indexOf('.');
  if (dot < 1) return { actor: null, expired: false };
  const townId = cookie.slice(0, dot);
  const id = sha256(cookie.slice(dot + 1));
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', (j) => j.onRef('u.town_id', '=', 's.town_id').onRef('u.id', '=', 's.user_id'))
    .innerJoin('towns as t', 't.id', 's.town_id')
    .select([
      's.id as sessionId',
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
      'u.id as userId',
      'u.username',
      'u.display_name',
      'u.person_id',
      'u.locale',
      'u.disabled',
      'u.must_change_password',
      't.id as townId',
      't.code as townCode',
      't.name as townName',
    ])
    .where('s.town_id', '=', townId)
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return { actor: null, expired: false };
  const now = Date.now();
  const idleLimit = Date.parse(row.last_seen_at) + config.sessionIdleMinutes * 60_000;
  if (row.disabled || now > idleLimit || now > Date.parse(row.expires_at)) {
    await db.deleteFrom('sessions').where('town_id', '=', townId).where('id', '=', id).execute();
    return { actor: null, expired: !row.disabled };
  }
  if (now - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: nowIso() })
      .where('town_id', '=', townId)
      .where('id', '=', id)
      .execute();
  }
  const roles = await db
    .selectFrom('user_roles')
    .select(['role', 'village_id', 'team_id', 'department_id'])
    .where('town_id', '=', townId)
    .where('user_id', '=', row.userId)
    .execute();
  return {
    expired: false,
    actor: actorFrom({
      userId: row.userId,
      username: row.username,
      displayName: row.display_name,
      personId: row.person_id,
      townId: row.townId,
      townCode: row.townCode,
      townName: row.townName,
      locale: row.locale === 'en' ? 'en' : 'zh-CN',
      mustChangePassword: row.must_change_password === 1,
      roles: roles.map((r) => ({
        role: r.role as Role,
        villageId: r.village_id,
        teamId: r.team_id,
        departmentId: r.department_id,
      })),
      sessionId: row.sessionId,
      csrfToken: row.csrf_token,
    }),
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** onRequest hook: language, then the session if a cookie came. */
export function sessionHook(db: Kysely<DB>, config: Config) {
  return async (request: FastifyRequest): Promise<void> => {
    request.actor = null;
    request.sessionExpired = false;
    const header = request.headers['accept-language'];
    request.lang = pickLang(typeof header === 'string' ? header : null);
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie || !(request.url.startsWith('/api/') || request.url.startsWith('/uploads/'))) return;
    const { actor, expired } = await loadActor(db, config, cookie);
    request.actor = actor;
    request.sessionExpired = expired;
    if (actor && typeof header !== 'string') request.lang = actor.locale;
  };
}

/** Route guard, first step: a signed-in caller, and the CSRF token on state-changing requests. */
export async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const actor = request.actor;
  if (!actor) {
    if (request.sessionExpired) void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    throw new AppError(request.sessionExpired ? ErrorCode.SESSION_EXPIRED : ErrorCode.UNAUTHENTICATED);
  }
  if (UNSAFE.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    const a = Buffer.from(typeof sent === 'string' ? sent : '');
    const b = Buffer.from(actor.csrfToken);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new AppError(ErrorCode.CSRF);
  }
}

/** Route guard, after validation: the permission the route declares. */
export function authorise(permission: Permission) {
  return async (request: FastifyRequest): Promise<void> => {
    const actor = request.actor;
    if (actor?.permissions.includes(permission)) return;
    if (actor) {
      // Refusals are part of the trail an auditor reviews (等保: access-control events).
      await writeAudit(request.server.deps.db, {
        townId: actor.townId,
        actorId: actor.userId,
        actorName: actor.displayName,
        action: 'access.denied',
        ip: request.ip,
        outcome: 'denied',
        detail: { method: request.method, route: request.routeOptions.url ?? null, permission },
      });
    }
    throw new AppError(ErrorCode.FORBIDDEN);
  };
}

/** Spread into a route's options: authenticate → (validation) → authorise. */
export function secured(permission?: Permission) {
  return {
    onRequest: [authenticate],
    ...(permission ? { preHandler: [authorise(permission)] } : {}),
  };
}
