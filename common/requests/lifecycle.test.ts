import { describe, expect, it } from 'vitest';
import {
  OPEN_STATUSES,
  REQUEST_ACTIONS,
  REQUEST_STATUSES,
  type RequestAction,
  type RequestStatus,
  allowedActions,
  nextStatus,
  open311Status,
} from './lifecycle.ts';

/**
 * The lifecycle as the brief describes it (受理 → 派单 → 承办 → 办结 → 回访 → 归档), written out
 * here independently of `transitions`: every pair not listed must be refused.
 */
const EXPECTED: Record<RequestStatus, Partial<Record<RequestAction, RequestStatus>>> = {
  submitted: { accept: 'accepted', reject: 'rejected', merge: 'merged', supervise: 'submitted' },
  accepted: {
    dispatch: 'dispatched',
    reject: 'rejected',
    merge: 'merged',
    resolve: 'resolved',
    close_unresolved: 'resolved',
    supervise: 'accepted',
  },
  dispatched: {
    start: 'in_progress',
    return: 'accepted',
    dispatch: 'dispatched',
    resolve: 'resolved',
    close_unresolved: 'resolved',
    supervise: 'dispatched',
  },
  in_progress: {
    progress: 'in_progress',
    visit: 'in_progress',
    meeting: 'in_progress',
    request_extension: 'in_progress',
    decide_extension: 'in_progress',
    return: 'accepted',
    dispatch: 'dispatched',
    resolve: 'resolved',
    close_unresolved: 'resolved',
    supervise: 'in_progress',
  },
  resolved: { rate: 'rated', reopen: 'accepted', archive: 'archived' },
  rated: { archive: 'archived' },
  rejected: { archive: 'archived' },
  archived: {},
  merged: {},
};

const STATUSES: RequestStatus[] = [
  'submitted',
  'accepted',
  'rejected',
  'dispatched',
  'in_progress',
  'resolved',
  'rated',
  'archived',
  'merged',
];
const ACTIONS: RequestAction[] = [
  'accept',
  'reject',
  'dispatch',
  'return',
  'start',
  'progress',
  'visit',
  'meeting',
  'request_extension',
  'decide_extension',
  'resolve',
  'close_unresolved',
  'rate',
  'reopen',
  'archive',
  'supervise',
  'merge',
];

describe('request lifecycle', () => {
  it('knows exactly the nine statuses and seventeen actions of the brief', () => {
    expect([...REQUEST_STATUSES].sort()).toEqual([...STATUSES].sort());
    expect([...REQUEST_ACTIONS].sort()).toEqual([...ACTIONS].sort());
  });

  const pairs = STATUSES.flatMap((status) => ACTIONS.map((action) => [status, action] as const));
  it.each(pairs)('%s × %s leads where the table says (or nowhere)', (status, action) => {
    expect(nextStatus(status, action)).toBe(EXPECTED[status][action] ?? null);
  });

  it.each(['archived', 'merged'] as const)('%s is terminal: no action at all', (status) => {
    expect(allowedActions(status)).toEqual([]);
    for (const action of ACTIONS) expect(nextStatus(status, action)).toBeNull();
  });

  it.each(STATUSES)('allowedActions(%s) lists exactly the allowed actions', (status) => {
    expect([...allowedActions(status)].sort()).toEqual(Object.keys(EXPECTED[status]).sort());
  });

  it('never lets a resolved request be worked on again except by reopening it', () => {
    for (const status of ['resolved', 'rated', 'archived'] as const) {
      for (const action of ['start', 'progress', 'dispatch', 'resolve'] as const) {
        expect(nextStatus(status, action)).toBeNull();
      }
    }
    expect(nextStatus('resolved', 'reopen')).toBe('accepted');
    expect(nextStatus('rated', 'reopen')).toBeNull();
  });

  it('maps open statuses to Open311 "open" and every other to "closed"', () => {
    const open: RequestStatus[] = ['submitted', 'accepted', 'dispatched', 'in_progress'];
    expect([...OPEN_STATUSES].sort()).toEqual([...open].sort());
    for (const status of STATUSES) expect(open311Status(status)).toBe(open.includes(status) ? 'open' : 'closed');
    expect(open311Status('rejected')).toBe('closed');
    expect(open311Status('merged')).toBe('closed');
  });
});
