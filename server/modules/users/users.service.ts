/**
 * Accounts and roles, kept by the security admin (三权分立): they grant roles but hold no
 * business permission themselves, and cannot read the audit trail.
 */
import type { z } from 'zod';
import type { TemporaryPassword, User, UserInput, UserListQuery, UserUpdate } from '../../../common/auth/schemas.ts';
import { type Role, type RoleGrant, SEPARATED_ROLES, roleScope } from '../../../common/auth/roles.ts';
import { maskMobile } from '../../../common/privacy/identity.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidField, notFound } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import type { Page } from '../../platform/paging.ts';
import { hashPassword, randomPassword } from '../../platform/passwords.ts';
import { flag, guardConstraints, updateVersioned } from '../../platform/records.ts';
import { destroyUserSessions } from '../../platform/session.ts';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { scopeNames } from '../auth/auth.repo.ts';
import { type UserRow, exportUsers, getUser, listUsers, rolesOf, scopeChoices } from './users.repo.ts';

const UNIQUE = { username: 'username', mobile: 'mobile' };
type Grant = z.output<typeof UserInput>['roles'][number];

async function present(ctx: Ctx, rows: UserRow[]): Promise<User[]> {
  const grants = await rolesOf(
    ctx.db,
    ctx.actor.townId,
    rows.map((r) => r.id),
  );
  const ids = grants.flatMap((g) => [g.village_id, g.team_id, g.department_id]).filter((v): v is string => !!v);
  const names = await scopeNames(ctx.db, ctx.actor.townId, [...new Set(ids)]);
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    username: row.username,
    displayName: row.display_name,
    mobile: row.mobile_mask,
    personId: row.person_id,
    roles: grants
      .filter((g) => g.user_id === row.id)
      .map((g) => ({
        role: g.role as Role,
        villageId: g.village_id,
        teamId: g.team_id,
        departmentId: g.department_id,
        scopeName: names.get(g.village_id ?? g.team_id ?? g.department_id ?? '') ?? null,
      })),
    disabled: flag(row.disabled),
    lockedUntil: row.locked_until && Date.parse(row.locked_until) > Date.now() ? row.locked_until : null,
    failedLogins: row.failed_logins,
    lastLoginAt: row.last_login_at,
    mustChangePassword: flag(row.must_change_password),
    createdAt: row.created_at,
  }));
}

export async function list(ctx: Ctx, query: z.output<typeof UserListQuery>): Promise<Page<User>> {
  const page = await listUsers(ctx.db, ctx.actor.townId, query, query.page, query.pageSize);
  return { ...page, items: await present(ctx, page.items) };
}

export async function exportAll(ctx: Ctx, query: z.output<typeof UserListQuery>): Promise<User[]> {
  return present(ctx, await exportUsers(ctx.db, ctx.actor.townId, query));
}

export async function get(ctx: Ctx, id: string): Promise<User> {
  const row = await getUser(ctx.db, ctx.actor.townId, id);
  if (!row) throw notFound();
  const [user] = await present(ctx, [row]);
  if (!user) throw notFound();
  return user;
}

export const scopes = (ctx: Ctx) => scopeChoices(ctx.db, ctx.actor.townId);

/** Each grant names the scope its role needs, in this town; separated roles stand alone. */
async function checkGrants(ctx: Ctx, grants: Grant[]): Promise<RoleGrant[]> {
  const roles = grants.map((g) => g.role);
  if (roles.some((r) => SEPARATED_ROLES.includes(r)) && new Set(roles).size > 1) {
    throw invalidField('roles', 'validation.separatedRoles');
  }
  const choices = await scopeChoices(ctx.db, ctx.actor.townId);
  return grants.map((g, i) => {
    const kind = roleScope[g.role];
    const need = { village: g.villageId, team: g.teamId, department: g.departmentId }[
      kind as 'village' | 'team' | 'department'
    ];
    const pool = { village: choices.villages, team: choices.teams, department: choices.departments }[
      kind as 'village' | 'team' | 'department'
    ];
    if (pool) {
      if (!need) throw invalidField(`roles.${i}.${kind}Id`, 'validation.scopeRequired');
      if (!pool.some((c) => c.id === need)) throw invalidField(`roles.${i}.${kind}Id`, 'validation.id');
    }
    return {
      role: g.role,
      villageId: kind === 'village' ? g.villageId : null,
      teamId: kind === 'team' ? g.teamId : null,
      departmentId: kind === 'department' ? g.departmentId : null,
    };
  });
}

async function writeGrants(trx: Transaction<DB>, townId: string, userId: string, grants: RoleGrant[]): Promise<void> {
  await trx.deleteFrom('user_roles').where('town_id', '=', townId).where('user_id', '=', userId).execute();
  for (const g of grants) {
    await trx
      .insertInto('user_roles')
      .values({
        town_id: townId,
        id: newId(),
        user_id: userId,
        role: g.role,
        village_id: g.villageId ?? null,
        team_id: g.teamId ?? null,
        department_id: g.departmentId ?? null,
      })
      .execute();
  }
}

export async function create(ctx: Ctx, input: z.output<typeof UserInput>): Promise<z.infer<typeof TemporaryPassword>> {
  const grants = await checkGrants(ctx, input.roles);
  const temporaryPassword = randomPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const id = newId();
  const now = nowIso();
  await createUserRow(ctx, id, now, input, passwordHash, grants);
  return { user: await get(ctx, id), temporaryPassword };
}

async function createUserRow(
  ctx: Ctx,
  id: string,
  now: string,
  input: z.output<typeof UserInput>,
  passwordHash: string,
  grants: RoleGrant[],
): Promise<void> {
  await guardConstraints(UNIQUE, () =>
    ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('users')
        .values({
          town_id: ctx.actor.townId,
          id,
          version: 1,
          disabled: 0,
          created_at: now,
          updated_at: now,
          username: input.username,
          display_name: input.displayName,
          person_id: input.personId,
          mobile_enc: input.mobile ? ctx.sealer.encrypt(input.mobile) : null,
          mobile_hash: input.mobile ? ctx.sealer.hash(input.mobile) : null,
          mobile_mask: maskMobile(input.mobile),
          password_hash: passwordHash,
          must_change_password: 1,
          locale: 'zh-CN',
          failed_logins: 0,
        })
        .execute();
      await writeGrants(trx, ctx.actor.townId, id, grants);
      await writeAudit(trx, auditEvent(ctx, 'user.create', id, { username: input.username, roles: grants }));
    }),
  );
}

export async function update(ctx: Ctx, id: string, input: z.output<typeof UserUpdate>): Promise<User> {
  const before = await get(ctx, id);
  const self = id === ctx.actor.userId;
  if (self && (input.disabled === true || (input.roles && !input.roles.some((r) => r.role === 'security_admin')))) {
    // Locking oneself out of account management would leave the town without a keeper.
    throw forbidden();
  }
  const grants = input.roles ? await checkGrants(ctx, input.roles) : null;
  const { mobile, displayName, disabled, version } = input;
  const set = {
    ...(displayName === undefined ? {} : { display_name: displayName }),
    ...(disabled === undefined ? {} : { disabled: disabled ? 1 : 0 }),
    ...(mobile === undefined
      ? {}
      : {
          mobile_enc: mobile ? ctx.sealer.encrypt(mobile) : null,
          mobile_hash: mobile ? ctx.sealer.hash(mobile) : null,
          mobile_mask: maskMobile(mobile),
        }),
  };
  const action =
    disabled === true && !before.disabled ? 'disable' : disabled === false && before.disabled ? 'enable' : 'update';
  await guardConstraints(UNIQUE, () =>
    ctx.db.transaction().execute(async (trx) => {
      await updateVersioned(trx, 'users', { townId: ctx.actor.townId, id, version }, set);
      if (grants) await writeGrants(trx, ctx.actor.townId, id, grants);
      // New roles or a disabled account take effect at once: their sessions end.
      if (grants || disabled) await destroyUserSessions(trx, ctx.actor.townId, id);
      const fields = Object.keys(input).filter((k) => k !== 'version');
      await writeAudit(trx, auditEvent(ctx, `user.${action}`, id, { fields, ...(grants ? { roles: grants } : {}) }));
    }),
  );
  return get(ctx, id);
}

export async function unlock(ctx: Ctx, id: string): Promise<User> {
  await get(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ locked_until: null, failed_logins: 0 })
      .where('town_id', '=', ctx.actor.townId)
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, auditEvent(ctx, 'user.unlock', id));
  });
  return get(ctx, id);
}

export async function resetPassword(ctx: Ctx, id: string): Promise<z.infer<typeof TemporaryPassword>> {
  await get(ctx, id);
  const temporaryPassword = randomPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        must_change_password: 1,
        locked_until: null,
        failed_logins: 0,
        updated_at: nowIso(),
      })
      .where('town_id', '=', ctx.actor.townId)
      .where('id', '=', id)
      .execute();
    await destroyUserSessions(trx, ctx.actor.townId, id);
    await writeAudit(trx, auditEvent(ctx, 'user.reset_password', id));
  });
  return { user: await get(ctx, id), temporaryPassword };
}
