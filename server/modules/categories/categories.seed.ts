/** What a new town starts with: a default set of categories and the 2026 public-holiday calendar. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import type { RouteKind } from './categories.repo.ts';
import { upsertCalendarDay } from './calendar.repo.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Default routes by category code, e.g. `{ road: { kind: 'department', id } }`. */
export type DefaultRoutes = Partial<Record<string, { kind: RouteKind; id: string }>>;

/** The default categories: code (also its icon and the Open311 service_code), name, one line of guidance. */
export const DEFAULT_CATEGORIES = [
  { code: 'road', name: '道路交通', description: '道路破损、桥梁、路灯、交通安全隐患' },
  { code: 'water', name: '供水供电', description: '停水停电、管道漏水、线路隐患' },
  { code: 'environment', name: '环境卫生', description: '垃圾清运、污水、河塘、乱堆乱放' },
  { code: 'safety', name: '治安安全', description: '治安问题、防溺水、消防和电信诈骗隐患' },
  { code: 'dispute', name: '矛盾纠纷', description: '邻里、家庭、土地、债务等纠纷调解' },
  { code: 'care', name: '关爱帮扶', description: '独居老人、留守儿童、残疾人等需要帮扶' },
  { code: 'farming', name: '农业生产', description: '农田水利、农技服务、农资和收成问题' },
  { code: 'housing', name: '住房建设', description: '危房、建房审批、房屋安全' },
  { code: 'health', name: '医疗健康', description: '看病就医、医保、健康服务' },
  { code: 'idea', name: '意见建议', description: '对村镇建设和服务的意见建议（金点子）' },
  { code: 'other', name: '其他', description: '以上都不是的问题和需求' },
] as const;

/**
 * Inserts the default categories for a new town (limits 5 / 1 / 0 working days) in the caller's
 * transaction; returns code → id. Not audited: it runs when a town is created, before any actor.
 */
export async function seedDefaultCategories(
  trx: Db,
  townId: string,
  routes: DefaultRoutes = {},
): Promise<Record<string, string>> {
  const now = nowIso();
  const ids: Record<string, string> = {};
  const rows = DEFAULT_CATEGORIES.map((c, index) => {
    const id = newId();
    ids[c.code] = id;
    const route = routes[c.code];
    return {
      town_id: townId,
      id,
      version: 1,
      disabled: 0,
      created_at: now,
      updated_at: now,
      code: c.code,
      name: c.name,
      icon: c.code,
      description: c.description,
      route_kind: route?.kind ?? null,
      route_id: route?.id ?? null,
      limit_normal_days: 5,
      limit_urgent_days: 1,
      limit_critical_days: 0,
      sort: (index + 1) * 10,
    };
  });
  await trx.insertInto('categories').values(rows).execute();
  return ids;
}

const range = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += 86400_000)
    days.push(new Date(ms).toISOString().slice(0, 10));
  return days;
};

/**
 * China's 2026 public holidays and make-up working days (调休), as we understand the State
 * Council General Office's notice on the 2026 holiday arrangements. The town should check them
 * against the official notice and correct any day through `PUT /api/calendar/:date`.
 */
export const HOLIDAYS_2026: readonly { date: string; kind: 'holiday' | 'workday'; name: string }[] = [
  ...range('2026-01-01', '2026-01-03').map((date) => ({ date, kind: 'holiday' as const, name: '元旦' })),
  { date: '2026-01-04', kind: 'workday', name: '元旦调休' },
  { date: '2026-02-14', kind: 'workday', name: '春节调休' },
  ...range('2026-02-15', '2026-02-23').map((date) => ({ date, kind: 'holiday' as const, name: '春节' })),
  { date: '2026-02-28', kind: 'workday', name: '春节调休' },
  ...range('2026-04-04', '2026-04-06').map((date) => ({ date, kind: 'holiday' as const, name: '清明节' })),
  ...range('2026-05-01', '2026-05-05').map((date) => ({ date, kind: 'holiday' as const, name: '劳动节' })),
  { date: '2026-05-09', kind: 'workday', name: '劳动节调休' },
  ...range('2026-06-19', '2026-06-21').map((date) => ({ date, kind: 'holiday' as const, name: '端午节' })),
  { date: '2026-09-20', kind: 'workday', name: '国庆节调休' },
  ...range('2026-09-25', '2026-09-27').map((date) => ({ date, kind: 'holiday' as const, name: '中秋节' })),
  ...range('2026-10-01', '2026-10-07').map((date) => ({ date, kind: 'holiday' as const, name: '国庆节' })),
  { date: '2026-10-10', kind: 'workday', name: '国庆节调休' },
];

/** Loads the 2026 calendar for a town in the caller's transaction (idempotent: days are upserted). */
export async function seedHolidays2026(trx: Db, townId: string): Promise<void> {
  for (const day of HOLIDAYS_2026) await upsertCalendarDay(trx, townId, day);
}
