import { describe, expect, it } from 'vitest';
import { attendanceHours, attendanceRate, contributions } from './figures.ts';

describe('activity figures', () => {
  it('gives stall results to the staffing team and reach to the lead team', () => {
    const c = contributions({
      teamIds: ['red', 'blue'],
      reach: 100,
      stalls: [
        { teamId: 'green', served: 30, deeds: 2 },
        { teamId: null, served: 5, deeds: 1 },
        { teamId: 'blue', served: null, deeds: null },
      ],
      signups: [
        { stallTeamId: 'green', state: 'attended', hours: 2.5 },
        { stallTeamId: 'green', state: 'no_show', hours: null },
        { stallTeamId: null, state: 'attended', hours: 1 },
        { stallTeamId: null, state: 'waitlisted', hours: null },
        { stallTeamId: null, state: 'cancelled', hours: null },
      ],
    });
    const by = Object.fromEntries(c.map((x) => [x.teamId, x]));
    expect(by.red).toEqual({
      teamId: 'red',
      served: 5,
      deeds: 1,
      reach: 100,
      signups: 1,
      attended: 1,
      noShows: 0,
      hours: 1,
    });
    expect(by.green).toMatchObject({ served: 30, deeds: 2, signups: 2, attended: 1, noShows: 1, hours: 2.5 });
    expect(by.blue).toMatchObject({ served: 0, deeds: 0, signups: 0 });
    const sum = c.reduce((s, x) => s + x.served + x.reach, 0);
    expect(sum).toBe(135);
  });

  it('without teams nothing is attributed', () => {
    expect(
      contributions({ teamIds: [], reach: 5, stalls: [{ teamId: null, served: 1, deeds: 1 }], signups: [] }),
    ).toEqual([]);
  });

  it('computes the attendance rate and hours', () => {
    expect(attendanceRate(0, 0)).toBeNull();
    expect(attendanceRate(3, 1)).toBe(0.75);
    expect(attendanceHours('2026-01-22T01:00:00Z', '2026-01-22T03:30:00Z')).toBe(2.5);
    expect(attendanceHours('2026-01-22T03:00:00Z', '2026-01-22T01:00:00Z')).toBe(0);
    expect(attendanceHours('2026-01-22T00:00:00Z', '2026-01-23T00:00:00Z')).toBe(12);
  });
});
