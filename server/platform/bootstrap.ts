/**
 * First start without the demo: the town and its three keepers (town admin, security admin,
 * auditor — 三权分立) with random passwords printed once. No default credentials exist.
 */
import type { Kysely } from 'kysely';
import type { Role } from '../../common/auth/roles.ts';
import type { DB } from '../db/schema.ts';
import { seedDefaultCategories, seedHolidays2026 } from '../modules/categories/categories.seed.ts';
import { writeAudit } from './audit.ts';
import { newId, nowIso } from './ids.ts';
import { hashPassword, randomPassword } from './passwords.ts';

export interface BootstrapResult {
  townCode: string;
  accounts: { username: string; role: Role; password: string }[];
}

export async function bootstrapTown(
  db: Kysely<DB>,
  options: { code: string; name: string; adminPassword: string | null },
): Promise<BootstrapResult | null> {
  if (await db.selectFrom('towns').select('id').limit(1).executeTakeFirst()) return null;
  const now = nowIso();
  const townId = newId();
  const accounts: BootstrapResult['accounts'] = [
    { username: 'admin', role: 'town_admin', password: options.adminPassword ?? randomPassword() },
    { username: 'secadmin', role: 'security_admin', password: randomPassword() },
    { username: 'auditor', role: 'auditor', password: randomPassword() },
  ];
  const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password)));
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('towns')
      .values({
        id: townId,
        code: options.code,
        name: options.name,
        prefix: options.code.slice(0, 2).toUpperCase(),
        province: null,
        county: null,
        division_code: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const [i, a] of accounts.entries()) {
      const userId = newId();
      await trx
        .insertInto('users')
        .values({
          town_id: townId,
          id: userId,
          version: 1,
          disabled: 0,
          created_at: now,
          updated_at: now,
          username: a.username,
          display_name: a.username,
          person_id: null,
          mobile_enc: null,
          mobile_hash: null,
          mobile_mask: null,
          password_hash: hashes[i] ?? '',
          must_change_password: 1,
          locale: 'zh-CN',
          failed_logins: 0,
          locked_until: null,
          last_login_at: null,
          password_changed_at: null,
        })
        .execute();
      await trx
        .insertInto('user_roles')
        .values({
          town_id: townId,
          id: newId(),
          user_id: userId,
          role: a.role,
          village_id: null,
          team_id: null,
          department_id: null,
        })
        .execute();
    }
    await seedDefaultCategories(trx, townId);
    await seedHolidays2026(trx, townId);
    await writeAudit(trx, {
      townId,
      action: 'system.bootstrap',
      detail: { accounts: accounts.map((a) => a.username) },
    });
  });
  return { townCode: options.code, accounts };
}
