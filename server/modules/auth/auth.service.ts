/** Sign-in with lockout, the current user, password change. */
import type { Me } from '../../../common/auth/schemas.ts';
import { PASSWORD_MIN_LENGTH, passwordProblem } from '../../../common/auth/password.ts';
import { ErrorCode } from '../../../common/errors/codes.ts';
import { isValidMobile, maskMobile, normaliseMobile } from '../../../common/privacy/identity.ts';
import type { Actor } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx, Deps } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import { burnVerification, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { WindowCounter } from '../../platform/rate-limit.ts';
import { createSession, destroySession, destroyUserSessions, loadActor } from '../../platform/session.ts';
import { findLoginCandidates, scopeNames, soleTownId } from './auth.repo.ts';

export interface LoginRequest {
  username: string;
  password: string;
  town?: string | undefined;
  ip: string;
  userAgent: string | null;
}

/** Per-IP failures: looser than the per-account lockout, since a village office shares one address. */
const ipFailures = new Map<number, WindowCounter>();
function ipCounter(deps: Deps): WindowCounter {
  const limit = deps.config.ipFailureLimit;
  let counter = ipFailures.get(limit);
  if (!counter) ipFailures.set(limit, (counter = new WindowCounter(limit, 15 * 60_000)));
  return counter;
}

/** A username that looks like a mobile number is masked before it reaches the audit trail. */
const safeName = (username: string): string =>
  isValidMobile(normaliseMobile(username)) ? (maskMobile(normaliseMobile(username)) ?? '') : username.slice(0, 64);

/** Checks credentials; on success creates a session and returns its cookie with the user's `Me`. */
export async function login(deps: Deps, input: LoginRequest): Promise<{ cookie: string; me: Me }> {
  const { db, config } = deps;
  const ipKey = `ip:${input.ip}`;
  const ipWait = ipCounter(deps).retryAfter(ipKey);
  if (ipWait > 0) {
    throw new AppError(ErrorCode.TOO_MANY_REQUESTS, { headers: { 'retry-after': String(ipWait) } });
  }
  const mobile = normaliseMobile(input.username);
  const mobileHash = isValidMobile(mobile) ? deps.sealer.hash(mobile) : null;
  const candidates = await findLoginCandidates(db, input.username, mobileHash, input.town);
  const towns = new Set(candidates.map((c) => c.town_id));
  if (towns.size > 1)
    throw new AppError(ErrorCode.TOWN_REQUIRED, { fields: [{ path: 'town', key: 'validation.required' }] });
  const user = candidates[0];

  if (!user) {
    await burnVerification(input.password);
    ipCounter(deps).hit(ipKey);
    const townId = await soleTownId(db);
    if (townId) {
      await writeAudit(db, {
        townId,
        action: 'auth.login',
        ip: input.ip,
        outcome: 'failed',
        detail: { username: safeName(input.username), reason: 'unknown_user' },
      });
    }
    throw new AppError(ErrorCode.BAD_CREDENTIALS);
  }

  const now = Date.now();
  if (user.locked_until && Date.parse(user.locked_until) > now) {
    const seconds = Math.ceil((Date.parse(user.locked_until) - now) / 1000);
    await writeAudit(db, {
      townId: user.town_id,
      actorId: user.id,
      actorName: user.display_name,
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
      ip: input.ip,
      outcome: 'denied',
      detail: { reason: 'locked' },
    });
    throw new AppError(ErrorCode.ACCOUNT_LOCKED, {
      params: { minutes: Math.ceil(seconds / 60) },
      headers: { 'retry-after': String(seconds) },
    });
  }

  if (!(await verifyPassword(user.password_hash, input.password))) {
    ipCounter(deps).hit(ipKey);
    const failures = user.failed_logins + 1;
    const locks = failures >= config.lockoutThreshold;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({
          failed_logins: locks ? 0 : failures,
          locked_until: locks ? new Date(now + config.lockoutMinutes * 60_000).toISOString() : user.locked_until,
        })
        .where('town_id', '=', user.town_id)
        .where('id', '=', user.id)
        .execute();
      await writeAudit(trx, {
        townId: user.town_id,
        actorId: user.id,
        actorName: user.display_name,
        action: locks ? 'auth.lockout' : 'auth.login',
        entity: 'user',
        entityId: user.id,
        ip: input.ip,
        outcome: 'failed',
        detail: { reason: 'bad_password', failures },
      });
    });
    throw new AppError(ErrorCode.BAD_CREDENTIALS);
  }

  if (user.disabled) {
    await writeAudit(db, {
      townId: user.town_id,
      actorId: user.id,
      actorName: user.display_name,
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
      ip: input.ip,
      outcome: 'denied',
      detail: { reason: 'disabled' },
    });
    throw new AppError(ErrorCode.ACCOUNT_DISABLED);
  }

  const session = await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: nowIso() })
      .where('town_id', '=', user.town_id)
      .where('id', '=', user.id)
      .execute();
    await writeAudit(trx, {
      townId: user.town_id,
      actorId: user.id,
      actorName: user.display_name,
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
      ip: input.ip,
    });
    return createSession(trx, config, {
      townId: user.town_id,
      userId: user.id,
      ip: input.ip,
      userAgent: input.userAgent,
    });
  });
  const { actor } = await loadActor(db, config, session.cookie);
  if (!actor) throw new AppError(ErrorCode.INTERNAL);
  return { cookie: session.cookie, me: await meOf(deps, actor) };
}

/** The signed-in user as the web needs it. */
export async function meOf(deps: Deps, actor: Actor): Promise<Me> {
  const ids = actor.roles.flatMap((r) => [r.villageId, r.teamId, r.departmentId]).filter((v): v is string => !!v);
  const names = await scopeNames(deps.db, actor.townId, ids);
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      personId: actor.personId,
      mustChangePassword: actor.mustChangePassword,
      locale: actor.locale,
    },
    town: { id: actor.townId, code: actor.townCode, name: actor.townName },
    roles: actor.roles.map((r) => ({
      role: r.role,
      villageId: r.villageId ?? null,
      teamId: r.teamId ?? null,
      departmentId: r.departmentId ?? null,
      scopeName: names.get(r.villageId ?? r.teamId ?? r.departmentId ?? '') ?? null,
    })),
    permissions: actor.permissions,
    csrfToken: actor.csrfToken,
    idleTimeoutMinutes: deps.config.sessionIdleMinutes,
  };
}

export async function logout(ctx: Ctx): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await destroySession(trx, ctx.actor);
    await writeAudit(trx, {
      townId: ctx.actor.townId,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName,
      action: 'auth.logout',
      entity: 'user',
      entityId: ctx.actor.userId,
      ip: ctx.ip,
    });
  });
}

/** Changes the caller's password; other sessions of the user end. */
export async function changePassword(ctx: Ctx, currentPassword: string, newPassword: string): Promise<void> {
  const { db, actor } = ctx;
  const row = await db
    .selectFrom('users')
    .select(['password_hash'])
    .where('town_id', '=', actor.townId)
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, currentPassword))) {
    throw new AppError(ErrorCode.WRONG_PASSWORD, {
      fields: [{ path: 'currentPassword', key: 'errors.WRONG_PASSWORD' }],
    });
  }
  const problem = passwordProblem(newPassword, actor.username);
  if (problem) {
    throw new AppError(ErrorCode.WEAK_PASSWORD, {
      fields: [{ path: 'newPassword', key: `validation.password.${problem}`, params: { min: PASSWORD_MIN_LENGTH } }],
    });
  }
  if (await verifyPassword(row.password_hash, newPassword)) {
    throw new AppError(ErrorCode.WEAK_PASSWORD, {
      fields: [{ path: 'newPassword', key: 'validation.password.common' }],
    });
  }
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        must_change_password: 0,
        password_changed_at: nowIso(),
        updated_at: nowIso(),
      })
      .where('town_id', '=', actor.townId)
      .where('id', '=', actor.userId)
      .execute();
    await destroyUserSessions(trx, actor.townId, actor.userId, actor.sessionId);
    await writeAudit(trx, {
      townId: actor.townId,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: 'auth.password_change',
      entity: 'user',
      entityId: actor.userId,
      ip: ctx.ip,
    });
  });
}

export async function setLocale(ctx: Ctx, locale: 'zh-CN' | 'en'): Promise<void> {
  await ctx.db
    .updateTable('users')
    .set({ locale })
    .where('town_id', '=', ctx.actor.townId)
    .where('id', '=', ctx.actor.userId)
    .execute();
}
