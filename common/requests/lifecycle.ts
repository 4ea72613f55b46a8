/**
 * The request lifecycle: one state machine shared by the server (which enforces it) and the web
 * (which offers only the actions allowed now).
 *
 *   submitted ─accept─► accepted ─dispatch─► dispatched ─start─► in_progress ─resolve/close─► resolved
 *       │                 ▲   │                 │  ▲                 │                          │
 *     reject            return│               return└─dispatch        return                  rate │ reopen (≤ 7 days)
 *       ▼                 │   resolve (at the desk)                                            ▼        ▼
 *    rejected ─archive─► archived ◄──────────────── archive ─────────────────────────────── rated   accepted
 *   (merge: submitted/accepted → merged, a terminal state pointing at the request it joined)
 */

export const RequestStatus = {
  SUBMITTED: 'submitted',
  ACCEPTED: 'accepted',
  REJECTED: 'rejected',
  DISPATCHED: 'dispatched',
  IN_PROGRESS: 'in_progress',
  RESOLVED: 'resolved',
  RATED: 'rated',
  ARCHIVED: 'archived',
  MERGED: 'merged',
} as const;
export type RequestStatus = (typeof RequestStatus)[keyof typeof RequestStatus];
export const REQUEST_STATUSES = Object.values(RequestStatus) as [RequestStatus, ...RequestStatus[]];

/** Actions that move a request or add to its timeline. */
export const RequestAction = {
  ACCEPT: 'accept',
  REJECT: 'reject',
  DISPATCH: 'dispatch',
  RETURN: 'return',
  START: 'start',
  PROGRESS: 'progress',
  VISIT: 'visit',
  MEETING: 'meeting',
  REQUEST_EXTENSION: 'request_extension',
  DECIDE_EXTENSION: 'decide_extension',
  RESOLVE: 'resolve',
  CLOSE_UNRESOLVED: 'close_unresolved',
  RATE: 'rate',
  REOPEN: 'reopen',
  ARCHIVE: 'archive',
  SUPERVISE: 'supervise',
  MERGE: 'merge',
} as const;
export type RequestAction = (typeof RequestAction)[keyof typeof RequestAction];
export const REQUEST_ACTIONS = Object.values(RequestAction) as [RequestAction, ...RequestAction[]];

const S = RequestStatus;

/** From each status, the actions allowed and the status each leads to (same status: a timeline entry). */
export const transitions: Record<RequestStatus, Partial<Record<RequestAction, RequestStatus>>> = {
  submitted: { accept: S.ACCEPTED, reject: S.REJECTED, merge: S.MERGED, supervise: S.SUBMITTED },
  accepted: {
    dispatch: S.DISPATCHED,
    reject: S.REJECTED,
    merge: S.MERGED,
    resolve: S.RESOLVED,
    close_unresolved: S.RESOLVED,
    supervise: S.ACCEPTED,
  },
  dispatched: {
    start: S.IN_PROGRESS,
    return: S.ACCEPTED,
    dispatch: S.DISPATCHED,
    resolve: S.RESOLVED,
    close_unresolved: S.RESOLVED,
    supervise: S.DISPATCHED,
  },
  in_progress: {
    progress: S.IN_PROGRESS,
    visit: S.IN_PROGRESS,
    meeting: S.IN_PROGRESS,
    request_extension: S.IN_PROGRESS,
    decide_extension: S.IN_PROGRESS,
    return: S.ACCEPTED,
    dispatch: S.DISPATCHED,
    resolve: S.RESOLVED,
    close_unresolved: S.RESOLVED,
    supervise: S.IN_PROGRESS,
  },
  resolved: { rate: S.RATED, reopen: S.ACCEPTED, archive: S.ARCHIVED },
  rated: { archive: S.ARCHIVED },
  rejected: { archive: S.ARCHIVED },
  archived: {},
  merged: {},
};

/** The status an action leads to, or null when the state machine forbids it. */
export function nextStatus(status: RequestStatus, action: RequestAction): RequestStatus | null {
  return transitions[status][action] ?? null;
}

/** Actions allowed from a status. */
export function allowedActions(status: RequestStatus): RequestAction[] {
  return Object.keys(transitions[status]) as RequestAction[];
}

/** Statuses that still need work (count towards "open past due"). */
export const OPEN_STATUSES: readonly RequestStatus[] = [S.SUBMITTED, S.ACCEPTED, S.DISPATCHED, S.IN_PROGRESS];

/** Days after resolution during which the resident may reopen. */
export const REOPEN_DAYS = 7;

/** Open311 maps our statuses onto open/closed. */
export function open311Status(status: RequestStatus): 'open' | 'closed' {
  return OPEN_STATUSES.includes(status) ? 'open' : 'closed';
}

export const Urgency = { NORMAL: 'normal', URGENT: 'urgent', CRITICAL: 'critical' } as const;
export type Urgency = (typeof Urgency)[keyof typeof Urgency];
export const URGENCIES = Object.values(Urgency) as [Urgency, ...Urgency[]];

export const Channel = {
  H5: 'h5',
  DESK: 'desk',
  PHONE: 'phone',
  STALL: 'stall',
  VISIT: 'visit',
  OPEN311: 'open311',
} as const;
export type Channel = (typeof Channel)[keyof typeof Channel];
export const CHANNELS = Object.values(Channel) as [Channel, ...Channel[]];
/** Channels staff use to enter a request on a resident's behalf. */
export const ASSISTED_CHANNELS = [Channel.DESK, Channel.PHONE, Channel.STALL, Channel.VISIT] as const;

export const AssigneeKind = { TEAM: 'team', SQUAD: 'squad', MEMBER: 'member', DEPARTMENT: 'department' } as const;
export type AssigneeKind = (typeof AssigneeKind)[keyof typeof AssigneeKind];
export const ASSIGNEE_KINDS = Object.values(AssigneeKind) as [AssigneeKind, ...AssigneeKind[]];
