/**
 * The demo town's care registry (暖阳行动): 300 recipients across Youlan's villages — mostly elderly
 * people living alone, about 60 left-behind children, disabled people and poverty-alleviated
 * households — each paired with one or two pink- or red-team members of their village where there
 * are any (some pairings handed over, with history), a year of visits at roughly their frequency
 * (some recipients overdue now), and the demo's home-visit requests linked to the visits that found
 * them. The `member` login looks after three recipients in 厚田村, one of them overdue.
 */
import type { Insertable, Transaction } from 'kysely';
import { FREQUENCY_DAYS, type RecipientKind, type VisitService } from '../../../common/care/schemas.ts';
import { nextDueAt, shanghaiMonthOf, visitHours } from '../../../common/care/figures.ts';
import { idNumberCheckChar, maskIdNumber, maskMobile } from '../../../common/privacy/identity.ts';
import { shanghaiDate } from '../../../common/requests/calendar.ts';
import type { DB, ServiceHoursTable } from '../../db/schema.ts';
import type { CareRecipientTable, CarePairingTable, CareVisitTable } from '../../db/schema-care.ts';
import type { Sealer } from '../../platform/crypto.ts';
import { newId } from '../../platform/ids.ts';
import { GIVEN_FEMALE, GIVEN_MALE, SQUAD_VILLAGES, SURNAMES } from '../../demo/youlan-data.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';

export const DEMO_CARE_RECIPIENTS = 300;
const DAY = 86_400_000;
const CHUNK = 150;

export interface DemoCareContext {
  now: string;
  rand: () => number;
  sealer: Sealer;
}

const HEALTH = [
  '高血压，按时服药',
  '糖尿病，需控制饮食',
  '腿脚不便，行走需拐杖',
  '听力较差，说话要大声',
  '有冠心病史',
  '视力下降',
  '身体尚好',
  '关节炎，阴雨天疼痛',
];
const CHILD_HEALTH = ['身体健康', '轻度近视', '有哮喘，备有喷雾', '过敏性鼻炎'];
const NEEDS_ELDER = [
  '行动不便，需要代购生活用品',
  '子女在外务工，希望有人常来聊天',
  '需要定期打扫卫生',
  '需要帮忙取药送药',
  '房屋老旧，需要检查水电',
];
const NEEDS_CHILD = ['父母在外务工，需要课业辅导和陪伴', '由祖父母照看，需要安全教育', '需要心理疏导和陪伴'];
const NEEDS_DISABLED = ['肢体残疾，需要上门帮扶', '需要协助办理残疾人补贴', '需要定期康复陪护'];
const TAGS = ['代购', '送药', '打扫', '陪伴', '安全', '维修', '课业辅导'];
const RELATIONS_ELDER = ['儿子', '女儿', '侄子', '村民小组长'];
const RELATIONS_CHILD = ['父亲', '母亲', '祖母', '祖父'];
const NOTES = [
  '老人精神不错，聊了家常',
  '帮忙打扫了厨房和院子',
  '量了血压，正常',
  '提醒按时吃药',
  '孩子作业已辅导',
  '检查了电线插座',
  '代买了米和油',
  '',
];
const SERVICES_ELDER: VisitService[] = [
  'cleaning',
  'nail_trimming',
  'companionship',
  'health_check',
  'shopping',
  'medicine',
  'haircut',
  'repair',
];
const SERVICES_CHILD: VisitService[] = ['companionship', 'health_check', 'other', 'shopping'];
const END_REASONS = ['原结对队员外出务工', '原结对队员身体原因暂停服务', '结对调整，就近服务'];

async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export async function seedDemoCare(trx: Transaction<DB>, townId: string, ctx: DemoCareContext): Promise<number> {
  const { rand, sealer } = ctx;
  const now = Date.parse(ctx.now);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const between = (a: number, b: number) => a + rand() * (b - a);
  const iso = (ms: number) => new Date(ms).toISOString();

  const villages = await trx
    .selectFrom('villages')
    .select(['id', 'name'])
    .where('town_id', '=', townId)
    .orderBy('sort')
    .execute();
  const hamlets = await trx.selectFrom('hamlets').select(['id', 'village_id']).where('town_id', '=', townId).execute();
  const carers = await trx
    .selectFrom('team_memberships as m')
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'm.town_id').onRef('t.id', '=', 'm.team_id'))
    .innerJoin('people as p', (j) => j.onRef('p.town_id', '=', 'm.town_id').onRef('p.id', '=', 'm.person_id'))
    .select(['p.id', 'p.village_id', 'm.team_id', 'm.joined_at'])
    .where('m.town_id', '=', townId)
    .where('t.colour', 'in', ['pink', 'red'])
    .where('m.left_at', 'is', null)
    .where('p.member_status', '=', 'active')
    .orderBy('p.id')
    .execute();
  const users = await trx
    .selectFrom('users')
    .select(['id', 'username', 'person_id'])
    .where('town_id', '=', townId)
    .where('username', 'in', ['member', 'care', 'admin'])
    .execute();
  const userOf = (name: string) => users.find((u) => u.username === name);
  const recorder = userOf('care')?.id ?? userOf('admin')?.id ?? null;
  const memberPerson = userOf('member')?.person_id ?? null;
  const memberTeam = memberPerson
    ? ((
        await trx
          .selectFrom('team_memberships')
          .select('team_id')
          .where('town_id', '=', townId)
          .where('person_id', '=', memberPerson)
          .where('left_at', 'is', null)
          .orderBy('joined_at')
          .executeTakeFirst()
      )?.team_id ?? null)
    : null;

  const teamOf = new Map<string, string>();
  const byVillage = new Map<string, string[]>();
  for (const c of carers) {
    if (teamOf.has(c.id)) continue;
    teamOf.set(c.id, c.team_id);
    const key = c.village_id ?? '-';
    byVillage.set(key, [...(byVillage.get(key) ?? []), c.id]);
  }
  if (memberPerson && memberTeam) teamOf.set(memberPerson, memberTeam);
  const allCarers = [...teamOf.keys()].filter((id) => id !== memberPerson);
  const villageIdOf = new Map(villages.map((v) => [v.name, v.id]));
  const houtian = villageIdOf.get('厚田村');
  // Most recipients live where the teams have squads, the rest spread over the town.
  const weighted = villages.flatMap((v) => (SQUAD_VILLAGES.includes(v.name) ? [v, v, v, v, v, v] : [v]));

  const recipients: CareRecipientTable[] = [];
  const pairings: CarePairingTable[] = [];
  const visits: CareVisitTable[] = [];
  const hours: Insertable<ServiceHoursTable>[] = [];
  const plans: {
    r: CareRecipientTable;
    periods: { personId: string; from: number; to: number }[];
    overdue: boolean;
  }[] = [];
  const year = new Date(now).getUTCFullYear();

  for (let i = 0; i < DEMO_CARE_RECIPIENTS; i++) {
    const forMember = i < 3 && !!memberPerson && !!houtian;
    const x = rand();
    const kinds: RecipientKind[] =
      i % 5 === 1
        ? ['left_behind_child']
        : x < 0.62
          ? ['elderly_alone']
          : x < 0.8
            ? ['disabled']
            : ['poverty_alleviated'];
    if (kinds[0] === 'elderly_alone' && rand() < 0.3) kinds.push('poverty_alleviated');
    if (kinds[0] === 'disabled' && rand() < 0.25) kinds.push('poverty_alleviated');
    if (forMember && i === 2) kinds.splice(0, kinds.length, 'elderly_alone');
    const childRec = kinds[0] === 'left_behind_child';
    const village = forMember ? (villages.find((v) => v.id === houtian) ?? pick(weighted)) : pick(weighted);
    const villageHamlets = hamlets.filter((h) => h.village_id === village.id);
    const female = rand() < (childRec ? 0.5 : 0.62);
    const name = `${pick(SURNAMES)}${pick(female ? GIVEN_FEMALE : GIVEN_MALE)}`;
    const birthYear = childRec
      ? year - Math.floor(between(6, 16))
      : kinds[0] === 'elderly_alone'
        ? year - Math.floor(between(68, 93))
        : year - Math.floor(between(35, 80));
    const y = rand();
    const risk = childRec ? (y < 0.2 ? 'medium' : 'low') : y < 0.1 ? 'high' : y < 0.4 ? 'medium' : 'low';
    const frequency = risk === 'high' ? 'weekly' : risk === 'medium' ? 'fortnightly' : 'monthly';
    const days = FREQUENCY_DAYS[frequency];
    const created = now - between(300, 400) * DAY;
    const mobile =
      !childRec && rand() < 0.6
        ? `1${pick(['33', '38', '39', '58', '77', '88'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`
        : null;
    const id17 =
      rand() < 0.4
        ? `360121${birthYear}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}${String(Math.floor(rand() * 1000)).padStart(3, '0')}`
        : null;
    const idNumber = id17 ? id17 + idNumberCheckChar(id17) : null;
    const guardianMobile = `1${pick(['35', '36', '50', '87'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
    const hasGuardian = childRec || rand() < 0.7;
    const guardianName = `${childRec ? name.slice(0, 1) : pick(SURNAMES)}${pick(rand() < 0.5 ? GIVEN_MALE : GIVEN_FEMALE)}`;
    const health = childRec ? pick(CHILD_HEALTH) : pick(HEALTH);
    const r: CareRecipientTable = {
      town_id: townId,
      id: newId(),
      version: 1,
      created_at: iso(created),
      updated_at: iso(created),
      kinds: JSON.stringify(kinds),
      name,
      gender: female ? 'female' : 'male',
      birth_year: birthYear,
      village_id: village.id,
      hamlet_id: villageHamlets.length ? pick(villageHamlets).id : null,
      address: `${village.name}${Math.floor(between(1, 12))}组${Math.floor(between(1, 60))}号`,
      mobile_enc: mobile ? sealer.encrypt(mobile) : null,
      mobile_hash: mobile ? sealer.hash(mobile) : null,
      mobile_mask: maskMobile(mobile),
      id_number_enc: idNumber ? sealer.encrypt(idNumber) : null,
      id_number_hash: idNumber ? sealer.hash(idNumber) : null,
      id_number_mask: maskIdNumber(idNumber),
      guardian_name: hasGuardian ? guardianName : null,
      guardian_relation: hasGuardian ? pick(childRec ? RELATIONS_CHILD : RELATIONS_ELDER) : null,
      guardian_mobile_enc: hasGuardian ? sealer.encrypt(guardianMobile) : null,
      guardian_mobile_mask: hasGuardian ? maskMobile(guardianMobile) : null,
      needs: childRec ? pick(NEEDS_CHILD) : kinds[0] === 'disabled' ? pick(NEEDS_DISABLED) : pick(NEEDS_ELDER),
      need_tags: JSON.stringify([...new Set([pick(TAGS), pick(TAGS)])]),
      health_notes_enc: sealer.encrypt(health),
      risk_level: risk,
      frequency_days: days,
      lawful_basis: childRec
        ? 'guardian_consent'
        : kinds.includes('poverty_alleviated') && rand() < 0.5
          ? 'statutory_duty'
          : 'consent',
      consent_date: shanghaiDate(iso(created - between(1, 20) * DAY)),
      consent_recorded_by: `${village.name}村委会`,
      recorded_by: recorder,
      status: 'active',
      inactive_reason: null,
      inactive_note: null,
      inactive_at: null,
      last_visit_at: null,
      next_due_at: '',
      notify_at: '',
    };
    // Who looks after them, and since when: 1–2 members of the village; some handed over once.
    const local = (byVillage.get(village.id) ?? []).filter((id) => id !== memberPerson);
    const pool = local.length ? local : allCarers;
    const first = forMember ? (memberPerson as string) : pick(pool);
    const periods: { personId: string; from: number; to: number }[] = [];
    const handedOver = !forMember && rand() < 0.12 && pool.length > 1;
    const handAt = created + between(0.3, 0.7) * (now - created);
    const primaryRows: CarePairingTable[] = [];
    const pair = (personId: string, from: number, to: number | null, primary: boolean, reason: string | null) =>
      primaryRows.push({
        town_id: townId,
        id: newId(),
        version: 1,
        created_at: iso(from),
        updated_at: iso(to ?? from),
        recipient_id: r.id,
        person_id: personId,
        is_primary: primary ? 1 : 0,
        started_at: iso(from),
        ended_at: to === null ? null : iso(to),
        end_reason: reason,
        created_by: recorder,
        ended_by: to === null ? null : recorder,
      });
    if (handedOver) {
      const next = pool.find((p) => p !== first) ?? first;
      pair(first, created, handAt, true, pick(END_REASONS));
      pair(next, handAt, null, true, null);
      periods.push({ personId: first, from: created, to: handAt }, { personId: next, from: handAt, to: now });
    } else {
      pair(first, created, null, true, null);
      periods.push({ personId: first, from: created, to: now });
    }
    const second =
      !forMember && rand() < 0.35
        ? pool.find((p) => !periods.some((q) => q.personId === p) && rand() < 0.5)
        : undefined;
    if (second) {
      pair(second, created + 30 * DAY, null, false, null);
      periods.push({ personId: second, from: created + 30 * DAY, to: now });
    }
    pairings.push(...primaryRows);
    // About one in ten is overdue now (and one of the member's three).
    const overdue = forMember ? i === 1 : rand() < 0.1;
    plans.push({ r, periods, overdue });
    recipients.push(r);
  }

  // A year of visits at roughly each recipient's frequency, by whoever was paired at the time.
  for (const { r, periods, overdue } of plans) {
    const days = r.frequency_days;
    const stop = overdue ? now - (days + between(2, 12)) * DAY : now;
    const times: number[] = [];
    for (let at = Date.parse(r.created_at) + between(1, days) * DAY; at < stop; at += days * between(0.75, 1.1) * DAY) {
      // Daytime in Shanghai: 08:30–17:30.
      const day = Math.floor((at + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000;
      const when = day + between(8.5, 17.5) * 3600_000;
      if (when < stop) times.push(when);
    }
    const lastAt = times[times.length - 1];
    if (!overdue && (lastAt === undefined || now - lastAt > days * 0.8 * DAY))
      times.push(now - between(0.2, 0.6) * days * DAY);
    let last: number | null = null;
    const childRec = r.kinds.includes('left_behind_child');
    for (const when of times) {
      const who = periods.filter((p) => p.from <= when && when < p.to);
      const visitor = who.length ? (who[Math.floor(rand() * who.length)] as { personId: string }) : periods[0];
      if (!visitor) continue;
      const minutes = 30 + 15 * Math.floor(rand() * 7);
      const services = [
        ...new Set([
          pick(childRec ? SERVICES_CHILD : SERVICES_ELDER),
          pick(childRec ? SERVICES_CHILD : SERVICES_ELDER),
        ]),
      ];
      const id = newId();
      const teamId = teamOf.get(visitor.personId) ?? null;
      visits.push({
        town_id: townId,
        id,
        created_at: iso(when + 3600_000),
        recipient_id: r.id,
        person_id: visitor.personId,
        team_id: teamId,
        village_id: r.village_id,
        visited_at: iso(when),
        month: shanghaiMonthOf(iso(when)),
        duration_minutes: minutes,
        services: JSON.stringify(services),
        condition: rand() < 0.6 ? 'good' : rand() < 0.85 ? 'fair' : 'poor',
        notes: pick(NOTES) || null,
        photos: '[]',
        problem: 0,
        request_id: null,
        created_by: null,
      });
      const recent = now - when < 10 * DAY;
      hours.push({
        town_id: townId,
        id: newId(),
        version: 1,
        created_at: iso(when + 3600_000),
        updated_at: iso(when + 3600_000),
        person_id: visitor.personId,
        source: 'visit',
        source_id: id,
        team_id: teamId,
        date: shanghaiDate(iso(when)),
        hours: visitHours(minutes),
        content: `关爱走访（${services.map((x) => zhCN.care.services[x]).join('、')}）`,
        status: recent ? 'pending' : 'approved',
        decided_by: recent ? null : recorder,
        decided_at: recent ? null : iso(when + 3 * DAY),
        decision_note: null,
      });
      last = when;
    }
    r.last_visit_at = last === null ? null : iso(last);
    r.next_due_at = nextDueAt(r.last_visit_at, r.created_at, days);
    r.notify_at = r.next_due_at;
  }

  // The demo's home-visit requests were found on visits: link each to a visit that found it.
  const visitRequests = await trx
    .selectFrom('requests')
    .select(['id', 'village_id', 'created_at'])
    .where('town_id', '=', townId)
    .where('channel', '=', 'visit')
    .where('merged_into_id', 'is', null)
    .orderBy('created_at')
    .execute();
  const byRecipientVillage = new Map<string, CareRecipientTable[]>();
  for (const r of recipients)
    byRecipientVillage.set(r.village_id, [...(byRecipientVillage.get(r.village_id) ?? []), r]);
  const visitsOf = new Map<string, CareVisitTable[]>();
  for (const v of visits) visitsOf.set(v.recipient_id, [...(visitsOf.get(v.recipient_id) ?? []), v]);
  const linked: { requestId: string; visitId: string }[] = [];
  const used = new Set<string>();
  for (const q of visitRequests) {
    const candidates = (q.village_id ? byRecipientVillage.get(q.village_id) : undefined) ?? recipients;
    const created = Date.parse(q.created_at);
    let best: CareVisitTable | undefined;
    for (const r of candidates)
      for (const v of visitsOf.get(r.id) ?? []) {
        if (used.has(v.id) || Date.parse(v.visited_at) > created) continue;
        if (!best || Date.parse(v.visited_at) > Date.parse(best.visited_at)) best = v;
      }
    if (!best || created - Date.parse(best.visited_at) > 20 * DAY) continue;
    used.add(best.id);
    best.problem = 1;
    best.request_id = q.id;
    best.condition = best.condition === 'good' ? 'fair' : best.condition;
    linked.push({ requestId: q.id, visitId: best.id });
  }

  // The figures' rollups, as the visits would have kept them.
  const stats = new Map<
    string,
    {
      town_id: string;
      month: string;
      village_id: string;
      team_id: string;
      visits: number;
      minutes: number;
      problems: number;
      requests: number;
    }
  >();
  const months = new Set<string>();
  for (const v of visits) {
    const key = `${v.month}|${v.village_id}|${v.team_id ?? ''}`;
    const s = stats.get(key) ?? {
      town_id: townId,
      month: v.month,
      village_id: v.village_id,
      team_id: v.team_id ?? '',
      visits: 0,
      minutes: 0,
      problems: 0,
      requests: 0,
    };
    s.visits++;
    s.minutes += v.duration_minutes;
    s.problems += v.problem;
    s.requests += v.request_id ? 1 : 0;
    stats.set(key, s);
    months.add(`${v.recipient_id}|${v.month}|${v.team_id ?? ''}`);
  }

  await inChunks(recipients, (c) => trx.insertInto('care_recipients').values(c).execute());
  await inChunks(pairings, (c) => trx.insertInto('care_pairings').values(c).execute());
  await inChunks(visits, (c) => trx.insertInto('care_visits').values(c).execute());
  await inChunks(hours, (c) => trx.insertInto('service_hours').values(c).execute());
  await inChunks([...stats.values()], (c) => trx.insertInto('care_visit_stats').values(c).execute());
  await inChunks(
    [...months].map((k) => {
      const [recipient_id = '', month = '', team_id = ''] = k.split('|');
      return { town_id: townId, recipient_id, month, team_id };
    }),
    (c) => trx.insertInto('care_recipient_months').values(c).execute(),
  );
  for (const l of linked)
    await trx
      .updateTable('requests')
      .set({ origin_kind: 'visit', origin_id: l.visitId })
      .where('town_id', '=', townId)
      .where('id', '=', l.requestId)
      .execute();
  return recipients.length;
}
