import { describe, expect, it } from 'vitest';
import {
  type FigureCounts,
  SATISFIED_FROM,
  avgHandlingHours,
  completionRate,
  onTimeRate,
  satisfactionRate,
} from './figures.ts';

const counts = (overrides: Partial<FigureCounts> = {}): FigureCounts => ({
  resolved: 0,
  unresolved: 0,
  openPastDue: 0,
  resolvedOnTime: 0,
  ratings: 0,
  satisfied: 0,
  handlingHours: 0,
  handled: 0,
  ...overrides,
});

describe('request figures', () => {
  it('completion rate = resolved ÷ (resolved + closed-unresolved + open past due)', () => {
    expect(completionRate(counts({ resolved: 8, unresolved: 2 }))).toBe(0.8);
    // Open requests past their due date count against the town: 8 ÷ (8 + 2 + 2).
    expect(completionRate(counts({ resolved: 8, unresolved: 2, openPastDue: 2 }))).toBe(0.6667);
    expect(completionRate(counts({ openPastDue: 3 }))).toBe(0);
    expect(completionRate(counts({ resolved: 4 }))).toBe(1);
  });

  it('on-time rate = resolved by the due date ÷ resolved', () => {
    expect(onTimeRate(counts({ resolved: 3, resolvedOnTime: 2 }))).toBe(0.6667);
    expect(onTimeRate(counts({ resolved: 4, resolvedOnTime: 4, unresolved: 9 }))).toBe(1);
  });

  it('satisfaction rate = ratings of 4 or 5 ÷ all ratings', () => {
    expect(SATISFIED_FROM).toBe(4);
    expect(satisfactionRate(counts({ ratings: 4, satisfied: 3 }))).toBe(0.75);
    expect(satisfactionRate(counts({ ratings: 3, satisfied: 1 }))).toBe(0.3333);
  });

  it('average handling time = mean hours from submission to resolution, to one decimal', () => {
    expect(avgHandlingHours(counts({ handlingHours: 300, handled: 4 }))).toBe(75);
    expect(avgHandlingHours(counts({ handlingHours: 10, handled: 3 }))).toBe(3.3);
  });

  it('is null, not 0 or NaN, when nothing is counted yet', () => {
    const zero = counts();
    expect(completionRate(zero)).toBeNull();
    expect(onTimeRate(zero)).toBeNull();
    expect(satisfactionRate(zero)).toBeNull();
    expect(avgHandlingHours(zero)).toBeNull();
    // Only unresolved outcomes: completion is 0, on-time has nothing to divide by.
    const unresolvedOnly = counts({ unresolved: 2, handled: 2, handlingHours: 5 });
    expect(completionRate(unresolvedOnly)).toBe(0);
    expect(onTimeRate(unresolvedOnly)).toBeNull();
    expect(avgHandlingHours(unresolvedOnly)).toBe(2.5);
  });
});
