/**
 * The demo town's members: about 2,000 people across the five teams and the town's villages,
 * written in batches. Most live in the four villages where every team has a squad; the rest are
 * spread over the other villages, so every village workstation has a pool of its own people.
 * Some serve in two teams, a few are paused or have left, some give their availability, and some
 * party members are responsible for households (党员联系户).
 */
import type { Insertable, Transaction } from 'kysely';
import { idNumberCheckChar, maskIdNumber, maskMobile } from '../../common/privacy/identity.ts';
import type { DB, HouseholdTable, MembershipTable, PersonTable } from '../db/schema.ts';
import type { Sealer } from '../platform/crypto.ts';
import { newId } from '../platform/ids.ts';
import { GIVEN_FEMALE, GIVEN_MALE, SKILLS, SQUAD_VILLAGES, SURNAMES, TEAMS, TOWN, VILLAGES } from './youlan-data.ts';

/** People in the demo town: 2% of them have left, so at least 2,000 are current members. */
export const DEMO_PEOPLE = 2050;

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 300;

export interface DemoPerson {
  id: string;
  villageName: string;
  /** Indexes into TEAMS. */
  teams: number[];
  status: 'active' | 'paused' | 'left';
}

export interface DemoPeopleContext {
  total: number;
  now: string;
  rand: () => number;
  villageIds: ReadonlyMap<string, string>;
  hamletIds: ReadonlyMap<string, readonly { id: string; name: string }[]>;
  teamIds: readonly string[];
  /** `${teamId}:${villageName}` → squad id. */
  squadIds: ReadonlyMap<string, string>;
}

const PAUSE_NOTES = ['外出务工，暂停服务', '身体原因，暂停服务', '照顾家人，暂停服务', '外出求学'];
const LEAVE_NOTES = ['迁出本镇', '年龄原因退出', '工作调动', '本人申请退出'];
const MOBILE_PREFIXES = ['33', '38', '39', '58', '59', '77', '80', '86', '87', '88', '99'];

/** Inserts rows CHUNK at a time. */
async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * Inserts the people with their memberships and households. The first five lead the five teams;
 * the sixth is the `member` login: an active green-team member living in 厚田村.
 */
export async function seedPeople(
  trx: Transaction<DB>,
  townId: string,
  sealer: Sealer,
  ctx: DemoPeopleContext,
): Promise<DemoPerson[]> {
  const { rand, now } = ctx;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const nowMs = Date.parse(now);
  const daysAgo = (max: number, min = 0) =>
    new Date(nowMs - Math.floor((min + rand() * (max - min)) * 86400_000)).toISOString();
  const villageNames = VILLAGES.map((v) => v[0]);
  const usedMobiles = new Set<string>();
  const newMobile = () => {
    let mobile = '';
    do mobile = `1${pick(MOBILE_PREFIXES)}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
    while (usedMobiles.has(mobile));
    usedMobiles.add(mobile);
    return mobile;
  };
  const newName = (female: boolean) => pick(SURNAMES) + pick(female ? GIVEN_FEMALE : GIVEN_MALE);

  const people: DemoPerson[] = [];
  const personRows: Insertable<PersonTable>[] = [];
  const membershipRows: Insertable<MembershipTable>[] = [];
  const householdRows: Insertable<HouseholdTable>[] = [];
  for (let i = 0; i < ctx.total; i++) {
    const leader = i < TEAMS.length;
    const memberLogin = i === TEAMS.length;
    const fixed = leader || memberLogin;
    const female = rand() < 0.45;
    const name = newName(female);
    const birthYear = 1948 + Math.floor(rand() * 55);
    const mobile = newMobile();
    const birth = `${birthYear}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const seq = String(Math.floor(rand() * 500) * 2 + (female ? 0 : 1)).padStart(3, '0');
    const first17 = `360121${birth}${seq}`;
    const idNumber = first17 + idNumberCheckChar(first17);
    // Most members live in the four villages where every team has a squad.
    const villageName = memberLogin ? '厚田村' : rand() < 0.6 ? pick(SQUAD_VILLAGES) : pick(villageNames);
    const team = leader ? i : memberLogin ? 2 : Math.floor(rand() * TEAMS.length);
    const teams =
      !fixed && rand() < 0.125 ? [team, (team + 1 + Math.floor(rand() * (TEAMS.length - 1))) % TEAMS.length] : [team];
    const partyMember = team === 0 || rand() < 0.35;
    const elder = team === 4 || birthYear < 1962;
    const backgrounds = [
      ...(partyMember ? ['party_member'] : []),
      ...(teams.includes(2) ? [pick(['large_farmer', 'new_farmer'])] : []),
      ...(teams.includes(4) ? [pick(['retired_cadre', 'retired_teacher', 'veteran', 'model_worker', 'expert'])] : []),
      ...(!elder && rand() < 0.15 ? ['returning_student'] : []),
      ...(rand() < 0.1 ? ['village_sage'] : []),
      ...(rand() < 0.1 ? ['volunteer_association'] : []),
    ];
    const roll = fixed ? 1 : rand();
    const status: DemoPerson['status'] = roll < 0.02 ? 'left' : roll < 0.05 ? 'paused' : 'active';
    const statusSince = status === 'active' ? null : daysAgo(300, 5);
    const joinedAt = daysAgo(1100, status === 'active' ? 1 : 320);
    const availability =
      !fixed && rand() < 0.3
        ? JSON.stringify({
            weekdays: [1, 2, 3, 4, 5, 6, 7].filter(() => rand() < 0.6),
            shifts: ((x) => (x < 0.4 ? ['morning'] : x < 0.7 ? ['afternoon'] : ['morning', 'afternoon']))(rand()),
          })
        : null;
    const id = newId();
    const villageId = ctx.villageIds.get(villageName) ?? null;
    personRows.push({
      town_id: townId,
      id,
      version: 1,
      disabled: 0,
      created_at: joinedAt,
      updated_at: statusSince ?? joinedAt,
      name,
      gender: female ? 'female' : 'male',
      birth_year: birthYear,
      mobile_enc: sealer.encrypt(mobile),
      mobile_hash: sealer.hash(mobile),
      mobile_mask: maskMobile(mobile),
      id_number_enc: sealer.encrypt(idNumber),
      id_number_hash: sealer.hash(idNumber),
      id_number_mask: maskIdNumber(idNumber),
      village_id: villageId,
      political_status: partyMember ? 'cpc_member' : pick(['masses', 'masses', 'cyl_member']),
      backgrounds: JSON.stringify([...new Set(backgrounds)]),
      skills: JSON.stringify(rand() < 0.6 ? [pick(SKILLS)] : []),
      notes: null,
      volunteer_no: `${TOWN.prefix}${String(i + 1).padStart(6, '0')}`,
      member_status: status,
      status_since: statusSince,
      status_note: status === 'paused' ? pick(PAUSE_NOTES) : status === 'left' ? pick(LEAVE_NOTES) : null,
      availability: status === 'left' ? null : availability,
      public_alias: !fixed && rand() < 0.05 ? '坐班队员' : null,
    });
    people.push({ id, villageName, teams, status });
    for (const t of teams) {
      const teamId = ctx.teamIds[t] ?? '';
      const squadId = ctx.squadIds.get(`${teamId}:${villageName}`) ?? null;
      const role = leader && t === i ? 'leader' : !fixed && squadId && rand() < 0.03 ? 'squad_leader' : 'member';
      membershipRows.push({
        town_id: townId,
        id: newId(),
        version: 1,
        team_id: teamId,
        person_id: id,
        squad_id: squadId,
        role,
        joined_at: joinedAt,
        left_at: status === 'left' ? statusSince : null,
        created_at: joinedAt,
        updated_at: statusSince ?? joinedAt,
      });
    }
    // 党员联系户: some party members each look after a few households of their village.
    if (partyMember && status !== 'left' && villageId && (i === 0 || rand() < 0.12)) {
      const hamlets = ctx.hamletIds.get(villageName) ?? [];
      const n = 2 + Math.floor(rand() * 4);
      for (let h = 0; h < n; h++) {
        const hamlet = hamlets.length ? pick(hamlets) : null;
        const phone = rand() < 0.8 ? newMobile() : null;
        householdRows.push({
          town_id: townId,
          id: newId(),
          version: 1,
          created_at: joinedAt,
          updated_at: joinedAt,
          person_id: id,
          village_id: villageId,
          hamlet_id: hamlet?.id ?? null,
          head_name: newName(rand() < 0.3),
          address: `${TOWN.name}${villageName}${hamlet?.name ?? ''}${1 + Math.floor(rand() * 80)}号`,
          phone_enc: phone ? sealer.encrypt(phone) : null,
          phone_mask: phone ? maskMobile(phone) : null,
          members_count: 1 + Math.floor(rand() * 6),
          notes: rand() < 0.25 ? pick(['独居老人', '留守儿童家庭', '低保户', '残疾人家庭', '脱贫户']) : null,
          disabled: 0,
        });
      }
    }
  }
  await inChunks(personRows, (rows) => trx.insertInto('people').values(rows).execute());
  await inChunks(membershipRows, (rows) => trx.insertInto('team_memberships').values(rows).execute());
  await inChunks(householdRows, (rows) => trx.insertInto('households').values(rows).execute());
  await trx.insertInto('sequences').values({ town_id: townId, name: 'volunteer_no', value: ctx.total }).execute();
  return people;
}
