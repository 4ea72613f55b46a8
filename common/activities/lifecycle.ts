/**
 * The activity lifecycle: one state machine shared by the server (which enforces it) and the web
 * (which offers only the actions allowed now).
 *
 *   planned ─publish─► published ─start─► under_way ─finish─► done ─report─► reported
 *      │                  │                   │
 *      └──── cancel ──────┴────── cancel ─────┴──► cancelled (with a reason)
 *
 * Besides the transitions, each state allows a set of operations (edit, sign-up, check-in, …);
 * see `operations`.
 */

export const ActivityState = {
  PLANNED: 'planned',
  PUBLISHED: 'published',
  UNDER_WAY: 'under_way',
  DONE: 'done',
  REPORTED: 'reported',
  CANCELLED: 'cancelled',
} as const;
export type ActivityState = (typeof ActivityState)[keyof typeof ActivityState];
export const ACTIVITY_STATES = Object.values(ActivityState) as [ActivityState, ...ActivityState[]];

/** Actions that move an activity to another state. */
export const ActivityTransition = {
  PUBLISH: 'publish',
  START: 'start',
  FINISH: 'finish',
  REPORT: 'report',
  CANCEL: 'cancel',
} as const;
export type ActivityTransition = (typeof ActivityTransition)[keyof typeof ActivityTransition];
export const ACTIVITY_TRANSITIONS = Object.values(ActivityTransition) as [ActivityTransition, ...ActivityTransition[]];

const S = ActivityState;

/** From each state, the transitions allowed and the state each leads to. */
export const transitions: Record<ActivityState, Partial<Record<ActivityTransition, ActivityState>>> = {
  planned: { publish: S.PUBLISHED, cancel: S.CANCELLED },
  published: { start: S.UNDER_WAY, cancel: S.CANCELLED },
  under_way: { finish: S.DONE, cancel: S.CANCELLED },
  done: { report: S.REPORTED },
  reported: {},
  cancelled: {},
};

/** The state a transition leads to, or null when the state machine forbids it. */
export function nextState(state: ActivityState, transition: ActivityTransition): ActivityState | null {
  return transitions[state][transition] ?? null;
}

/** Transitions allowed from a state. */
export function allowedTransitions(state: ActivityState): ActivityTransition[] {
  return Object.keys(transitions[state]) as ActivityTransition[];
}

/** The timestamp each state records when it is entered (`*_at` columns, `*At` fields). */
export const stateTimestamp: Record<Exclude<ActivityState, 'planned'>, string> = {
  published: 'publishedAt',
  under_way: 'startedAt',
  done: 'finishedAt',
  reported: 'reportedAt',
  cancelled: 'cancelledAt',
};

/** Transitions that need a reason (the `reason` field of the body). */
export const REASON_REQUIRED: readonly ActivityTransition[] = [ActivityTransition.CANCEL];

/** Work on an activity that does not change its state. */
export const ActivityOperation = {
  /** Change title, time, place, teams, capacity, description, stalls. */
  EDIT: 'edit',
  /** A member signs up (or joins the waiting list) by themselves. */
  SIGN_UP: 'sign_up',
  /** A member withdraws their sign-up (the first on the waiting list moves up). */
  WITHDRAW: 'withdraw',
  /** A leader or organiser assigns members. */
  ASSIGN: 'assign',
  /** Check in / check out on the day. */
  CHECK_IN: 'check_in',
  CHECK_OUT: 'check_out',
  /** People served (人次), deeds (实事), notes per stall; the summary. */
  RECORD_RESULTS: 'record_results',
  /** Add or remove photos. */
  PHOTOS: 'photos',
  /** A problem found at a stall becomes a request. */
  RAISE_REQUEST: 'raise_request',
} as const;
export type ActivityOperation = (typeof ActivityOperation)[keyof typeof ActivityOperation];
export const ACTIVITY_OPERATIONS = Object.values(ActivityOperation) as [ActivityOperation, ...ActivityOperation[]];

const O = ActivityOperation;

/** The operations each state allows. */
export const operations: Record<ActivityState, readonly ActivityOperation[]> = {
  planned: [O.EDIT, O.ASSIGN],
  published: [O.EDIT, O.SIGN_UP, O.WITHDRAW, O.ASSIGN],
  under_way: [O.SIGN_UP, O.WITHDRAW, O.ASSIGN, O.CHECK_IN, O.CHECK_OUT, O.RECORD_RESULTS, O.PHOTOS, O.RAISE_REQUEST],
  done: [O.CHECK_OUT, O.RECORD_RESULTS, O.PHOTOS, O.RAISE_REQUEST],
  reported: [O.PHOTOS],
  cancelled: [],
};

/** Whether a state allows an operation. */
export function allows(state: ActivityState, op: ActivityOperation): boolean {
  return operations[state].includes(op);
}

/** States members (and the public calendar, for future ones) see; `planned` and `cancelled` are staff-only. */
export const VISIBLE_TO_MEMBERS: readonly ActivityState[] = [S.PUBLISHED, S.UNDER_WAY, S.DONE, S.REPORTED];

/** States that count as "held" in figures. */
export const HELD_STATES: readonly ActivityState[] = [S.DONE, S.REPORTED];

/** Occurrences of a series in these states follow edits to the series (unless edited by themselves). */
export const SERIES_FOLLOWING_STATES: readonly ActivityState[] = [S.PLANNED, S.PUBLISHED];

// ---- Sign-ups ---------------------------------------------------------------------------------

export const SignupState = {
  SIGNED_UP: 'signed_up',
  WAITLISTED: 'waitlisted',
  CANCELLED: 'cancelled',
  ATTENDED: 'attended',
  NO_SHOW: 'no_show',
} as const;
export type SignupState = (typeof SignupState)[keyof typeof SignupState];
export const SIGNUP_STATES = Object.values(SignupState) as [SignupState, ...SignupState[]];

/** Sign-ups that take a place (count against capacity). */
export const PLACE_TAKING: readonly SignupState[] = [SignupState.SIGNED_UP, SignupState.ATTENDED];
/** Sign-ups still active (a person may have only one active sign-up per activity). */
export const ACTIVE_SIGNUP_STATES: readonly SignupState[] = [
  SignupState.SIGNED_UP,
  SignupState.WAITLISTED,
  SignupState.ATTENDED,
];
