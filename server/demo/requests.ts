/**
 * The demo town's requests: about 450 over the twelve months up to now, more in summer and at
 * harvest, in every state — mostly resolved, rated and archived, some still open (a few past
 * due and supervised), some rejected, closed-unresolved, merged or reopened — each with its
 * timeline as the services would have written it. Includes the brief's story of the Youlan–
 * Hutao road. Deterministic apart from "now": the same seed gives the same town.
 */
import type { Insertable, Transaction } from 'kysely';
import { maskMobile } from '../../common/privacy/identity.ts';
import {
  type CalendarOverrides,
  addWorkingDays,
  dueAt,
  endOfShanghaiDay,
  shanghaiDate,
} from '../../common/requests/calendar.ts';
import {
  type Channel,
  type RequestAction,
  type RequestStatus,
  type Urgency,
  nextStatus,
} from '../../common/requests/lifecycle.ts';
import type { DB, RequestEventTable, RequestTable } from '../db/schema.ts';
import { loadCalendar } from '../modules/categories/calendar.repo.ts';
import { rebuildRequestFigures } from '../modules/requests/figures.rollup.ts';
import type { Sealer } from '../platform/crypto.ts';
import { newId } from '../platform/ids.ts';
import {
  DESK_ANSWERS,
  DISPATCH_NOTES,
  EXTENSION_NOTES,
  RATING_COMMENTS,
  REJECTED,
  REOPEN_REASONS,
  REPORTER_GIVEN,
  START_NOTES,
  STORIES,
  SUPERVISE_NOTES,
  UNRESOLVED,
} from './requests-data.ts';
import { GIVEN_FEMALE, GIVEN_MALE, SQUAD_VILLAGES, SURNAMES, TOWN } from './youlan-data.ts';

export interface DemoRequestContext {
  sealer: Sealer;
  rand: () => number;
  /** Now, ISO UTC: the year of requests ends here. */
  now: string;
  villageIds: ReadonlyMap<string, string>;
  /** The five teams in TEAMS order. */
  teamIds: readonly string[];
  /** `${teamId}:${villageName}` → squad id. */
  squadIds: ReadonlyMap<string, string>;
  departmentIds: ReadonlyMap<string, string>;
  people: readonly { id: string; villageName: string; teams: number[] }[];
  /** Category code → id, from seedDefaultCategories. */
  categoryIds: Readonly<Record<string, string>>;
}

/** How many requests the demo town has (the road story and the merged duplicates included). */
export const DEMO_REQUEST_COUNT = 450;
/** The tracking-code search that finds the road story. */
export const ROAD_STORY_NEEDLE = '湖陶';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Names of people in the article, never used for demo residents. */
const ARTICLE_NAMES = new Set(['万平', '陶细水', '黄运生', '万友平', '邓里根', '涂海美', '郑少忠']);

/** Requests per month (index 0 = January): fewer at Spring Festival, most in summer and at harvest. */
const MONTH_WEIGHT = [0.7, 0.55, 0.8, 0.9, 1.1, 1.3, 1.55, 1.4, 1.2, 1.3, 0.9, 0.75];

/** Category weights by month: farming at the 双抢 and autumn harvest, water and drowning in summer. */
function categoryWeights(month: number): [string, number][] {
  const summer = month >= 5 && month <= 7;
  const harvest = month === 5 || month === 6 || month === 8 || month === 9;
  const winter = month === 11 || month <= 1;
  return [
    ['road', 14 * (month >= 3 && month <= 5 ? 1.3 : 1)],
    ['water', 11 * (summer ? 1.6 : 1)],
    ['environment', 11 * (summer ? 1.3 : 1)],
    ['safety', 8 * (summer ? 1.7 : winter ? 1.2 : 1)],
    ['dispute', 7 * (month >= 1 && month <= 3 ? 1.3 : 1)],
    ['care', 10 * (winter ? 1.5 : summer ? 1.2 : 1)],
    ['farming', 10 * (harvest ? 2 : winter ? 0.4 : month === 2 || month === 3 ? 1.3 : 1)],
    ['housing', 4 * (month >= 3 && month <= 6 ? 1.4 : 1)],
    ['health', 6],
    ['idea', 5],
    ['other', 3],
  ];
}

type Fate = 'normal' | 'open' | 'overdue' | 'rejected' | 'unresolved' | 'merged' | 'reopened';

interface Actor {
  id: string | null;
  name: string | null;
}

interface Step {
  at: number;
  /** A lifecycle action, or an entry the system writes (`submitted`, `overdue`, `due_soon`, `linked`). */
  kind: RequestAction | 'submitted' | 'overdue' | 'due_soon' | 'linked';
  actor: Actor;
  note?: string | null;
  data?: Record<string, unknown> | null;
  public?: boolean;
  /** Changes the step makes to the row, as actions.service.ts does. */
  changes?: Partial<RequestTable>;
}

interface Draft {
  id: string;
  created: number;
  categoryCode: string;
  villageName: string;
  hamletName: string;
  channel: Channel;
  urgency: Urgency;
  fate: Fate;
  /** For 'open': the status it stops at. */
  stopAt?: RequestStatus;
  /** A recent ordinary request still waiting for its callback (resolved) or its filing (rated). */
  hold?: 'resolved' | 'rated';
  description: string;
  story?: { progress: string; resolve: string };
  special?: string;
  reporterName: string | null;
  mobile: string | null;
  steps: Step[];
  row?: RequestTable;
  mergeTarget?: Draft;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Inserts rows in chunks (SQLite and PostgreSQL both take 200 rows of these tables per statement). */
async function insertChunks<T extends 'requests' | 'request_events' | 'sequences'>(
  trx: Transaction<DB>,
  table: T,
  rows: Insertable<DB[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    await trx
      .insertInto(table)
      .values(chunk as never)
      .execute();
  }
}

/** Loads the demo requests in the seed's transaction; returns how many were made. */
export async function seedDemoRequests(trx: Transaction<DB>, townId: string, ctx: DemoRequestContext): Promise<number> {
  const { rand } = ctx;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const between = (a: number, b: number) => a + rand() * (b - a);
  const now = Date.parse(ctx.now);
  const calendar: CalendarOverrides = await loadCalendar(trx, townId);

  const users = new Map(
    (
      await trx.selectFrom('users').select(['id', 'username', 'display_name']).where('town_id', '=', townId).execute()
    ).map((u) => [u.username, { id: u.id, name: u.display_name } as Actor]),
  );
  const user = (name: string): Actor => users.get(name) ?? { id: null, name: null };
  const admin = user('admin');
  const hamlets = new Map<string, string[]>();
  const hamletIds = new Map<string, string>();
  for (const h of await trx
    .selectFrom('hamlets as h')
    .innerJoin('villages as v', (j) => j.onRef('v.town_id', '=', 'h.town_id').onRef('v.id', '=', 'h.village_id'))
    .select(['h.id', 'h.name', 'v.name as village'])
    .where('h.town_id', '=', townId)
    .orderBy('h.name')
    .execute()) {
    hamlets.set(h.village, [...(hamlets.get(h.village) ?? []), h.name]);
    hamletIds.set(`${h.village}:${h.name}`, h.id);
  }
  const workstations = new Map(
    (await trx.selectFrom('workstations').select(['id', 'village_id']).where('town_id', '=', townId).execute()).map(
      (w) => [w.village_id ?? 'town', w.id],
    ),
  );
  const villageNames = [...ctx.villageIds.keys()];
  const dept = (name: string) => ({ kind: 'department', id: ctx.departmentIds.get(name) ?? '' });

  // ── when: days weighted by month, weekends a little quieter ──
  const start = now - 365 * DAY;
  const days: { ms: number; w: number }[] = [];
  for (let ms = start; ms < now - 2 * HOUR; ms += DAY) {
    const d = new Date(ms + 8 * HOUR);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    days.push({ ms, w: (MONTH_WEIGHT[d.getUTCMonth()] ?? 1) * (weekend ? 0.8 : 1) });
  }
  const totalWeight = days.reduce((s, d) => s + d.w, 0);
  const pickDay = (): number => {
    let x = rand() * totalWeight;
    for (const d of days) if ((x -= d.w) <= 0) return d.ms;
    return days[days.length - 1]?.ms ?? start;
  };
  /** A Shanghai-local time of day on the Shanghai date of `dayMs`. */
  const atLocal = (dayMs: number, fromHour: number, toHour: number) => {
    const date = shanghaiDate(new Date(dayMs));
    return Date.parse(`${date}T00:00:00+08:00`) + between(fromHour, toHour) * HOUR;
  };
  /** The monthly service day (便民示范日, the 22nd) on or before a day. */
  const serviceDay = (ms: number) => {
    const d = new Date(ms + 8 * HOUR);
    let y = d.getUTCFullYear();
    let m = d.getUTCMonth();
    if (d.getUTCDate() < 22) m -= 1;
    if (m < 0) {
      m = 11;
      y -= 1;
    }
    const day = Date.parse(`${y}-${String(m + 1).padStart(2, '0')}-22T00:00:00+08:00`);
    return day < start ? day + 31 * DAY : day;
  };

  /** Moves a time in the night (21:30–7:30 in Shanghai) on to the next morning: people act by day. */
  const waking = (ms: number) => {
    const hour = ((ms + 8 * HOUR) % DAY) / HOUR;
    if (hour >= 7.5 && hour < 21.5) return ms;
    const wait = (hour >= 21.5 ? 24 - hour + 7.5 : 7.5 - hour) * HOUR;
    return ms + wait + between(0, 1.5) * HOUR;
  };

  // ── who reports ──
  const usedMobiles = new Set<string>();
  const reporter = () => {
    let name = '';
    do name = pick(SURNAMES) + pick(rand() < 0.5 ? REPORTER_GIVEN : rand() < 0.5 ? GIVEN_MALE : GIVEN_FEMALE);
    while (ARTICLE_NAMES.has(name));
    let mobile = '';
    do
      mobile = `1${pick(['35', '36', '37', '39', '50', '52', '57', '58', '82', '87', '89', '91'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
    while (usedMobiles.has(mobile));
    usedMobiles.add(mobile);
    return { name, mobile };
  };

  const place = (villageName?: string) => {
    const v = villageName ?? (rand() < 0.45 ? pick(SQUAD_VILLAGES) : pick(villageNames));
    return { villageName: v, hamletName: pick(hamlets.get(v) ?? [v]) };
  };
  const fill = (text: string, p: { villageName: string; hamletName: string }) =>
    text.replaceAll('{h}', p.hamletName).replaceAll('{v}', p.villageName);

  const channelOf = (): Channel => {
    const x = rand();
    return x < 0.46 ? 'h5' : x < 0.7 ? 'desk' : x < 0.85 ? 'phone' : x < 0.93 ? 'stall' : 'visit';
  };

  // ── the drafts ──
  const drafts: Draft[] = [];
  const makeDraft = (fate: Fate, created: number, categoryCode: string, text: string, p = place()): Draft => {
    let channel = channelOf();
    if (channel === 'stall') created = atLocal(serviceDay(created), 8.5, 11.5);
    else if (channel === 'h5') created = atLocal(created, 6.5, 22.5);
    else created = atLocal(created, 8.5, 17.3);
    if (created >= now - HOUR) {
      channel = 'h5';
      created = now - between(1.5, 4) * HOUR;
    }
    const who = reporter();
    const anonymous = channel === 'h5' && rand() < 0.12;
    const noMobile = channel === 'h5' && rand() < 0.08;
    const x = rand();
    return {
      id: '',
      created,
      categoryCode,
      ...p,
      channel,
      urgency: x < 0.03 ? 'critical' : x < 0.15 ? 'urgent' : 'normal',
      fate,
      description: fill(text, p),
      reporterName: anonymous ? null : who.name,
      mobile: noMobile ? null : who.mobile,
      steps: [],
    };
  };
  const pickCategory = (created: number): string => {
    const weights = categoryWeights(new Date(created + 8 * HOUR).getUTCMonth());
    let x = rand() * weights.reduce((s, [, w]) => s + w, 0);
    for (const [code, w] of weights) if ((x -= w) <= 0) return code;
    return 'other';
  };
  const storyDraft = (fate: Fate, created: number) => {
    const code = pickCategory(created);
    const story = pick(STORIES[code] ?? []);
    const p = place();
    const d = makeDraft(fate, created, code, story[0], p);
    d.story = { progress: fill(story[1], p), resolve: fill(story[2], p) };
    return d;
  };

  // Special fates first, at the times they need; the rest are ordinary requests.
  const recent = (fromDays: number, toDays: number) => now - between(fromDays, toDays) * DAY;
  const openStops: RequestStatus[] = ['submitted', 'submitted', 'accepted', 'accepted', 'accepted', 'dispatched'];
  openStops.push('dispatched', 'dispatched', 'in_progress', 'in_progress', 'in_progress', 'in_progress');
  for (const stop of openStops) {
    const d = storyDraft('open', recent(1, 2.5));
    d.stopAt = stop;
    d.urgency = 'normal';
    if (stop === 'submitted' || d.channel === 'stall') d.channel = 'h5';
    // Old enough for its steps so far (a day at most) to have happened, young enough not to be due.
    if (d.created > now - 26 * HOUR) d.created = now - between(26, 40) * HOUR;
    drafts.push(d);
  }
  for (let i = 0; i < 4; i++) {
    const d = storyDraft('overdue', recent(9, 28));
    d.urgency = 'normal';
    drafts.push(d);
  }
  for (const [code, text, reason] of REJECTED) {
    const d = makeDraft('rejected', pickDay(), code, text);
    d.channel = 'h5';
    d.special = reason;
    drafts.push(d);
  }
  for (const [code, text, reason] of UNRESOLVED) {
    const p = place();
    const d = makeDraft('unresolved', pickDay(), code, text, p);
    d.special = fill(reason, p);
    drafts.push(d);
  }
  for (const reason of REOPEN_REASONS) {
    const d = storyDraft('reopened', recent(40, 200));
    d.special = fill(reason, d);
    drafts.push(d);
  }
  for (const hold of ['resolved', 'resolved', 'resolved', 'rated', 'rated', 'rated'] as const) {
    const d = storyDraft('normal', recent(hold === 'resolved' ? 8 : 11, hold === 'resolved' ? 11 : 14));
    d.urgency = 'normal';
    d.hold = hold;
    drafts.push(d);
  }
  const mergedCount = 6;
  const ordinary = DEMO_REQUEST_COUNT - 1 - mergedCount - drafts.length;
  for (let i = 0; i < ordinary; i++) {
    const d = storyDraft('normal', pickDay());
    // Requests of the last fortnight are not left past due by accident.
    if (d.created > now - 14 * DAY) d.urgency = 'normal';
    drafts.push(d);
  }
  // Duplicates: a neighbour reports what is already being handled, and it is merged into it.
  const targets = drafts.filter(
    (d) =>
      d.fate === 'normal' &&
      ['road', 'water', 'environment'].includes(d.categoryCode) &&
      d.created < now - 30 * DAY &&
      d.urgency === 'normal',
  );
  for (let i = 0; i < mergedCount && targets.length; i++) {
    const target = targets.splice(Math.floor(rand() * targets.length), 1)[0] as Draft;
    const d = makeDraft('merged', target.created, target.categoryCode, target.description, target);
    d.channel = 'h5';
    d.created = target.created + between(2, 20) * HOUR;
    d.description = `${pick(['我们组也有这个问题：', '同一个问题，', '再反映一次：'])}${target.description}`;
    d.mergeTarget = target;
    drafts.push(d);
  }
  const road = roadStory(now);
  drafts.push(road.draft);

  // Ids and tracking codes follow submission time.
  drafts.sort((a, b) => a.created - b.created);
  const perDay = new Map<string, number>();
  const codes = new Map<Draft, string>();
  for (const d of drafts) {
    d.id = newId(Math.floor(d.created));
    const day = shanghaiDate(new Date(d.created)).replace(/-/g, '');
    const n = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, n);
    codes.set(d, `${TOWN.prefix}-${day}-${String(n).padStart(4, '0')}`);
  }

  // ── the timelines ──
  const limits = { normal: 5, urgent: 1, critical: 0 } as const;
  const acceptor = (d: Draft) => (d.villageName === '厚田村' && rand() < 0.7 ? user('houtian') : admin);
  const enterer = (d: Draft): Actor =>
    d.channel === 'desk' && d.villageName === '厚田村'
      ? user('houtian')
      : d.channel === 'visit' || d.channel === 'stall'
        ? pick([user('member'), user('leader'), admin])
        : admin;
  /** Where a category's requests go: the default route, sometimes a squad or member of the village. */
  const assigneeFor = (d: Draft): { kind: string; id: string; teamId: string | null; handler: Actor } => {
    const teamIndex: Record<string, number> = {
      safety: 1,
      care: 3,
      farming: 2,
      idea: 0,
      environment: 0,
      dispute: 1,
      other: 0,
    };
    const deptName: Record<string, string> = {
      road: '镇村镇建设办公室',
      housing: '镇村镇建设办公室',
      water: '镇自来水厂',
      health: '幽兰镇卫生院',
    };
    if (d.categoryCode === 'dispute' && rand() < 0.5) return { ...dept('镇司法所'), teamId: null, handler: admin };
    if (d.categoryCode === 'water' && d.description.includes('电')) {
      return { ...dept('镇党政综合办公室'), teamId: null, handler: admin };
    }
    const dn = deptName[d.categoryCode];
    if (dn && rand() < 0.85) {
      return { ...dept(dn), teamId: null, handler: dn === '镇村镇建设办公室' ? user('dept') : admin };
    }
    const t = teamIndex[d.categoryCode] ?? Math.floor(rand() * 5);
    const teamId = ctx.teamIds[t] ?? '';
    const handler = t === 2 ? user('leader') : admin;
    const squad = ctx.squadIds.get(`${teamId}:${d.villageName}`);
    const x = rand();
    if (squad && x < 0.45) return { kind: 'squad', id: squad, teamId, handler };
    if (x > 0.8) {
      const members = ctx.people.filter(
        (p) => p.villageName === d.villageName && p.teams.length === 1 && p.teams[0] === t,
      );
      const m = members.length ? pick(members) : undefined;
      if (m) return { kind: 'member', id: m.id, teamId, handler: t === 2 ? user('member') : admin };
    }
    return { kind: 'team', id: teamId, teamId, handler };
  };

  let overdueSeen = 0;
  let rejectedSeen = 0;
  for (const d of drafts) {
    if (d === road.draft) continue;
    const s = d.steps;
    const cat = d.categoryCode;
    const due = dueAt(new Date(d.created), limits[d.urgency], calendar);
    const dueMs = Date.parse(due);
    const assisted = d.channel !== 'h5';
    const by = assisted ? enterer(d) : { id: null, name: d.reporterName };
    s.push({
      at: d.created,
      kind: 'submitted',
      actor: by,
      data: {
        channel: d.channel,
        ...(d.channel === 'desk' ? { workstationId: workstations.get(ctx.villageIds.get(d.villageName) ?? '') } : {}),
      },
    });
    let t = d.created;
    const later = (minH: number, maxH: number) => (t = waking(t + between(minH, maxH) * HOUR));
    if (assisted) s.push({ at: t + 1000, kind: 'accept', actor: by });
    if (d.fate === 'rejected') {
      s.push({ at: later(0.5, 20), kind: 'reject', actor: admin, note: d.special ?? null });
      // Every other one is filed away; the rest wait in the rejected list.
      if (rejectedSeen++ % 2) s.push({ at: later(72, 240), kind: 'archive', actor: admin, public: false });
      continue;
    }
    if (d.fate === 'merged' && d.mergeTarget) {
      const target = d.mergeTarget;
      s.push({
        at: later(0.3, 3),
        kind: 'merge',
        actor: admin,
        note: `与 ${codes.get(target) ?? ''} 反映同一问题，合并办理。`,
        data: { targetId: target.id, targetCode: codes.get(target) },
        changes: { merged_into_id: target.id },
      });
      target.steps.push({
        at: t,
        kind: 'linked',
        actor: admin,
        note: `与 ${codes.get(target) ?? ''} 反映同一问题，合并办理。`,
        data: { fromId: d.id },
        public: false,
      });
      continue;
    }
    if (d.fate === 'open' && d.stopAt === 'submitted') continue;
    if (!assisted) {
      s.push({ at: later(0.2, 3), kind: 'accept', actor: acceptor(d) });
    }
    if (d.fate === 'open' && d.stopAt === 'accepted') continue;

    // Consultations answered at the desk are resolved there, without dispatch.
    const answeredAtDesk =
      d.fate === 'normal' && d.channel === 'desk' && ['health', 'other', 'idea'].includes(cat) && rand() < 0.5;
    const onTime = d.fate === 'reopened' || d.created > now - 14 * DAY || rand() < 0.9;
    const resolveAt = (from: number) => {
      if (!onTime) return waking(dueMs + between(4, 72) * HOUR);
      const at = waking(from + between(0.2, 0.95) * (dueMs - from));
      return at < dueMs ? at : Math.max(from + 0.5 * HOUR, dueMs - between(3, 4) * HOUR);
    };

    let handler: Actor = admin;
    const dispatch = () => {
      const a = assigneeFor(d);
      handler = a.handler;
      s.push({
        at: later(0.2, 4),
        kind: 'dispatch',
        actor: admin,
        note: pick(DISPATCH_NOTES),
        data: { assignee: { kind: a.kind, id: a.id } },
        changes: { assignee_kind: a.kind, assignee_id: a.id, team_id: a.teamId },
      });
    };
    if (answeredAtDesk) {
      t = later(0.2, 0.6);
    } else {
      dispatch();
      if (d.fate === 'open' && d.stopAt === 'dispatched') continue;
      // One past-due request was never even started; the others stalled after a first look.
      const stalledBeforeStart = d.fate === 'overdue' && overdueSeen++ === 0;
      if (!stalledBeforeStart) s.push({ at: later(0.3, 8), kind: 'start', actor: handler, note: pick(START_NOTES) });
      if (d.fate === 'open') {
        if (rand() < 0.6) s.push({ at: later(1, 10), kind: 'progress', actor: handler, note: d.story?.progress });
        continue;
      }
      if (d.fate === 'overdue') {
        if (!stalledBeforeStart) {
          s.push({ at: later(2, 24), kind: 'progress', actor: handler, note: d.story?.progress });
        }
        const warned = dueMs - DAY + 60_000;
        const late = dueMs + 60_000;
        const system = { id: null, name: null };
        s.push({ at: warned, kind: 'due_soon', actor: system, data: { dueAt: due }, public: false });
        s.push({
          at: late,
          kind: 'overdue',
          actor: system,
          data: { dueAt: due },
          public: false,
          changes: { warned_at: iso(warned), overdue_at: iso(late) },
        });
        s.push({
          at: dueMs + between(18, 30) * HOUR,
          kind: 'supervise',
          actor: admin,
          note: pick(SUPERVISE_NOTES),
          public: false,
        });
        continue;
      }
      if (cat !== 'other' && cat !== 'idea' && rand() < 0.35) {
        s.push({ at: later(0.5, 6), kind: 'visit', actor: handler, note: d.story?.progress });
      } else if (rand() < 0.7 || d.fate === 'unresolved') {
        s.push({ at: later(0.5, 12), kind: 'progress', actor: handler, note: d.story?.progress ?? '正在核实情况。' });
      }
      if (d.urgency === 'normal' && !onTime && rand() < 0.3) {
        const extended = endOfShanghaiDay(addWorkingDays(shanghaiDate(due), 3, calendar));
        s.push({
          at: later(1, 8),
          kind: 'request_extension',
          actor: handler,
          note: pick(EXTENSION_NOTES),
          data: { days: 3 },
          public: false,
        });
        s.push({
          at: later(0.5, 6),
          kind: 'decide_extension',
          actor: admin,
          note: '同意延期。',
          data: { approve: true, days: 3, dueAt: extended },
          changes: { pending_extension_days: null, due_at: extended, overdue_at: null, warned_at: null },
        });
      }
    }
    // Held requests are resolved early enough (whatever holidays did to the due date) to be waiting now.
    const hold = d.hold === 'rated' ? now - 40 * HOUR : d.hold === 'resolved' ? now - 20 * HOUR : Infinity;
    const resolvedAt = Math.max(t + 0.3 * HOUR, Math.min(hold, resolveAt(t)));
    t = resolvedAt;
    const outcome = d.fate === 'unresolved' ? 'unresolved' : 'resolved';
    s.push({
      at: t,
      kind: outcome === 'resolved' ? 'resolve' : 'close_unresolved',
      actor: answeredAtDesk ? by : handler,
      note: answeredAtDesk ? pick(DESK_ANSWERS) : outcome === 'resolved' ? (d.story?.resolve ?? null) : d.special,
      data: { outcome },
      changes: { outcome },
    });
    if (d.fate === 'reopened') {
      s.push({
        at: later(20, 60),
        kind: 'reopen',
        actor: { id: null, name: d.reporterName },
        note: d.special ?? null,
        data: { by: 'resident' },
      });
      dispatch();
      s.push({ at: later(0.5, 6), kind: 'start', actor: handler, note: '已再次到现场，查找反复出现的原因。' });
      s.push({ at: later(4, 30), kind: 'visit', actor: handler, note: '与反映人一同到现场查看，找到问题根源。' });
      t = later(6, 48);
      s.push({
        at: t,
        kind: 'resolve',
        actor: handler,
        note: `${d.story?.resolve ?? ''}已彻底整改并回访反映人确认。`,
        data: { outcome: 'resolved' },
        changes: { outcome: 'resolved' },
      });
    }
    // Callback: the resident rates on H5, or the town rings them; without a mobile nobody can.
    if (d.hold === 'resolved') continue;
    const rates = d.hold === 'rated' || (d.mobile !== null && rand() < (outcome === 'resolved' ? 0.93 : 0.35));
    if (rates) {
      const x = rand();
      const rating = outcome === 'unresolved' ? pick([2, 3, 3, 4]) : x < 0.72 ? 5 : x < 0.975 ? 4 : x < 0.995 ? 3 : 2;
      const comment = rand() < 0.75 ? pick(RATING_COMMENTS[rating] ?? []) : null;
      const byResident = d.channel === 'h5' && rand() < 0.8;
      t = later(2, d.hold ? 30 : 96);
      s.push({
        at: t,
        kind: 'rate',
        actor: byResident ? { id: null, name: d.reporterName } : admin,
        note: comment,
        data: { rating, by: byResident ? 'resident' : 'phone' },
        changes: { rating, rating_comment: comment },
      });
      if (!d.hold) s.push({ at: later(48, 240), kind: 'archive', actor: admin, public: false });
    } else {
      t = later(7 * 24 + 2, 14 * 24);
      s.push({ at: t, kind: 'archive', actor: admin, public: false });
    }
  }

  // ── rows: replay each timeline up to now ──
  const requestRows: RequestTable[] = [];
  const eventRows: RequestEventTable[] = [];
  for (const d of drafts) {
    const due = d === road.draft ? road.firstDue : dueAt(new Date(d.created), limits[d.urgency], calendar);
    const p = { villageName: d.villageName, hamletName: d.hamletName };
    const created = iso(d.created);
    const row: RequestTable = {
      town_id: townId,
      id: d.id,
      code: codes.get(d) ?? '',
      version: 1,
      status: 'submitted',
      outcome: null,
      urgency: d.urgency,
      channel: d.channel,
      category_id: ctx.categoryIds[d.categoryCode] ?? '',
      description: d.description,
      village_id: ctx.villageIds.get(p.villageName) ?? null,
      hamlet_id: hamletIds.get(`${p.villageName}:${p.hamletName}`) ?? null,
      address: `${TOWN.name}${p.villageName}${p.hamletName}`,
      lat: null,
      lng: null,
      reporter_name: d.reporterName,
      reporter_mobile_enc: d.mobile ? ctx.sealer.encrypt(d.mobile) : null,
      reporter_mobile_hash: d.mobile ? ctx.sealer.hash(d.mobile) : null,
      reporter_mobile_mask: maskMobile(d.mobile),
      entered_by: d.channel === 'h5' ? null : (d.steps[0]?.actor.id ?? null),
      workstation_id: d.channel === 'desk' ? (workstations.get(ctx.villageIds.get(p.villageName) ?? '') ?? null) : null,
      assignee_kind: null,
      assignee_id: null,
      team_id: defaultTeam(d.categoryCode, ctx.teamIds),
      due_at: due,
      warned_at: null,
      overdue_at: null,
      accepted_at: null,
      dispatched_at: null,
      resolved_at: null,
      rated_at: null,
      archived_at: null,
      rating: null,
      rating_comment: null,
      pending_extension_days: null,
      supervised_count: 0,
      reopened_count: 0,
      merged_into_id: null,
      origin_kind: null,
      origin_id: null,
      created_at: created,
      updated_at: created,
    };
    let status: RequestStatus = 'submitted';
    for (const step of d.steps.sort((a, b) => a.at - b.at)) {
      if (step.at > now) break;
      const at = iso(step.at);
      if (step.kind !== 'submitted' && step.kind !== 'overdue' && step.kind !== 'due_soon' && step.kind !== 'linked') {
        const to = nextStatus(status, step.kind);
        if (!to) throw new Error(`demo request ${row.code}: ${step.kind} is not allowed from ${status}`);
        // The intake's own acceptance (assisted channels) is part of version 1.
        if (!(step.kind === 'accept' && step.at - d.created < 5000 && d.channel !== 'h5')) row.version++;
        status = to;
        if (step.kind === 'reject') row.resolved_at = null;
        if (step.kind === 'accept') row.accepted_at = at;
        if (step.kind === 'dispatch') row.dispatched_at = at;
        if (step.kind === 'resolve' || step.kind === 'close_unresolved') {
          row.resolved_at = at;
          row.pending_extension_days = null;
        }
        if (step.kind === 'rate') row.rated_at = at;
        if (step.kind === 'request_extension') row.pending_extension_days = Number(step.data?.days ?? 3);
        if (step.kind === 'supervise') row.supervised_count++;
        if (step.kind === 'reopen') {
          Object.assign(row, {
            outcome: null,
            resolved_at: null,
            rated_at: null,
            rating: null,
            rating_comment: null,
            assignee_kind: null,
            assignee_id: null,
            overdue_at: null,
            warned_at: null,
            reopened_count: row.reopened_count + 1,
          });
        }
        if (step.kind === 'archive') row.archived_at = at;
        row.updated_at = at;
      }
      if (step.changes) Object.assign(row, step.changes);
      eventRows.push({
        town_id: townId,
        id: newId(Math.floor(step.at)),
        request_id: d.id,
        at,
        kind: step.kind,
        actor_id: step.actor.id,
        actor_name: step.actor.name,
        note: step.note ?? null,
        data: step.data ? JSON.stringify(step.data) : null,
        public: step.public === false ? 0 : 1,
      });
    }
    row.status = status;
    d.row = row;
    requestRows.push(row);
  }

  await insertChunks(trx, 'requests', requestRows);
  await insertChunks(trx, 'request_events', eventRows);
  await rebuildRequestFigures(trx, townId);
  await insertChunks(
    trx,
    'sequences',
    [...perDay].map(([day, value]) => ({ town_id: townId, name: `request:${day}`, value })),
  );
  return requestRows.length;

  /** The brief's story, told in full: a large farmer, the Youlan–Hutao road, the meeting, the road open in 20 days. */
  function roadStory(nowMs: number) {
    // The most recent 12 May at least a month ago (the article's date), at 9 in the morning.
    let year = new Date(nowMs + 8 * HOUR).getUTCFullYear();
    if (Date.parse(`${year}-05-12T09:00:00+08:00`) > nowMs - 45 * DAY) year -= 1;
    const day = (md: string, hm: string) => Date.parse(`${year}-${md}T${hm}:00+08:00`);
    const farmer = { name: '胡长根', mobile: '13979112608' };
    const p = { villageName: '厚田村', hamletName: '下厚田' };
    const green = ctx.teamIds[2] ?? '';
    const leader = user('leader');
    const draft: Draft = {
      id: '',
      created: day('05-12', '09:14'),
      categoryCode: 'road',
      ...p,
      channel: 'h5',
      urgency: 'normal',
      fate: 'normal',
      description:
        '我是下厚田的种粮大户，承包了三百多亩水田。幽兰至湖陶公路改造工程施工进度太慢了，路面挖开两个多月还没铺好，' +
        '收割机和运粮车都开不进来，再不抓紧就要影响我们“双抢”了，希望镇里帮忙催一催施工单位。',
      reporterName: farmer.name,
      mobile: farmer.mobile,
      steps: [],
    };
    const meetingAt = day('05-14', '14:30');
    // Five working days, then 15 more granted (as actions.service.ts extends a due date).
    const firstDue = dueAt(new Date(draft.created), 5, calendar);
    const extended = endOfShanghaiDay(addWorkingDays(shanghaiDate(firstDue), 15, calendar));
    const s = draft.steps;
    s.push(
      { at: draft.created, kind: 'submitted', actor: { id: null, name: farmer.name }, data: { channel: 'h5' } },
      {
        at: day('05-12', '09:41'),
        kind: 'accept',
        actor: user('houtian'),
        note: '已受理，涉及“双抢”农时，请镇里尽快协调。',
      },
      {
        at: day('05-12', '10:05'),
        kind: 'dispatch',
        actor: admin,
        note: '请绿色产业发展服务队牵头到现场查看，会同村镇建设办公室协调施工单位。',
        data: { assignee: { kind: 'team', id: green } },
        changes: {
          assignee_kind: 'team',
          assignee_id: green,
          team_id: green,
        },
      },
      {
        at: day('05-12', '10:32'),
        kind: 'start',
        actor: leader,
        note: '已接单，下午带队员到公路现场查看。',
      },
      {
        at: day('05-12', '15:20'),
        kind: 'visit',
        actor: leader,
        note:
          '队员到幽兰至湖陶公路现场查看：厚田段约3公里路基已完成但路面未硬化，现场只有2台机械作业，' +
          '雨后积水严重，收割机无法通行。已拍照留存并向镇党委报告，建议召开专题协商会。',
      },
      {
        at: day('05-13', '09:10'),
        kind: 'request_extension',
        actor: leader,
        note: '道路施工需要时间，申请延长办理时限15个工作日，期间每周报告进度。',
        data: { days: 15 },
        public: false,
        changes: { pending_extension_days: 15 },
      },
      {
        at: day('05-13', '11:00'),
        kind: 'decide_extension',
        actor: admin,
        note: '同意延期，请确保“双抢”前通车。',
        data: { approve: true, days: 15, dueAt: extended },
        changes: { pending_extension_days: null, due_at: extended },
      },
      {
        at: meetingAt + 2 * HOUR,
        kind: 'meeting',
        actor: admin,
        note: '召开幽兰至湖陶公路施工进度专题协商会。',
        data: {
          meetingAt: iso(meetingAt),
          attendees:
            '镇党委分管领导、镇村镇建设办公室、施工单位项目负责人、绿色产业发展服务队、厚田村村两委、种粮大户代表',
          decisions:
            '一、施工单位增加机械和人员，实行两班倒，20天内完成路面硬化并通车；' +
            '二、镇村镇建设办公室每3天到现场督导一次，每周向镇党委报告进度；' +
            '三、绿色产业发展服务队协调开辟临时便道，保障收割机和运粮车通行；' +
            '四、厚田村村两委做好沿线群众沟通和施工协调。',
        },
      },
      {
        at: day('05-20', '16:40'),
        kind: 'progress',
        actor: user('dept'),
        note: '施工单位已增至6台机械、两班倒施工，路面硬化完成约六成；临时便道已开通，收割机可以通行。',
      },
      {
        at: day('05-27', '17:05'),
        kind: 'progress',
        actor: leader,
        note: '路面硬化全部完成，正在养护、施划标线和清理路肩。',
      },
      {
        at: day('05-31', '18:00'),
        kind: 'resolve',
        actor: leader,
        note: '幽兰至湖陶公路已于5月31日全线通车，道路20天内完成通车，收割机和运粮车可以直接开到田头，不影响“双抢”。',
        data: { outcome: 'resolved' },
        changes: { outcome: 'resolved' },
      },
      {
        at: day('06-01', '08:12'),
        kind: 'rate',
        actor: { id: null, name: farmer.name },
        note: '路修好了，收割机能直接开到田头，“双抢”一点没耽误。感谢服务队和镇里，说到做到！',
        data: { rating: 5, by: 'resident' },
        changes: {
          rating: 5,
          rating_comment: '路修好了，收割机能直接开到田头，“双抢”一点没耽误。感谢服务队和镇里，说到做到！',
        },
      },
      {
        at: day('06-08', '10:00'),
        kind: 'archive',
        actor: admin,
        public: false,
      },
    );
    return { draft, firstDue };
  }
}

/** The team a category routes to before dispatch, as the intake sets it. */
function defaultTeam(code: string, teamIds: readonly string[]): string | null {
  const index: Record<string, number> = { safety: 1, care: 3, farming: 2, idea: 0, environment: 0 };
  const i = index[code];
  return i === undefined ? null : (teamIds[i] ?? null);
}
