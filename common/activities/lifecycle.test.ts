import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_OPERATIONS,
  ACTIVITY_STATES,
  ACTIVITY_TRANSITIONS,
  type ActivityOperation,
  type ActivityState,
  type ActivityTransition,
  allowedTransitions,
  allows,
  nextState,
  stateTimestamp,
} from './lifecycle.ts';

/** The lifecycle as issue #5 describes it, written out independently of `transitions`. */
const EXPECTED: Record<ActivityState, Partial<Record<ActivityTransition, ActivityState>>> = {
  planned: { publish: 'published', cancel: 'cancelled' },
  published: { start: 'under_way', cancel: 'cancelled' },
  under_way: { finish: 'done', cancel: 'cancelled' },
  done: { report: 'reported' },
  reported: {},
  cancelled: {},
};

const EXPECTED_OPS: Record<ActivityState, ActivityOperation[]> = {
  planned: ['edit', 'assign'],
  published: ['edit', 'sign_up', 'withdraw', 'assign'],
  under_way: ['sign_up', 'withdraw', 'assign', 'check_in', 'check_out', 'record_results', 'photos', 'raise_request'],
  done: ['check_out', 'record_results', 'photos', 'raise_request'],
  reported: ['photos'],
  cancelled: [],
};

describe('activity lifecycle', () => {
  it('lists six states and five transitions', () => {
    expect([...ACTIVITY_STATES].sort()).toEqual(
      ['cancelled', 'done', 'planned', 'published', 'reported', 'under_way'].sort(),
    );
    expect([...ACTIVITY_TRANSITIONS].sort()).toEqual(['cancel', 'finish', 'publish', 'report', 'start']);
  });

  for (const state of ACTIVITY_STATES)
    for (const t of ACTIVITY_TRANSITIONS) {
      const want = EXPECTED[state][t] ?? null;
      it(`${state} --${t}--> ${want ?? 'refused'}`, () => {
        expect(nextState(state, t)).toBe(want);
      });
    }

  it('offers exactly the allowed transitions', () => {
    for (const state of ACTIVITY_STATES)
      expect(allowedTransitions(state).sort()).toEqual(Object.keys(EXPECTED[state]).sort());
  });

  it('can be cancelled only before it is done', () => {
    const cancellable = ACTIVITY_STATES.filter((s) => nextState(s, 'cancel') !== null);
    expect(cancellable.sort()).toEqual(['planned', 'published', 'under_way']);
  });

  it('reaches reported from planned by the happy path only', () => {
    let s: ActivityState = 'planned';
    for (const t of ['publish', 'start', 'finish', 'report'] as const) s = nextState(s, t) ?? s;
    expect(s).toBe('reported');
  });

  it('records a timestamp for every state but planned', () => {
    expect(Object.keys(stateTimestamp).sort()).toEqual(ACTIVITY_STATES.filter((s) => s !== 'planned').sort());
  });

  for (const state of ACTIVITY_STATES)
    for (const op of ACTIVITY_OPERATIONS) {
      const want = EXPECTED_OPS[state].includes(op);
      it(`${state} ${want ? 'allows' : 'forbids'} ${op}`, () => {
        expect(allows(state, op)).toBe(want);
      });
    }

  it('checks in only while under way', () => {
    expect(ACTIVITY_STATES.filter((s) => allows(s, 'check_in'))).toEqual(['under_way']);
  });
});
