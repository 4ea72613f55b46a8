/**
 * A town with many members for the member-search bench: the demo's 31 villages, the five teams
 * with squads in every village, one town admin, and `people` members (volunteer numbers
 * `BM000001`…), each in one team (one in eight in two). Rows go in with multi-row inserts of
 * 500 in one transaction. Every mobile and ID number is encrypted and hashed as the app does, so
 * a search by full mobile takes the same path as in production.
 */
import { type Insertable, type Kysely, sql } from 'kysely';
import { idNumberCheckChar, maskIdNumber, maskMobile } from '../common/privacy/identity.ts';
import type { Database } from '../server/db/database.ts';
import type { DB, MembershipTable, PersonTable } from '../server/db/schema.ts';
import { prng } from '../server/demo/seed.ts';
import { GIVEN_FEMALE, GIVEN_MALE, SKILLS, SURNAMES, TEAMS, VILLAGES } from '../server/demo/youlan-data.ts';
import type { Sealer } from '../server/platform/crypto.ts';
import { newId } from '../server/platform/ids.ts';
import { hashPassword } from '../server/platform/passwords.ts';

export const MEMBERS_TOWN = 'members100k';
export const MEMBERS_ADMIN = 'membersadmin';
export const MEMBERS_PASSWORD = 'Bench@2026-members';

export interface MembersTown {
  townId: string;
  people: number;
  memberships: number;
  ms: number;
  /** A person to look up: by name, mobile and volunteer number. */
  sample: { name: string; mobile: string; volunteerNo: string };
}

const CHUNK = 500;

/** The i-th member's mobile: distinct for every i below 10^8 (7,919 is coprime with 10^8). */
const mobileOf = (i: number) => `139${String((i * 7919 + 12345) % 1e8).padStart(8, '0')}`;

export async function generateMembers(
  database: Database,
  sealer: Sealer,
  options: { people: number; seed?: number },
): Promise<MembersTown> {
  const started = Date.now();
  const db: Kysely<DB> = database.db;
  const rand = prng(options.seed ?? 20261127);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const now = new Date().toISOString();
  const townId = newId();
  const rec = { town_id: townId, version: 1, disabled: 0, created_at: now, updated_at: now };
  const passwordHash = await hashPassword(MEMBERS_PASSWORD);
  let memberships = 0;
  let sample: MembersTown['sample'] | null = null;

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('towns')
      .values({
        id: townId,
        code: MEMBERS_TOWN,
        name: '测试十万队员镇',
        prefix: 'BM',
        province: '江西省',
        county: '南昌县',
        division_code: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const villages = VILLAGES.map(([name, kind], i) => ({ ...rec, id: newId(), name, kind, code: null, sort: i }));
    await trx.insertInto('villages').values(villages).execute();
    const teams = TEAMS.map(([name, colour, focus, description], i) => ({
      ...rec,
      id: newId(),
      name,
      colour,
      focus,
      description,
      sort: i,
    }));
    await trx.insertInto('teams').values(teams).execute();
    const squads = teams.flatMap((t) =>
      villages.map((v) => ({
        ...rec,
        id: newId(),
        team_id: t.id,
        village_id: v.id,
        name: `${t.name.slice(0, 2)}${v.name}小队`,
      })),
    );
    await trx.insertInto('squads').values(squads).execute();
    const squadOf = new Map(squads.map((s) => [`${s.team_id}:${s.village_id}`, s.id]));
    const adminId = newId();
    await trx
      .insertInto('users')
      .values({
        ...rec,
        id: adminId,
        username: MEMBERS_ADMIN,
        display_name: '十万队员镇管理员',
        person_id: null,
        mobile_enc: null,
        mobile_hash: null,
        mobile_mask: null,
        password_hash: passwordHash,
        must_change_password: 0,
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
        user_id: adminId,
        role: 'town_admin',
        village_id: null,
        team_id: null,
        department_id: null,
      })
      .execute();

    let people: Insertable<PersonTable>[] = [];
    let links: Insertable<MembershipTable>[] = [];
    const flush = async () => {
      if (people.length) await trx.insertInto('people').values(people).execute();
      if (links.length) await trx.insertInto('team_memberships').values(links).execute();
      memberships += links.length;
      people = [];
      links = [];
    };
    for (let i = 0; i < options.people; i++) {
      const female = rand() < 0.45;
      const name = pick(SURNAMES) + pick(female ? GIVEN_FEMALE : GIVEN_MALE);
      const birthYear = 1948 + Math.floor(rand() * 55);
      const mobile = mobileOf(i);
      // Distinct ID numbers: the sequence digits and birth date come from i.
      const day = new Date(Date.UTC(birthYear, 0, 1) + (i % 365) * 86400_000).toISOString().slice(0, 10);
      const first17 = `360121${day.replaceAll('-', '')}${String(Math.floor(i / 365) % 1000).padStart(3, '0')}`;
      const idNumber = first17 + idNumberCheckChar(first17);
      const village = pick(villages);
      const team = Math.floor(rand() * TEAMS.length);
      const inTeams = rand() < 0.125 ? [team, (team + 1 + Math.floor(rand() * 4)) % TEAMS.length] : [team];
      const id = newId();
      const volunteerNo = `BM${String(i + 1).padStart(6, '0')}`;
      if (i === Math.floor(options.people / 2)) sample = { name, mobile, volunteerNo };
      people.push({
        ...rec,
        id,
        name,
        gender: female ? 'female' : 'male',
        birth_year: birthYear,
        mobile_enc: sealer.encrypt(mobile),
        mobile_hash: sealer.hash(mobile),
        mobile_mask: maskMobile(mobile),
        id_number_enc: sealer.encrypt(idNumber),
        id_number_hash: sealer.hash(idNumber),
        id_number_mask: maskIdNumber(idNumber),
        village_id: village.id,
        political_status: rand() < 0.35 ? 'cpc_member' : 'masses',
        backgrounds: JSON.stringify(rand() < 0.35 ? ['party_member'] : []),
        skills: JSON.stringify(rand() < 0.5 ? [pick(SKILLS)] : []),
        notes: null,
        volunteer_no: volunteerNo,
        member_status: 'active',
        status_since: null,
        status_note: null,
        availability: null,
        public_alias: null,
      });
      for (const t of inTeams) {
        const teamId = teams[t]?.id ?? '';
        links.push({
          town_id: townId,
          id: newId(),
          version: 1,
          team_id: teamId,
          person_id: id,
          squad_id: squadOf.get(`${teamId}:${village.id}`) ?? null,
          role: 'member',
          joined_at: now,
          left_at: null,
          created_at: now,
          updated_at: now,
        });
      }
      if (people.length >= CHUNK) await flush();
    }
    await flush();
    await trx
      .insertInto('sequences')
      .values({ town_id: townId, name: 'volunteer_no', value: options.people })
      .execute();
  });
  if (database.dialect === 'postgres') await sql`analyze`.execute(db);
  if (!sample) throw new Error('no people generated');
  return { townId, people: options.people, memberships, ms: Date.now() - started, sample };
}
