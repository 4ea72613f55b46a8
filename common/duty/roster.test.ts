import { describe, expect, it } from 'vitest';
import { generateRoster, isoWeekday, monthDates, shanghaiInstant } from './roster.ts';
import { DEFAULT_SHIFTS } from './schemas.ts';

const weekdaysOf = (month: string) => monthDates(month).filter((d) => isoWeekday(d) <= 5);
const pool = (n: number) => Array.from({ length: n }, (_, i) => ({ personId: `p${String(i).padStart(2, '0')}` }));
const empty = { onLeave: new Set<string>(), busy: [], existing: new Map(), blocked: new Set<string>() };

function counts(placements: { personId: string }[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of placements) m.set(p.personId, (m.get(p.personId) ?? 0) + 1);
  return m;
}

describe('generateRoster', () => {
  it('fills every slot and spreads shifts evenly (counts differ by at most 1)', () => {
    const dates = weekdaysOf('2026-12');
    const out = generateRoster({ dates, shifts: DEFAULT_SHIFTS, pool: pool(9), ...empty });
    expect(out.skipped).toEqual([]);
    expect(out.placements).toHaveLength(dates.length * 4);
    const c = [...counts(out.placements).values()];
    expect(c).toHaveLength(9);
    expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);
  });

  it('never puts a person twice in a day or twice in a slot, and is deterministic', () => {
    const input = { dates: weekdaysOf('2026-12'), shifts: DEFAULT_SHIFTS, pool: pool(8), ...empty };
    const a = generateRoster(input);
    const perDay = new Set<string>();
    for (const p of a.placements) {
      const k = `${p.personId}|${p.date}`;
      expect(perDay.has(k)).toBe(false);
      perDay.add(k);
    }
    expect(generateRoster(input)).toEqual(a);
  });

  it('respects availability, leave and shifts elsewhere', () => {
    const dates = weekdaysOf('2026-12');
    const members = [{ personId: 'mon', weekdays: [1] }, { personId: 'am', shifts: ['morning'] }, ...pool(6)];
    const onLeave = new Set(dates.slice(0, 5).map((d) => `p00|${d}`));
    const d0 = dates[0] ?? '';
    const busy = [
      { personId: 'p01', date: d0, startMs: shanghaiInstant(d0, '09:00'), endMs: shanghaiInstant(d0, '11:00') },
    ];
    const out = generateRoster({ ...empty, dates, shifts: DEFAULT_SHIFTS, pool: members, onLeave, busy });
    for (const p of out.placements) {
      if (p.personId === 'mon') expect(isoWeekday(p.date)).toBe(1);
      if (p.personId === 'am') expect(p.shift.key).toBe('morning');
      if (p.personId === 'p00') expect(dates.slice(0, 5)).not.toContain(p.date);
      if (p.personId === 'p01') expect(p.date).not.toBe(d0);
    }
    // The unrestricted members still share their shifts evenly.
    const c = counts(out.placements);
    const free = ['p02', 'p03', 'p04', 'p05'].map((id) => c.get(id) ?? 0);
    expect(Math.max(...free) - Math.min(...free)).toBeLessThanOrEqual(1);
  });

  it('keeps existing people, and reports slots it cannot fill', () => {
    const dates = ['2026-12-01'];
    const existing = new Map([['2026-12-01|morning', ['p00']]]);
    const out = generateRoster({ ...empty, dates, shifts: DEFAULT_SHIFTS, pool: pool(2), existing });
    expect(out.placements.map((p) => `${p.shift.key}:${p.personId}`)).toEqual(['morning:p01']);
    expect(out.skipped).toEqual([
      { date: '2026-12-01', shift: 'afternoon', reason: 'no_available_member' },
      { date: '2026-12-01', shift: 'afternoon', reason: 'no_available_member' },
    ]);
  });
});
