/**
 * The demo town's duty: a rule and pool for every workstation, three past months with realistic
 * check-ins (most completed, some late, a few no-shows, handover notes), the current month and
 * the next, and the service hours they earned. Reads people and teams from the transaction.
 */
import type { Transaction } from 'kysely';
import { monthDates } from '../../../common/duty/roster.ts';
import { DEFAULT_SHIFTS } from '../../../common/duty/schemas.ts';
import { shanghaiDate } from '../../../common/requests/calendar.ts';
import type { DB, ServiceHoursTable, ShiftTable } from '../../db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { loadCalendar } from '../categories/calendar.repo.ts';
import { insertShifts } from './duty.repo.ts';
import { generateInTrx } from './roster.service.ts';

export interface DemoDutyContext {
  /** The seed's clock, ISO. */
  now: string;
  /** A seeded random source in [0, 1). */
  rand: () => number;
}

const NOTES = [
  '上午接待群众 3 人次，1 件路灯报修已登记转办。',
  '调解邻里用水纠纷一起，双方已达成口头协议，需回访。',
  '协助 2 位老人办理医保缴费，资料已交村委。',
  '收集金点子 1 条：村口增设晾晒场，已录入系统。',
  '无特殊情况，工作室钥匙已交给下一班。',
  '反电诈宣传资料剩余 20 份，请下一班注意补充。',
];

const monthOf = (date: Date, add: number) =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + add, 1)).toISOString().slice(0, 7);

/** Gives each finished shift its check-in, check-out, hours and (sometimes) a handover note. */
function finish(rows: ShiftTable[], now: number, rand: () => number): ShiftTable[] {
  for (const r of rows) {
    const start = Date.parse(r.start_at);
    const end = Date.parse(r.end_at);
    if (end > now && start - 30 * 60_000 > now) continue;
    const roll = rand();
    if (end <= now && roll < 0.07) {
      r.status = 'no_show';
      continue;
    }
    const offset = roll > 0.85 ? Math.floor(11 + rand() * 25) : Math.floor(rand() * 20) - 12;
    const checkIn = start + offset * 60_000;
    if (checkIn > now) continue;
    r.check_in_at = new Date(checkIn).toISOString();
    r.late_minutes = offset > 10 ? offset : 0;
    r.checked_in_by = null;
    if (end > now) {
      r.status = 'checked_in';
      continue;
    }
    const out = end + Math.floor(rand() * 20 - 5) * 60_000;
    r.status = 'completed';
    r.check_out_at = new Date(out).toISOString();
    r.hours = Math.round(((out - checkIn) / 3600_000) * 2) / 2;
    r.handover_note = rand() < 0.35 ? (NOTES[Math.floor(rand() * NOTES.length)] ?? null) : null;
  }
  return rows;
}

export async function seedDemoDuty(trx: Transaction<DB>, townId: string, ctx: DemoDutyContext): Promise<number> {
  const { rand } = ctx;
  const now = new Date(ctx.now);
  const workstations = await trx
    .selectFrom('workstations')
    .select(['id', 'name', 'village_id'])
    .where('town_id', '=', townId)
    .where('disabled', '=', 0)
    .orderBy('id')
    .execute();
  const members = await trx
    .selectFrom('people as p')
    .innerJoin('team_memberships as m', (j) => j.onRef('m.town_id', '=', 'p.town_id').onRef('m.person_id', '=', 'p.id'))
    .select(['p.id', 'p.village_id', 'm.team_id'])
    .where('p.town_id', '=', townId)
    .where('p.member_status', '=', 'active')
    .where('p.disabled', '=', 0)
    .where('m.left_at', 'is', null)
    .orderBy('p.id')
    .execute();
  const teamOf = new Map<string, string>();
  const byVillage = new Map<string, string[]>();
  for (const m of members) {
    if (teamOf.has(m.id)) continue;
    teamOf.set(m.id, m.team_id);
    const key = m.village_id ?? '-';
    byVillage.set(key, [...(byVillage.get(key) ?? []), m.id]);
  }
  // The demo logins' people take turns too, so they see shifts and hours.
  const logins = await trx
    .selectFrom('users')
    .select(['username', 'person_id'])
    .where('town_id', '=', townId)
    .where('username', 'in', ['member', 'leader'])
    .execute();
  const must = new Set(logins.map((l) => l.person_id).filter((x): x is string => !!x));
  const used = new Set<string>();
  const pick = (list: string[], n: number) => {
    const free = list.filter((id) => !used.has(id));
    const out: string[] = [];
    while (out.length < n && free.length) out.push(...free.splice(Math.floor(rand() * free.length), 1));
    for (const id of out) used.add(id);
    return out;
  };
  const stamp = ctx.now;
  const calendar = await loadCalendar(trx, townId);
  const rules: { ws: (typeof workstations)[number]; ruleId: string }[] = [];
  for (const ws of workstations) {
    const local = ws.village_id ? (byVillage.get(ws.village_id) ?? []) : members.map((m) => m.id);
    const size = 6 + Math.floor(rand() * 7);
    const forced = ws.village_id ? local.filter((id) => must.has(id) && !used.has(id)) : [];
    for (const id of forced) used.add(id);
    const pool = [...forced, ...pick(local, size - forced.length)];
    const ruleId = newId();
    await trx
      .insertInto('roster_rules')
      .values({
        town_id: townId,
        id: ruleId,
        version: 1,
        created_at: stamp,
        updated_at: stamp,
        workstation_id: ws.id,
        shifts: JSON.stringify(DEFAULT_SHIFTS),
        weekdays: JSON.stringify(ws.village_id ? [1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5]),
        skip_holidays: 1,
      })
      .execute();
    if (pool.length)
      await trx
        .insertInto('roster_pool')
        .values(pool.map((personId) => ({ town_id: townId, rule_id: ruleId, person_id: personId })))
        .execute();
    rules.push({ ws, ruleId });
  }
  const nowMs = now.getTime();
  const hours: ServiceHoursTable[] = [];
  const thisMonth = monthOf(now, 0);
  let total = 0;
  for (const add of [-3, -2, -1, 0, 1]) {
    const month = monthOf(now, add);
    for (const { ws } of rules) {
      const { rows } = await generateInTrx(trx, townId, ws, month, {
        includePast: true,
        calendar,
        now,
        noInsert: true,
      });
      finish(rows, nowMs, rand);
      await insertShifts(trx, rows);
      total += rows.length;
      for (const r of rows) {
        if (r.status !== 'completed' || r.hours === null) continue;
        const recent = r.date >= `${thisMonth}-01` || rand() < 0.05;
        hours.push({
          town_id: townId,
          id: newId(),
          version: 1,
          created_at: r.check_out_at ?? stamp,
          updated_at: r.check_out_at ?? stamp,
          person_id: r.person_id,
          source: 'duty',
          source_id: r.id,
          team_id: teamOf.get(r.person_id) ?? null,
          date: r.date,
          hours: r.hours,
          content: `${ws.name} ${r.shift_name}坐班`,
          status: recent ? 'pending' : 'approved',
          decided_by: null,
          decided_at: recent ? null : r.check_out_at,
          decision_note: null,
        });
      }
    }
  }
  for (let i = 0; i < hours.length; i += 500)
    await trx
      .insertInto('service_hours')
      .values(hours.slice(i, i + 500))
      .execute();
  // A few leave requests waiting for a decision.
  const today = shanghaiDate(now);
  const later = monthDates(monthOf(now, 1));
  const askers = [...must, ...members.slice(0, 2).map((m) => m.id)].slice(0, 3);
  for (const [i, personId] of askers.entries()) {
    await trx
      .insertInto('leaves')
      .values({
        town_id: townId,
        id: newId(),
        version: 1,
        created_at: stamp,
        updated_at: stamp,
        person_id: personId,
        from_date: later[10 + i * 3] ?? today,
        to_date: later[11 + i * 3] ?? today,
        reason: ['农忙抢收', '陪家人看病', '外出培训'][i] ?? '有事',
        status: 'pending',
        decided_by: null,
        decided_at: null,
        decision_note: null,
      })
      .execute();
  }
  return total;
}
