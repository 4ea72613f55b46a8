/**
 * Loads the Youlan demo town in one transaction: a crash half-way leaves nothing behind, and the
 * next start loads it again. The data is generated from a fixed seed, so every install is alike.
 */
import type { Kysely } from 'kysely';
import type { Role } from '../../common/auth/roles.ts';
import type { DB } from '../db/schema.ts';
import { seedDefaultCategories, seedHolidays2026 } from '../modules/categories/categories.seed.ts';
import { seedDemoActivities } from '../modules/activities/activities.seed.ts';
import { seedDemoDuty } from '../modules/duty/duty.seed.ts';
import { seedDemoCare } from '../modules/care/care.seed.ts';
import { writeAudit } from '../platform/audit.ts';
import type { Sealer } from '../platform/crypto.ts';
import { newId, nowIso } from '../platform/ids.ts';
import { hashPassword } from '../platform/passwords.ts';
import { DEMO_PEOPLE, seedPeople } from './people.ts';
import { seedDemoRequests } from './requests.ts';
import { indexRequestTerms } from '../modules/requests/terms.repo.ts';
import { DEPARTMENTS, SQUAD_VILLAGES, TEAMS, TOWN, TOWN_WORKSTATION, VILLAGES } from './youlan-data.ts';

export const DEMO_PASSWORD = 'Lianxin@2026';

/** One demo login per role, printed at start and listed in the README. */
export const DEMO_LOGINS: { username: string; role: Role; note: string }[] = [
  { username: 'admin', role: 'town_admin', note: '镇管理员 town admin' },
  { username: 'houtian', role: 'village_admin', note: '厚田村管理员 village admin' },
  { username: 'leader', role: 'team_leader', note: '绿色服务队队长 team leader' },
  { username: 'member', role: 'member', note: '队员 member' },
  { username: 'dept', role: 'department_handler', note: '镇村镇建设办 department handler' },
  { username: 'secadmin', role: 'security_admin', note: '安全管理员 security admin' },
  { username: 'auditor', role: 'auditor', note: '审计员 auditor' },
  { username: 'care', role: 'care_worker', note: '关爱专员 care worker' },
];

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function demoExists(db: Kysely<DB>): Promise<boolean> {
  return !!(await db.selectFrom('towns').select('id').where('code', '=', TOWN.code).executeTakeFirst());
}

/** Loads the demo town; returns its id. Does nothing (returns null) if it is already there. */
export async function seedDemo(
  db: Kysely<DB>,
  sealer: Sealer,
  options: { people?: number } = {},
): Promise<string | null> {
  if (await demoExists(db)) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rand = prng(20261124);
  const now = nowIso();
  const townId = newId();
  const rec = { town_id: townId, version: 1, disabled: 0, created_at: now, updated_at: now };

  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('towns')
      .values({ id: townId, ...TOWN, division_code: null, created_at: now, updated_at: now })
      .execute();

    const villageIds = new Map<string, string>();
    const hamletIds = new Map<string, { id: string; name: string }[]>();
    let sort = 0;
    for (const [name, kind, hamlets] of VILLAGES) {
      const id = newId();
      villageIds.set(name, id);
      await trx
        .insertInto('villages')
        .values({ ...rec, id, name, kind, code: null, sort: sort++ })
        .execute();
      const hamletRows = hamlets.map((hamlet) => ({ ...rec, id: newId(), village_id: id, name: hamlet }));
      await trx.insertInto('hamlets').values(hamletRows).execute();
      hamletIds.set(
        name,
        hamletRows.map((h) => ({ id: h.id, name: h.name })),
      );
      await trx
        .insertInto('workstations')
        .values({
          ...rec,
          id: newId(),
          name: `${name}党群连心工作室`,
          level: 'village',
          village_id: id,
          address: `${TOWN.name}${name}${kind === 'community' ? '居委会' : '村委会'}一楼`,
          opening_hours:
            kind === 'community'
              ? '周一至周六 8:30–12:00，14:30–17:30'
              : '每天 8:30–11:30，15:00–17:30（队员轮流坐班）',
          phone: `0791-857${String(10 + sort).padStart(2, '0')}${String(100 + sort * 7).slice(-3)}`,
          lat: null,
          lng: null,
        })
        .execute();
    }
    await trx
      .insertInto('workstations')
      .values({
        ...rec,
        id: newId(),
        name: TOWN_WORKSTATION.name,
        level: 'town',
        village_id: null,
        address: TOWN_WORKSTATION.address,
        opening_hours: TOWN_WORKSTATION.openingHours,
        phone: TOWN_WORKSTATION.phone,
        lat: null,
        lng: null,
      })
      .execute();

    const departmentIds = new Map<string, string>();
    for (const [name, duties] of DEPARTMENTS) {
      const id = newId();
      departmentIds.set(name, id);
      await trx
        .insertInto('departments')
        .values({ ...rec, id, name, duties, phone: null })
        .execute();
    }

    const teamIds: string[] = [];
    const squadIds = new Map<string, string>();
    for (const [i, [name, colour, focus, description]] of TEAMS.entries()) {
      const id = newId();
      teamIds.push(id);
      await trx
        .insertInto('teams')
        .values({ ...rec, id, name, colour, focus, description, sort: i })
        .execute();
      for (const village of SQUAD_VILLAGES) {
        const squadId = newId();
        squadIds.set(`${id}:${village}`, squadId);
        await trx
          .insertInto('squads')
          .values({
            ...rec,
            id: squadId,
            team_id: id,
            village_id: villageIds.get(village) ?? '',
            name: `${name.slice(0, 2)}${village.replace('村', '')}小队`,
          })
          .execute();
      }
    }

    const people = await seedPeople(trx, townId, sealer, {
      total: options.people ?? DEMO_PEOPLE,
      now,
      rand,
      villageIds,
      hamletIds,
      teamIds,
      squadIds,
    });
    const total = people.length;

    // The first five people lead the five teams; the next is a green-team member of 厚田村.
    const greenLeader = people[2];
    const houtianMember = people[TEAMS.length];
    const accounts: {
      username: string;
      displayName: string;
      role: Role;
      scope?: Partial<Record<'village_id' | 'team_id' | 'department_id', string>>;
      personId?: string;
      mustChange?: boolean;
    }[] = [
      { username: 'admin', displayName: '镇党群服务中心管理员', role: 'town_admin', mustChange: true },
      {
        username: 'houtian',
        displayName: '厚田村管理员',
        role: 'village_admin',
        scope: { village_id: villageIds.get('厚田村') ?? '' },
      },
      {
        username: 'leader',
        displayName: '绿色服务队队长',
        role: 'team_leader',
        scope: { team_id: teamIds[2] ?? '' },
        ...(greenLeader ? { personId: greenLeader.id } : {}),
      },
      {
        username: 'member',
        displayName: '绿色服务队队员',
        role: 'member',
        ...(houtianMember ? { personId: houtianMember.id } : {}),
      },
      {
        username: 'dept',
        displayName: '村镇建设办承办人',
        role: 'department_handler',
        scope: { department_id: departmentIds.get('镇村镇建设办公室') ?? '' },
      },
      { username: 'secadmin', displayName: '安全管理员', role: 'security_admin' },
      { username: 'auditor', displayName: '审计员', role: 'auditor' },
      { username: 'care', displayName: '关爱专员', role: 'care_worker' },
    ];
    for (const a of accounts) {
      const userId = newId();
      await trx
        .insertInto('users')
        .values({
          ...rec,
          id: userId,
          username: a.username,
          display_name: a.displayName,
          person_id: a.personId ?? null,
          mobile_enc: null,
          mobile_hash: null,
          mobile_mask: null,
          password_hash: passwordHash,
          must_change_password: a.mustChange ? 1 : 0,
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
          village_id: a.scope?.village_id ?? null,
          team_id: a.scope?.team_id ?? null,
          department_id: a.scope?.department_id ?? null,
        })
        .execute();
    }
    const department = (name: string) => ({ kind: 'department' as const, id: departmentIds.get(name) ?? '' });
    const team = (i: number) => ({ kind: 'team' as const, id: teamIds[i] ?? '' });
    const categoryIds = await seedDefaultCategories(trx, townId, {
      road: department('镇村镇建设办公室'),
      water: department('镇自来水厂'),
      safety: team(1),
      dispute: department('镇司法所'),
      care: team(3),
      farming: team(2),
      housing: department('镇村镇建设办公室'),
      health: department('幽兰镇卫生院'),
      idea: team(0),
      environment: team(0),
    });
    await seedHolidays2026(trx, townId);
    const requests = await seedDemoRequests(trx, townId, {
      sealer,
      now,
      rand: prng(20261125),
      villageIds,
      teamIds,
      squadIds,
      departmentIds,
      people: people.filter((p) => p.status === 'active'),
      categoryIds,
    });
    // A fixed Open311 key, so outside checks can submit to the demo town.
    await trx
      .insertInto('api_keys')
      .values({
        town_id: townId,
        id: newId(),
        version: 1,
        name: '演示接口密钥',
        prefix: 'demo-o',
        key_hash: sealer.hash('demo-open311-key'),
        disabled: 0,
        created_by: null,
        created_at: now,
        last_used_at: null,
      })
      .execute();
    await seedDemoDuty(trx, townId, { now, rand: prng(20261126) });
    await seedDemoCare(trx, townId, { now, rand: prng(20261127), sealer });
    await seedDemoActivities(trx, townId, { now, rand: prng(20261127) });
    await indexRequestTerms(trx, townId);
    await writeAudit(trx, { townId, action: 'system.seed_demo', detail: { people: total, requests } });
    return townId;
  });
}
