/**
 * The demo town's activities for the past year, in the proportions of the article (1,920 activities,
 * 25,300+ person-times, 890 deeds): a monthly series of service days on the 22nd (the town square
 * and rotating villages) with 4–6 stalls staffed by the five colour teams, sign-ups, attendance,
 * hours and results; campaigns (防溺水 in summer, 反诈, 垃圾分类, 消防); quarterly trainings; and the
 * teams' many small services in the villages. Next month's service day is published and open for
 * sign-up with free places. Rows are computed in memory and inserted in bulk, so the seed stays fast.
 */
import type { Transaction } from 'kysely';
import { contributions, roundHours } from '../../../common/activities/figures.ts';
import { DEFAULT_STALL_KINDS } from '../../../common/activities/schemas.ts';
import { shanghaiDate } from '../../../common/requests/calendar.ts';
import type { DB } from '../../db/schema.ts';
import type {
  ActivitySignupTable,
  ActivityStallTable,
  ActivityTable,
  ActivityTeamFiguresTable,
  ActivityTeamTable,
} from '../../db/schema-activities.ts';
import type { ServiceHoursTable } from '../../db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { rebuildRollups } from './activities.rollups.ts';

export interface DemoActivitiesContext {
  /** The seed's clock, ISO. */
  now: string;
  /** A seeded random source in [0, 1). */
  rand: () => number;
}

type Kind = (typeof DEFAULT_STALL_KINDS)[number]['code'];

interface StallSpec {
  kind: Kind;
  team: number;
  capacity: number;
  served: number | null;
  deeds: number | null;
  notes: string | null;
  /** People (ids) and what became of them. */
  people: { id: string; state: 'signed_up' | 'attended' | 'no_show' | 'waitlisted'; hours: number | null }[];
}

interface Spec {
  seriesId: string | null;
  edited: boolean;
  kind: 'service_day' | 'campaign' | 'training' | 'visit_drive' | 'other';
  title: string;
  state: 'planned' | 'published' | 'done' | 'reported';
  start: number;
  end: number;
  villageId: string | null;
  workstationId: string | null;
  address: string | null;
  teams: number[];
  capacity: number | null;
  description: string | null;
  summary: string | null;
  reach: number | null;
  stalls: StallSpec[];
  /** Sign-ups for the activity itself (trainings). */
  people: StallSpec['people'];
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Which team usually staffs a stall kind (0 red, 1 blue, 2 green, 3 pink, 4 orange). */
const STALL_TEAM: Record<string, number> = {
  haircut: 3,
  health_check: 3,
  home_repair: 2,
  anti_fraud: 1,
  consultation: 0,
  legal: 4,
  appliance_repair: 2,
  other: 0,
};

const SERVICE_NOTES: Record<string, string[]> = {
  haircut: ['为老人、儿童义剪', '上门为行动不便老人理发 3 人'],
  health_check: ['量血压、测血糖，发放健康手册', '卫生院医生坐诊，登记慢病老人'],
  home_repair: ['修理电饭煲、电扇、水龙头', '更换灯泡、疏通下水道'],
  anti_fraud: ['发放反诈宣传册，指导安装国家反诈中心 App', '讲解养老诈骗常见手法'],
  consultation: ['医保、养老保险缴费咨询', '惠农补贴政策解读'],
  legal: ['解答土地流转、赡养纠纷问题', '法律援助申请指引'],
};

const SMALL = [
  { title: '走访独居老人', kind: 'visit_drive', stall: 'health_check', team: 3 },
  { title: '留守儿童课业辅导', kind: 'other', stall: 'consultation', team: 3 },
  { title: '夜间治安巡逻', kind: 'other', stall: 'anti_fraud', team: 1 },
  { title: '矛盾纠纷排查走访', kind: 'visit_drive', stall: 'legal', team: 4 },
  { title: '农技服务进田间', kind: 'other', stall: 'consultation', team: 2 },
  { title: '助农春耕服务', kind: 'other', stall: 'home_repair', team: 2 },
  { title: '党员入户收集民意', kind: 'visit_drive', stall: 'consultation', team: 0 },
  { title: '村庄环境整治', kind: 'other', stall: 'other', team: 0 },
  { title: '上门维修家电', kind: 'other', stall: 'appliance_repair', team: 2 },
  { title: '五老护学岗', kind: 'other', stall: 'other', team: 4 },
  { title: '困难群众走访慰问', kind: 'visit_drive', stall: 'consultation', team: 0 },
  { title: '反电诈入户宣传', kind: 'visit_drive', stall: 'anti_fraud', team: 1 },
] as const;

const CAMPAIGNS: { title: string; months: number[]; teams: number[]; stall: Kind | null; reach: [number, number] }[] = [
  { title: '防溺水安全宣传', months: [6, 7, 8], teams: [4, 1], stall: null, reach: [150, 280] },
  {
    title: '反电诈宣传进村',
    months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    teams: [1],
    stall: 'anti_fraud',
    reach: [90, 200],
  },
  { title: '垃圾分类宣传', months: [3, 4, 5, 9, 10, 11], teams: [2, 0], stall: null, reach: [100, 200] },
  { title: '冬季消防安全宣传', months: [11, 12, 1, 2], teams: [1, 0], stall: null, reach: [120, 220] },
  { title: '文明新风倡导', months: [1, 2, 5, 9], teams: [0, 3], stall: 'consultation', reach: [80, 160] },
];

/** Rows per insert: as many as the bound-parameter limits allow (SQLite 32,766; PostgreSQL 65,535). */
function chunked<T extends object>(rows: T[]): T[][] {
  const columns = rows[0] ? Object.keys(rows[0]).length : 1;
  const size = Math.max(1, Math.floor(30_000 / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export async function seedDemoActivities(
  trx: Transaction<DB>,
  townId: string,
  ctx: DemoActivitiesContext,
): Promise<number> {
  const { rand } = ctx;
  const now = Date.parse(ctx.now);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

  const teams = await trx
    .selectFrom('teams')
    .select(['id', 'sort'])
    .where('town_id', '=', townId)
    .orderBy('sort')
    .execute();
  if (teams.length === 0) return 0;
  const teamId = (i: number) => (teams[i % teams.length] as { id: string }).id;
  const villages = await trx
    .selectFrom('villages')
    .select(['id', 'name'])
    .where('town_id', '=', townId)
    .orderBy('sort')
    .execute();
  const workstations = await trx
    .selectFrom('workstations')
    .select(['id', 'name', 'village_id', 'level'])
    .where('town_id', '=', townId)
    .execute();
  const townWs = workstations.find((w) => w.level === 'town') ?? null;
  const wsOf = new Map(workstations.filter((w) => w.village_id).map((w) => [w.village_id as string, w.id]));
  const members = await trx
    .selectFrom('team_memberships as m')
    .innerJoin('people as p', (j) => j.onRef('p.town_id', '=', 'm.town_id').onRef('p.id', '=', 'm.person_id'))
    .select(['m.team_id', 'p.id', 'p.village_id'])
    .where('m.town_id', '=', townId)
    .where('m.left_at', 'is', null)
    .where('p.member_status', '=', 'active')
    .orderBy('p.id')
    .execute();
  const byTeam = new Map<string, { id: string; village_id: string | null }[]>();
  for (const m of members) {
    const list = byTeam.get(m.team_id) ?? [];
    list.push(m);
    byTeam.set(m.team_id, list);
  }
  // The demo `member` login's person: a regular at past service days, not yet signed up for the next.
  const demoMember = await trx
    .selectFrom('users')
    .select('person_id')
    .where('town_id', '=', townId)
    .where('username', '=', 'member')
    .executeTakeFirst();

  /** `n` distinct members of a team (preferring a village), not in `used`. */
  const draw = (team: number, n: number, used: Set<string>, villageId: string | null = null) => {
    const pool = byTeam.get(teamId(team)) ?? [];
    const local = villageId ? pool.filter((p) => p.village_id === villageId) : [];
    const out: string[] = [];
    for (let tries = 0; out.length < n && tries < n * 6 && pool.length; tries++) {
      const p = (local.length && rand() < 0.7 ? pick(local) : pick(pool)).id;
      if (used.has(p)) continue;
      used.add(p);
      out.push(p);
    }
    return out;
  };
  const attendance = (ids: string[], hoursLo: number, hoursHi: number, noShowRate: number) =>
    ids.map((id) => {
      const noShow = rand() < noShowRate;
      return {
        id,
        state: noShow ? ('no_show' as const) : ('attended' as const),
        hours: noShow ? null : roundHours(hoursLo + rand() * (hoursHi - hoursLo)),
      };
    });
  const at = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00+08:00`);
  const monthAdd = (month: string, n: number) => {
    const y = Number(month.slice(0, 4));
    const mo = Number(month.slice(5, 7)) - 1 + n;
    return `${y + Math.floor(mo / 12)}-${String((((mo % 12) + 12) % 12) + 1).padStart(2, '0')}`;
  };
  const thisMonth = shanghaiDate(new Date(now)).slice(0, 7);
  const yearAgo = now - 365 * DAY;
  const specs: Spec[] = [];

  // ── the monthly series of service days on the 22nd ──
  const seriesId = newId();
  const SQUARE = '幽兰镇新时代文明实践所文化广场';
  const stallKinds: Kind[] = ['haircut', 'health_check', 'home_repair', 'anti_fraud', 'consultation', 'legal'];
  const villagePlan = villages.filter((v) => v.name !== '幽兰社区');
  for (let i = -12; i <= 2; i++) {
    const month = monthAdd(thisMonth, i);
    const date = `${month}-22`;
    const start = at(date, '08:30');
    const end = at(date, '11:30');
    if (start < yearAgo) continue;
    const atSquare = i % 2 === 0;
    const village = atSquare ? null : (villagePlan[(i + 12) % Math.max(1, villagePlan.length)] ?? null);
    const future = end > now;
    const nextOpen = future && (i === 0 || !specs.some((s) => s.seriesId && s.state === 'published'));
    const state: Spec['state'] = !future
      ? end < now - 20 * DAY
        ? 'reported'
        : 'done'
      : nextOpen
        ? 'published'
        : 'planned';
    const kinds = [...stallKinds].sort(() => rand() - 0.5).slice(0, int(4, 6));
    const used = new Set<string>();
    const stalls: StallSpec[] = kinds.map((kind) => {
      const team = STALL_TEAM[kind] ?? 0;
      const capacity = int(4, 6);
      if (state === 'published') {
        // Open for sign-up: a few places taken, the rest free.
        const ids = draw(team, int(1, Math.max(1, capacity - 2)), used, village?.id ?? null).filter(
          (p) => p !== demoMember?.person_id,
        );
        return {
          kind,
          team,
          capacity,
          served: null,
          deeds: null,
          notes: null,
          people: ids.map((id) => ({ id, state: 'signed_up' as const, hours: null })),
        };
      }
      if (state === 'planned') return { kind, team, capacity, served: null, deeds: null, notes: null, people: [] };
      const ids = draw(team, capacity, used, village?.id ?? null);
      return {
        kind,
        team,
        capacity,
        served: int(38, 72),
        deeds: int(2, 8),
        notes: pick(SERVICE_NOTES[kind] ?? ['']),
        people: attendance(ids, 2.5, 3.5, 0.08),
      };
    });
    if (!future && demoMember?.person_id && stalls[0] && !used.has(demoMember.person_id))
      stalls[0].people.push({ id: demoMember.person_id, state: 'attended', hours: 3 });
    const where = village ? `${village.name}` : '镇文化广场';
    specs.push({
      seriesId,
      edited: !atSquare,
      kind: 'service_day',
      title: `“五彩”便民示范日（${where}）`,
      state,
      start,
      end,
      villageId: village?.id ?? null,
      workstationId: village ? (wsOf.get(village.id) ?? null) : null,
      address: village ? `${village.name}文化广场` : SQUARE,
      teams: [0, 1, 2, 3, 4],
      capacity: null,
      description: '爱心义剪、健康义诊、家政维修、反电诈宣传、政策和法律咨询，五支服务队在家门口为群众服务。',
      summary:
        state === 'reported'
          ? `本次示范日共设 ${stalls.length} 个服务摊位，五支服务队队员着“五彩”马甲为群众提供服务，群众反响热烈。`
          : null,
      reach: null,
      stalls,
      people: [],
    });
  }

  // ── campaigns ──
  for (let i = -11; i <= 0; i++) {
    const month = monthAdd(thisMonth, i);
    const mo = Number(month.slice(5, 7));
    for (const c of CAMPAIGNS) {
      if (!c.months.includes(mo)) continue;
      const village = pick(villages);
      const date = `${month}-${String(int(3, 19)).padStart(2, '0')}`;
      const start = at(date, pick(['09:00', '14:30', '19:00']));
      const end = start + 2 * HOUR;
      if (end > now || start < yearAgo) continue;
      const used = new Set<string>();
      const lead = c.teams[0] ?? 0;
      const stalls: StallSpec[] = c.stall
        ? [
            {
              kind: c.stall,
              team: lead,
              capacity: 4,
              served: int(18, 40),
              deeds: int(0, 2),
              notes: pick(SERVICE_NOTES[c.stall] ?? ['']),
              people: attendance(draw(lead, 4, used, village.id), 1.5, 2.5, 0.1),
            },
          ]
        : [];
      specs.push({
        seriesId: null,
        edited: false,
        kind: 'campaign',
        title: `${c.title}（${village.name}）`,
        state: end < now - 20 * DAY ? 'reported' : 'done',
        start,
        end,
        villageId: village.id,
        workstationId: wsOf.get(village.id) ?? null,
        address: `${village.name}村委会广场`,
        teams: c.teams,
        capacity: 10,
        description: null,
        summary: `${c.title}：发放资料、现场讲解，覆盖群众约 ${c.reach[0]} 人次以上。`,
        reach: int(c.reach[0], c.reach[1]),
        stalls,
        people: c.stall ? [] : attendance(draw(lead, int(3, 6), used, village.id), 1.5, 2.5, 0.1),
      });
    }
  }

  // ── quarterly trainings at the town centre ──
  for (let i = -11; i <= 0; i += 3) {
    const month = monthAdd(thisMonth, i);
    const start = at(`${month}-10`, '14:30');
    if (start + 2 * HOUR > now || start < yearAgo) continue;
    const used = new Set<string>();
    const ids = [0, 1, 2, 3, 4].flatMap((team) => draw(team, int(5, 8), used));
    specs.push({
      seriesId: null,
      edited: false,
      kind: 'training',
      title: pick(['服务队员业务培训', '矛盾纠纷调解技巧培训', '应急救护培训', '诉求办理流程培训']),
      state: 'reported',
      start,
      end: start + 2 * HOUR,
      villageId: null,
      workstationId: townWs?.id ?? null,
      address: null,
      teams: [0],
      capacity: 60,
      description: null,
      summary: '队员们学习了服务规范和工作方法。',
      reach: null,
      stalls: [],
      people: attendance(ids, 2, 2, 0.12),
    });
  }

  // ── the teams' small services in the villages, up to 1,920 held activities ──
  const held = () => specs.filter((s) => s.state === 'done' || s.state === 'reported').length;
  const target = 1920 - held();
  for (let n = 0; n < target; n++) {
    const tpl = pick(SMALL);
    const village = pick(villages);
    const start = at(
      shanghaiDate(new Date(yearAgo + rand() * (now - 2 * DAY - yearAgo))),
      pick(['08:30', '09:00', '14:30', '15:00', '19:00']),
    );
    const hours = pick([1.5, 2, 2, 2.5, 3]);
    const used = new Set<string>();
    const people = attendance(draw(tpl.team, int(1, 3), used, village.id), hours, hours, 0.04);
    specs.push({
      seriesId: null,
      edited: false,
      kind: tpl.kind,
      title: `${tpl.title}（${village.name}）`,
      state: start < now - 30 * DAY ? 'reported' : 'done',
      start,
      end: start + hours * HOUR,
      villageId: village.id,
      workstationId: wsOf.get(village.id) ?? null,
      address: null,
      teams: [tpl.team],
      capacity: 5,
      description: null,
      summary: null,
      reach: null,
      stalls: [
        {
          kind: tpl.stall,
          team: tpl.team,
          capacity: 5,
          served: int(6, 12),
          deeds: rand() < 0.28 ? 1 : 0,
          notes: null,
          people,
        },
      ],
      people: [],
    });
  }

  // ── rows ──
  const iso = (ms: number) => new Date(ms).toISOString();
  const stamp = iso(now);
  const kindIds = new Map<string, string>();
  const kindRows = DEFAULT_STALL_KINDS.map((k, i) => {
    const id = newId();
    kindIds.set(k.code, id);
    return {
      town_id: townId,
      id,
      version: 1,
      created_at: stamp,
      updated_at: stamp,
      code: k.code,
      name: k.name,
      sort: (i + 1) * 10,
      disabled: 0,
    };
  });
  const activities: ActivityTable[] = [];
  const teamRows: ActivityTeamTable[] = [];
  const stallRows: ActivityStallTable[] = [];
  const signupRows: ActivitySignupTable[] = [];
  const hourRows: ServiceHoursTable[] = [];
  const figureRows: ActivityTeamFiguresTable[] = [];
  const serviceDays: { id: string; date: string }[] = [];

  for (const s of specs) {
    const id = newId();
    const created = iso(Math.min(s.start - 10 * DAY, now - HOUR));
    const teamIds = s.teams.map(teamId);
    const totals = { taken: 0, waitlisted: 0, attended: 0, no_shows: 0, hours: 0, signups: 0 };
    const factsSignups: { stallTeamId: string | null; state: string; hours: number | null }[] = [];
    const addSignup = (
      p: StallSpec['people'][number],
      stallId: string | null,
      stallTeam: string | null,
      title: string,
    ) => {
      const sid = newId();
      const checkIn = p.state === 'attended' ? iso(s.start - int(0, 15) * 60_000) : null;
      const checkOut = checkIn && p.hours !== null ? iso(Date.parse(checkIn) + p.hours * HOUR) : null;
      signupRows.push({
        town_id: townId,
        id: sid,
        version: 1,
        created_at: created,
        updated_at: checkOut ?? created,
        activity_id: id,
        stall_id: stallId,
        person_id: p.id,
        state: p.state,
        source: rand() < 0.6 ? 'self' : 'assigned',
        queued_at: created,
        check_in_at: checkIn,
        check_out_at: checkOut,
        hours: p.hours,
        cancel_reason: null,
        created_by: null,
      });
      if (p.state === 'attended' || p.state === 'signed_up') totals.taken += 1;
      if (p.state === 'attended') totals.attended += 1;
      if (p.state === 'no_show') totals.no_shows += 1;
      if (p.state !== 'waitlisted') totals.signups += 1;
      totals.hours = roundHours(totals.hours + (p.hours ?? 0));
      factsSignups.push({ stallTeamId: stallTeam, state: p.state, hours: p.hours });
      if (p.hours && checkIn) {
        const approved = s.start < now - 14 * DAY;
        hourRows.push({
          town_id: townId,
          id: newId(),
          version: 1,
          created_at: checkOut ?? stamp,
          updated_at: checkOut ?? stamp,
          person_id: p.id,
          source: 'activity',
          source_id: sid,
          team_id: stallTeam ?? teamIds[0] ?? null,
          date: shanghaiDate(checkIn),
          hours: p.hours,
          content: title,
          status: approved ? 'approved' : 'pending',
          decided_by: null,
          decided_at: approved ? iso(s.end + 3 * DAY) : null,
          decision_note: null,
        });
      }
    };
    teamIds.forEach((t, i) => teamRows.push({ town_id: townId, id: newId(), activity_id: id, team_id: t, sort: i }));
    let served = 0;
    let deeds = 0;
    s.stalls.forEach((st, i) => {
      const stallId = newId();
      const stTeam = teamId(st.team);
      const c = { taken: 0, waitlisted: 0, attended: 0, no_shows: 0, hours: 0 };
      for (const p of st.people) {
        if (p.state === 'attended' || p.state === 'signed_up') c.taken += 1;
        if (p.state === 'attended') c.attended += 1;
        if (p.state === 'no_show') c.no_shows += 1;
        c.hours = roundHours(c.hours + (p.hours ?? 0));
      }
      stallRows.push({
        town_id: townId,
        id: stallId,
        version: 1,
        created_at: created,
        updated_at: created,
        activity_id: id,
        kind_id: kindIds.get(st.kind) ?? '',
        team_id: stTeam,
        capacity: st.capacity,
        label: null,
        sort: (i + 1) * 10,
        served: st.served,
        deeds: st.deeds,
        notes: st.notes,
        ...c,
      });
      served += st.served ?? 0;
      deeds += st.deeds ?? 0;
      for (const p of st.people) addSignup(p, stallId, stTeam, s.title);
    });
    for (const p of s.people) addSignup(p, null, null, s.title);
    const done = s.state === 'done' || s.state === 'reported';
    activities.push({
      town_id: townId,
      id,
      rollup_key: null,
      version: 1,
      created_at: created,
      updated_at: done ? iso(s.end + HOUR) : created,
      series_id: s.seriesId,
      edited: s.edited ? 1 : 0,
      kind: s.kind,
      title: s.title,
      state: s.state,
      start_at: iso(s.start),
      end_at: iso(s.end),
      month: shanghaiDate(new Date(s.start)).slice(0, 7),
      workstation_id: s.workstationId,
      village_id: s.villageId,
      address: s.address,
      lead_team_id: teamIds[0] ?? null,
      capacity: s.capacity,
      waitlist: 1,
      description: s.description,
      summary: s.summary,
      reach: s.reach,
      cancel_reason: null,
      published_at: s.state === 'planned' ? null : created,
      started_at: done ? iso(s.start) : null,
      finished_at: done ? iso(s.end) : null,
      reported_at: s.state === 'reported' ? iso(s.end + 2 * DAY) : null,
      cancelled_at: null,
      created_by: null,
      served,
      deeds,
      ...totals,
    });
    for (const c of contributions({
      teamIds,
      reach: s.reach,
      stalls: s.stalls.map((st) => ({ teamId: teamId(st.team), served: st.served, deeds: st.deeds })),
      signups: factsSignups,
    }))
      figureRows.push({
        town_id: townId,
        id: newId(),
        activity_id: id,
        team_id: c.teamId,
        state: s.state,
        start_at: iso(s.start),
        kind: s.kind,
        village_id: s.villageId,
        month: shanghaiDate(new Date(s.start)).slice(0, 7),
        served: c.served,
        deeds: c.deeds,
        reach: c.reach,
        signups: c.signups,
        attended: c.attended,
        no_shows: c.noShows,
        hours: c.hours,
      });
    if (s.kind === 'service_day' && done) serviceDays.push({ id, date: shanghaiDate(new Date(s.start)) });
  }

  await trx.insertInto('stall_kinds').values(kindRows).execute();
  await trx
    .insertInto('activity_series')
    .values({
      town_id: townId,
      id: seriesId,
      version: 1,
      created_at: iso(yearAgo),
      updated_at: iso(yearAgo),
      kind: 'service_day',
      title: '“五彩”便民示范日（镇文化广场）',
      workstation_id: null,
      village_id: null,
      address: SQUARE,
      team_ids: JSON.stringify([0, 1, 2, 3, 4].map(teamId)),
      capacity: null,
      waitlist: 1,
      description: '每月22日，五支服务队在家门口为群众服务。',
      day_of_month: 22,
      start_time: '08:30',
      end_time: '11:30',
      stalls: JSON.stringify(
        stallKinds.slice(0, 5).map((k) => ({ kind: k, teamId: teamId(STALL_TEAM[k] ?? 0), capacity: 5, label: null })),
      ),
      created_by: null,
    })
    .execute();
  for (const rows of chunked(activities)) await trx.insertInto('activities').values(rows).execute();
  for (const rows of chunked(teamRows)) await trx.insertInto('activity_teams').values(rows).execute();
  for (const rows of chunked(stallRows)) await trx.insertInto('activity_stalls').values(rows).execute();
  for (const rows of chunked(signupRows)) await trx.insertInto('activity_signups').values(rows).execute();
  for (const rows of chunked(hourRows)) await trx.insertInto('service_hours').values(rows).execute();
  for (const rows of chunked(figureRows)) await trx.insertInto('activity_team_figures').values(rows).execute();
  await rebuildRollups(trx, townId);

  // Problems found at a service-day stall: link the demo's stall requests to that day's activity.
  const stallRequests = await trx
    .selectFrom('requests')
    .select(['id', 'created_at'])
    .where('town_id', '=', townId)
    .where('channel', '=', 'stall')
    .execute();
  const dayOf = new Map(serviceDays.map((d) => [d.date, d.id]));
  for (const r of stallRequests) {
    const activityId = dayOf.get(shanghaiDate(r.created_at));
    if (activityId)
      await trx
        .updateTable('requests')
        .set({ origin_kind: 'activity', origin_id: activityId })
        .where('town_id', '=', townId)
        .where('id', '=', r.id)
        .execute();
  }
  return activities.length;
}
