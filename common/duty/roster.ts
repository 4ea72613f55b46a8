/**
 * Fair month generation, as a pure function: spread the shifts evenly across the pool, respecting
 * each member's availability, approved leave, other workstations' shifts and one shift a day.
 * Deterministic: the same input gives the same roster.
 */
import type { ShiftDef } from './schemas.ts';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The UTC instant (ms) of a Shanghai date and `HH:mm`. */
export function shanghaiInstant(date: string, hhmm: string): number {
  return Date.parse(`${date}T${hhmm}:00Z`) - SHANGHAI_OFFSET_MS;
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Every date of a month `YYYY-MM`. */
export function monthDates(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

export interface PoolMember {
  personId: string;
  /** Weekdays 1–7 the member can serve; undefined = any. */
  weekdays?: number[] | undefined;
  /** Shift keys the member can serve; undefined = any. */
  shifts?: string[] | undefined;
}

export interface GenerateInput {
  /** The staffed dates of the month, in order. */
  dates: string[];
  shifts: ShiftDef[];
  pool: PoolMember[];
  /** `personId|date` of approved leave. */
  onLeave: ReadonlySet<string>;
  /** Shifts the pool already has at other workstations, not cancelled. */
  busy: readonly { personId: string; date: string; startMs: number; endMs: number }[];
  /** People already placed in a slot here (`date|key` → person ids, any status but cancelled). */
  existing: ReadonlyMap<string, readonly string[]>;
  /** People who may not be placed again in a slot because a row exists (e.g. a cancelled one). */
  blocked: ReadonlySet<string>;
  /** Shifts a person may take per day (default 1). */
  perDay?: number;
}

export interface Placement {
  date: string;
  shift: ShiftDef;
  personId: string;
}

export interface GenerateOutput {
  placements: Placement[];
  skipped: { date: string; shift: string; reason: 'no_available_member' }[];
}

/** Small stable hash, to break ties without favouring the first ids every time. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function generateRoster(input: GenerateInput): GenerateOutput {
  const perDay = input.perDay ?? 1;
  const count = new Map<string, number>();
  const lastDay = new Map<string, number>();
  const dayCount = new Map<string, number>();
  const intervals = new Map<string, { startMs: number; endMs: number }[]>();
  const pool = [...input.pool].sort((a, b) => (a.personId < b.personId ? -1 : 1));
  for (const p of pool) count.set(p.personId, 0);
  for (const b of input.busy) {
    const k = `${b.personId}|${b.date}`;
    dayCount.set(k, (dayCount.get(k) ?? 0) + 1);
    const list = intervals.get(b.personId) ?? [];
    list.push({ startMs: b.startMs, endMs: b.endMs });
    intervals.set(b.personId, list);
  }
  // Kept shifts of this workstation count towards fairness, the day's limit and overlaps too.
  for (const [slot, people] of input.existing) {
    const [date = '', key] = slot.split('|');
    const def = input.shifts.find((s) => s.key === key);
    for (const id of people) {
      if (count.has(id)) count.set(id, (count.get(id) ?? 0) + 1);
      dayCount.set(`${id}|${date}`, (dayCount.get(`${id}|${date}`) ?? 0) + 1);
      if (def) {
        const list = intervals.get(id) ?? [];
        list.push({ startMs: shanghaiInstant(date, def.start), endMs: shanghaiInstant(date, def.end) });
        intervals.set(id, list);
      }
    }
  }

  const placements: Placement[] = [];
  const skipped: GenerateOutput['skipped'] = [];
  input.dates.forEach((date, dayIndex) => {
    const weekday = isoWeekday(date);
    for (const shift of input.shifts) {
      const slot = `${date}|${shift.key}`;
      const here = new Set(input.existing.get(slot) ?? []);
      let need = shift.size - here.size;
      if (need <= 0) continue;
      const startMs = shanghaiInstant(date, shift.start);
      const endMs = shanghaiInstant(date, shift.end);
      const candidates = pool.filter((p) => {
        if (p.weekdays && !p.weekdays.includes(weekday)) return false;
        if (p.shifts && !p.shifts.includes(shift.key)) return false;
        if (here.has(p.personId) || input.blocked.has(`${slot}|${p.personId}`)) return false;
        if (input.onLeave.has(`${p.personId}|${date}`)) return false;
        if ((dayCount.get(`${p.personId}|${date}`) ?? 0) >= perDay) return false;
        return !(intervals.get(p.personId) ?? []).some((iv) => iv.startMs < endMs && startMs < iv.endMs);
      });
      candidates.sort((a, b) => {
        const byCount = (count.get(a.personId) ?? 0) - (count.get(b.personId) ?? 0);
        if (byCount) return byCount;
        const byRest = (lastDay.get(a.personId) ?? -99) - (lastDay.get(b.personId) ?? -99);
        if (byRest) return byRest;
        return hash(`${slot}|${a.personId}`) - hash(`${slot}|${b.personId}`);
      });
      for (const p of candidates) {
        if (need <= 0) break;
        placements.push({ date, shift, personId: p.personId });
        count.set(p.personId, (count.get(p.personId) ?? 0) + 1);
        lastDay.set(p.personId, dayIndex);
        const k = `${p.personId}|${date}`;
        dayCount.set(k, (dayCount.get(k) ?? 0) + 1);
        const list = intervals.get(p.personId) ?? [];
        list.push({ startMs, endMs });
        intervals.set(p.personId, list);
        need--;
      }
      for (let i = 0; i < need; i++) skipped.push({ date, shift: shift.key, reason: 'no_available_member' });
    }
  });
  return { placements, skipped };
}
