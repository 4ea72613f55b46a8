import { describe, expect, it } from 'vitest';
import {
  defaultRange,
  hoursOf,
  isChild,
  isOverdue,
  maskName,
  monthRange,
  nextDueAt,
  nextNoticeAt,
  overdueDays,
  shanghaiMonthOf,
  visitHours,
} from './figures.ts';

describe('care rules', () => {
  it('treats left-behind children and anyone under 18 as a child', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(isChild(['left_behind_child'], null, now)).toBe(true);
    expect(isChild(['disabled'], 2010, now)).toBe(true);
    expect(isChild(['disabled'], 2008, now)).toBe(false);
    expect(isChild(['elderly_alone'], 1940, now)).toBe(false);
    expect(isChild(['other'], null, now)).toBe(false);
  });

  it('masks names keeping the first and last character', () => {
    expect(maskName('王小明')).toBe('王*明');
    expect(maskName('王明')).toBe('王*');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('王')).toBe('王');
  });

  it('counts the next visit from the last one, or from registration', () => {
    expect(nextDueAt(null, '2026-01-01T00:00:00.000Z', 7)).toBe('2026-01-08T00:00:00.000Z');
    expect(nextDueAt('2026-01-05T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 30)).toBe('2026-02-04T00:00:00.000Z');
    const now = new Date('2026-01-10T12:00:00Z');
    expect(overdueDays('2026-01-08T00:00:00.000Z', now)).toBe(2);
    expect(overdueDays('2026-01-11T00:00:00.000Z', now)).toBe(0);
    expect(isOverdue('2026-01-08T00:00:00.000Z', now)).toBe(true);
  });

  it('notifies once per period, catching up to the next period after a long gap', () => {
    const now = new Date('2026-01-20T00:00:00Z');
    expect(nextNoticeAt('2026-01-08T00:00:00.000Z', 7, now)).toBe('2026-01-22T00:00:00.000Z');
  });

  it('rounds visit hours to the half hour and figures to one decimal', () => {
    expect(visitHours(10)).toBe(0.5);
    expect(visitHours(45)).toBe(1);
    expect(visitHours(90)).toBe(1.5);
    expect(hoursOf(100)).toBe(1.7);
  });

  it('works in Shanghai months', () => {
    expect(shanghaiMonthOf('2026-01-31T17:00:00Z')).toBe('2026-02');
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(defaultRange({ to: '2026-03' })).toEqual({ from: '2025-04', to: '2026-03' });
  });
});
