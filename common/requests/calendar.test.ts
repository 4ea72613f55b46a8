import { describe, expect, it } from 'vitest';
import {
  type CalendarOverrides,
  addWorkingDays,
  dueAt,
  endOfShanghaiDay,
  isWorkingDay,
  shanghaiDate,
} from './calendar.ts';

const none: CalendarOverrides = new Map();

/** National Day 2026 as a town would enter it: 1–7 October off, Saturday 10 October worked (调休). */
const nationalDay: CalendarOverrides = new Map<string, 'holiday' | 'workday'>([
  ['2026-10-01', 'holiday'],
  ['2026-10-02', 'holiday'],
  ['2026-10-03', 'holiday'],
  ['2026-10-04', 'holiday'],
  ['2026-10-05', 'holiday'],
  ['2026-10-06', 'holiday'],
  ['2026-10-07', 'holiday'],
  ['2026-10-10', 'workday'],
]);

describe('shanghaiDate', () => {
  it('turns to the next day at 16:00 UTC (midnight in Shanghai)', () => {
    expect(shanghaiDate('2026-03-06T15:59:59.999Z')).toBe('2026-03-06');
    expect(shanghaiDate('2026-03-06T16:00:00.000Z')).toBe('2026-03-07');
    expect(shanghaiDate(new Date('2026-03-06T16:00:00.000Z'))).toBe('2026-03-07');
    expect(shanghaiDate('2026-12-31T16:30:00Z')).toBe('2027-01-01');
  });
});

describe('endOfShanghaiDay', () => {
  it('is the Shanghai midnight that ends the date, in UTC', () => {
    expect(endOfShanghaiDay('2026-03-09')).toBe('2026-03-09T16:00:00.000Z');
  });
});

describe('dueAt', () => {
  it('gives 5 working days from a Monday: the next Monday, end of day', () => {
    // Monday 2 March 2026, 10:00 in Shanghai.
    expect(dueAt('2026-03-02T02:00:00Z', 5, none)).toBe('2026-03-09T16:00:00.000Z');
  });

  it('counts from a Friday evening in Shanghai over the weekend', () => {
    // Friday 6 March, 20:00 in Shanghai: 5 working days end on Friday 13 March.
    expect(dueAt('2026-03-06T12:00:00Z', 5, none)).toBe('2026-03-13T16:00:00.000Z');
    // Friday 6 March, 01:00 in Shanghai is still Thursday in UTC: the next working day is Monday, not Friday.
    expect(dueAt('2026-03-05T17:00:00Z', 1, none)).toBe('2026-03-09T16:00:00.000Z');
    // Saturday 00:30 in Shanghai is Friday in UTC: it came in on Saturday, so 1 working day is Monday.
    expect(dueAt(new Date('2026-03-06T16:30:00Z'), 1, none)).toBe('2026-03-09T16:00:00.000Z');
  });

  it('gives the same day (0 working days) until Shanghai midnight, whatever the UTC date', () => {
    expect(dueAt('2026-03-04T01:00:00Z', 0, none)).toBe('2026-03-04T16:00:00.000Z');
    // 23:30 on Wednesday in Shanghai is 15:30 UTC: still Wednesday.
    expect(dueAt('2026-03-04T15:30:00Z', 0, none)).toBe('2026-03-04T16:00:00.000Z');
    // 00:30 on Thursday in Shanghai is Wednesday 16:30 UTC: due at Thursday's end.
    expect(dueAt('2026-03-04T16:30:00Z', 0, none)).toBe('2026-03-05T16:00:00.000Z');
    // A request that comes in on a Sunday and is 特急 is due that Sunday.
    expect(dueAt('2026-03-08T04:00:00Z', 0, none)).toBe('2026-03-08T16:00:00.000Z');
  });

  it('skips holidays and counts a make-up Saturday', () => {
    // Wednesday 30 September: the first working day after is Thursday 8 October.
    expect(dueAt('2026-09-30T02:00:00Z', 1, nationalDay)).toBe('2026-10-08T16:00:00.000Z');
    // 3 working days: Thu 8, Fri 9 and the make-up Saturday 10 October.
    expect(dueAt('2026-09-30T02:00:00Z', 3, nationalDay)).toBe('2026-10-10T16:00:00.000Z');
    // Without the calendar the same request would be due on Monday 5 October.
    expect(dueAt('2026-09-30T02:00:00Z', 3, none)).toBe('2026-10-05T16:00:00.000Z');
    // 4 working days: past the Saturday, over Sunday to Monday 12 October.
    expect(dueAt('2026-09-30T02:00:00Z', 4, nationalDay)).toBe('2026-10-12T16:00:00.000Z');
  });
});

describe('working days', () => {
  it('treats weekends as off unless opened, weekdays as on unless closed', () => {
    expect(isWorkingDay('2026-10-10', none)).toBe(false);
    expect(isWorkingDay('2026-10-10', nationalDay)).toBe(true);
    expect(isWorkingDay('2026-10-01', nationalDay)).toBe(false);
    expect(isWorkingDay('2026-10-08', nationalDay)).toBe(true);
  });

  it('adds working days to a date (extensions)', () => {
    expect(addWorkingDays('2026-09-30', 3, nationalDay)).toBe('2026-10-10');
    expect(addWorkingDays('2026-03-06', 3, none)).toBe('2026-03-11');
    expect(addWorkingDays('2026-03-06', 0, none)).toBe('2026-03-06');
  });
});
