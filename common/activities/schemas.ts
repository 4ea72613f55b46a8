/**
 * Activities 服务活动: service days 便民示范日 with stalls, campaigns (防溺水, 反诈), trainings, visit drives;
 * monthly series; sign-up with a waiting list; check-in/out and hours; results (人次, 实事); reports; figures.
 *
 * Routes (all JSON unless noted; `read` = activities.read, `manage` = activities.manage in scope,
 * `join` = activities.join, the caller's own person):
 *
 *   GET    /api/activities                              read     list {items,total,page,pageSize} (ActivityListQuery);
 *                                                                members see published+ only
 *   POST   /api/activities                              manage   create one activity (ActivityInput) → ActivityDetail
 *   GET    /api/activities/figures                      read+stats.read  figures (FiguresQuery) → ActivityFigures
 *   GET    /api/activities/export.xlsx                  manage   the list as Excel (same query as the list)
 *   GET    /api/activities/stall-kinds                  read     the town's stall kinds → StallKind[]
 *   POST   /api/activities/stall-kinds                  manage (town) add a stall kind (StallKindInput) → StallKind
 *   PATCH  /api/activities/stall-kinds/:id              manage (town) rename/disable (StallKindUpdate) → StallKind
 *   POST   /api/activities/series                       manage   create a monthly series + occurrences (SeriesInput) → SeriesDetail
 *   GET    /api/activities/series/:id                   read     the series and its occurrences → SeriesDetail
 *   PATCH  /api/activities/series/:id                   manage   edit the series (SeriesUpdate); future unedited
 *                                                                planned/published occurrences follow → SeriesDetail
 *   POST   /api/activities/series/:id/extend            manage   generate more months (SeriesExtendInput) → SeriesDetail
 *   GET    /api/activities/:id                          read     detail → ActivityDetail
 *   PATCH  /api/activities/:id                          manage   edit (ActivityUpdate; occurrence becomes `edited`) → ActivityDetail
 *   POST   /api/activities/:id/transitions/:transition  manage   publish|start|finish|report|cancel (TransitionInput) → ActivityDetail
 *   POST   /api/activities/:id/stalls                   manage   add a stall (StallInput) → ActivityDetail
 *   PATCH  /api/activities/:id/stalls/:stallId          manage   edit a stall (StallUpdate) → ActivityDetail
 *   DELETE /api/activities/:id/stalls/:stallId          manage   remove a stall without sign-ups → ActivityDetail
 *   PUT    /api/activities/:id/stalls/:stallId/results  manage   people served / deeds / notes (StallResultsInput) → ActivityDetail
 *   PUT    /api/activities/:id/summary                  manage   summary and campaign reach (SummaryInput) → ActivityDetail
 *   GET    /api/activities/:id/signups                  manage   sign-ups with masked mobiles (SignupListQuery) → Signup[]
 *   POST   /api/activities/:id/sign-up                  join     the caller signs up (SignUpInput) → Signup
 *   POST   /api/activities/:id/withdraw                 join     the caller withdraws → Signup (first waitlisted moves up)
 *   POST   /api/activities/:id/assign                   manage   assign members (AssignInput) → Signup[]
 *   POST   /api/activities/:id/signups/:signupId/cancel manage   cancel someone's sign-up (CancelSignupInput) → Signup
 *   POST   /api/activities/:id/check-in                 join|manage  check in (CheckInInput; no personId = the caller) → Signup
 *   POST   /api/activities/:id/check-out                join|manage  check out (CheckInInput) → Signup (hours → ledger, pending)
 *   POST   /api/activities/:id/photos                   manage   attach uploads (PhotosInput) → ActivityDetail
 *   DELETE /api/activities/:id/photos/:photoId          manage   detach a photo → ActivityDetail
 *   POST   /api/activities/:id/requests                 manage|requests.intake  a problem found at a stall
 *                                                                becomes a request (ProblemInput) → {id, code}
 *   GET    /api/activities/:id/report                   read     the activity report → ActivityReport
 *   GET    /api/activities/:id/report.docx              read     the same as a Word document
 *   GET    /api/public/activities?town=…                public   upcoming published service days/campaigns → PublicActivity[]
 */
import { z } from 'zod';
import { Id, ListQuery, Version, optionalMobile, optionalText, text } from '../shared/schemas.ts';
import { ACTIVITY_OPERATIONS, ACTIVITY_STATES, ACTIVITY_TRANSITIONS, SIGNUP_STATES } from './lifecycle.ts';

export const ACTIVITY_KINDS = ['service_day', 'campaign', 'training', 'visit_drive', 'other'] as const;
/** 便民示范日 / 宣传 / 培训 / 走访 / 其他. */
export const ActivityKind = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof ActivityKind>;

export const ActivityStateEnum = z.enum(ACTIVITY_STATES);
export const TransitionEnum = z.enum(ACTIVITY_TRANSITIONS);
export const OperationEnum = z.enum(ACTIVITY_OPERATIONS);
export const SignupStateEnum = z.enum(SIGNUP_STATES);

/** Stall kinds every town starts with (a town may add its own). */
export const DEFAULT_STALL_KINDS = [
  { code: 'haircut', name: '义剪' },
  { code: 'health_check', name: '义诊' },
  { code: 'home_repair', name: '家政维修' },
  { code: 'anti_fraud', name: '反诈宣传' },
  { code: 'consultation', name: '政策咨询' },
  { code: 'legal', name: '法律咨询' },
  { code: 'appliance_repair', name: '家电维修' },
  { code: 'other', name: '其他' },
] as const;
export const DEFAULT_STALL_KIND_CODES = DEFAULT_STALL_KINDS.map((k) => k.code);

const StallKindCode = z
  .string({ message: 'validation.required' })
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,31}$/, { message: 'validation.stallKindCode' });

/** An ISO date-time with offset, e.g. 2026-12-22T09:00:00+08:00 (stored as UTC ISO). */
const DateTime = z
  .string({ message: 'validation.required' })
  .datetime({ offset: true, message: 'validation.dateTime' });
const DateText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'validation.date' });
const MonthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'validation.month' });
const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'validation.time' });

/** A place: a workstation, or an address (and usually a village). One of the two is required. */
const PlaceFields = {
  workstationId: Id.nullish().transform((v) => v ?? null),
  villageId: Id.nullish().transform((v) => v ?? null),
  address: optionalText(200),
};

/** Fields an activity and a series share. */
const CommonFields = {
  kind: ActivityKind,
  title: text(60),
  ...PlaceFields,
  /** The organising teams (the first is the lead team). */
  teamIds: z.array(Id).max(10).default([]),
  /** Places for sign-ups not tied to a stall; null = no limit. Stalls have their own capacity. */
  capacity: z
    .number()
    .int()
    .min(1)
    .max(10000)
    .nullish()
    .transform((v) => v ?? null),
  /** Beyond capacity, put people on a waiting list (true) or refuse them (false). */
  waitlist: z.boolean().default(true),
  description: optionalText(2000),
};

export const StallInput = z.object({
  /** A stall kind code of the town, e.g. `haircut`. */
  kind: StallKindCode,
  /** The team staffing it. */
  teamId: Id.nullish().transform((v) => v ?? null),
  /** Member slots. */
  capacity: z.number().int().min(1).max(100).default(4),
  /** Optional label, e.g. 理发（红色服务队）. */
  label: optionalText(40),
});
export type StallInput = z.input<typeof StallInput>;
export const StallUpdate = z.object({
  kind: StallKindCode.optional(),
  teamId: Id.nullish(),
  capacity: z.number().int().min(1).max(100).optional(),
  label: optionalText(40).optional(),
  version: Version,
});

const placeCheck = (v: { workstationId: string | null; address: string | null }, ctx: z.RefinementCtx) => {
  if (!v.workstationId && !v.address)
    ctx.addIssue({ code: 'custom', path: ['address'], message: 'validation.placeRequired' });
};

export const ActivityInput = z
  .object({
    ...CommonFields,
    startAt: DateTime,
    endAt: DateTime,
    /** Stalls (service days). */
    stalls: z.array(StallInput).max(30).default([]),
  })
  .superRefine((v, ctx) => {
    placeCheck(v, ctx);
    if (Date.parse(v.endAt) <= Date.parse(v.startAt))
      ctx.addIssue({ code: 'custom', path: ['endAt'], message: 'validation.endAfterStart' });
  });
export type ActivityInput = z.input<typeof ActivityInput>;

/** Edit one activity; unsent fields are kept. Editing an occurrence detaches it from series edits. */
export const ActivityUpdate = z.object({
  kind: ActivityKind.optional(),
  title: text(60).optional(),
  workstationId: Id.nullish(),
  villageId: Id.nullish(),
  address: optionalText(200).optional(),
  teamIds: z.array(Id).max(10).optional(),
  capacity: z.number().int().min(1).max(10000).nullish(),
  waitlist: z.boolean().optional(),
  description: optionalText(2000).optional(),
  startAt: DateTime.optional(),
  endAt: DateTime.optional(),
  version: Version,
});
export type ActivityUpdate = z.input<typeof ActivityUpdate>;

/** A monthly series, e.g. the service day on the 22nd of each month. */
export const SeriesInput = z
  .object({
    ...CommonFields,
    /** Day of the month 1–28 (22 = 每月22日). */
    dayOfMonth: z.number().int().min(1).max(28),
    startTime: Hhmm,
    endTime: Hhmm,
    /** First month, YYYY-MM. */
    fromMonth: MonthText,
    /** Occurrences to generate (months). */
    months: z.number().int().min(1).max(24),
    /** Stalls each occurrence starts with. */
    stalls: z.array(StallInput).max(30).default([]),
    /** Publish the occurrences right away (otherwise they are planned). */
    publish: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    placeCheck(v, ctx);
    if (v.endTime <= v.startTime)
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'validation.endAfterStart' });
  });
export type SeriesInput = z.input<typeof SeriesInput>;

/** Edit a series: future (not yet started) occurrences that were not edited by themselves follow. */
export const SeriesUpdate = z.object({
  kind: ActivityKind.optional(),
  title: text(60).optional(),
  workstationId: Id.nullish(),
  villageId: Id.nullish(),
  address: optionalText(200).optional(),
  teamIds: z.array(Id).max(10).optional(),
  capacity: z.number().int().min(1).max(10000).nullish(),
  waitlist: z.boolean().optional(),
  description: optionalText(2000).optional(),
  dayOfMonth: z.number().int().min(1).max(28).optional(),
  startTime: Hhmm.optional(),
  endTime: Hhmm.optional(),
  version: Version,
});
export const SeriesExtendInput = z.object({ months: z.number().int().min(1).max(24), version: Version });

export const TransitionParams = z.object({ id: Id, transition: TransitionEnum });
export const TransitionInput = z.object({
  version: Version,
  /** Required to cancel. */
  reason: optionalText(500),
});

export const StallParams = z.object({ id: Id, stallId: Id });
export const SignupParams = z.object({ id: Id, signupId: Id });
export const PhotoParams = z.object({ id: Id, photoId: Id });

/** Results of a stall: 人次 (people served) and 实事 (deeds), both integers ≥ 0. */
export const StallResultsInput = z.object({
  served: z
    .number({ message: 'validation.required' })
    .int({ message: 'validation.integer' })
    .min(0, { message: 'validation.nonNegative' })
    .max(100000),
  deeds: z
    .number({ message: 'validation.required' })
    .int({ message: 'validation.integer' })
    .min(0, { message: 'validation.nonNegative' })
    .max(100000),
  notes: optionalText(1000),
  version: Version,
});
export const SummaryInput = z.object({
  summary: optionalText(5000),
  /** People reached by a campaign outside stalls (leaflets, talks), counted in 人次. */
  reach: z
    .number()
    .int({ message: 'validation.integer' })
    .min(0, { message: 'validation.nonNegative' })
    .max(1000000)
    .nullish()
    .transform((v) => v ?? null),
  version: Version,
});

export const SignUpInput = z.object({
  /** A stall slot; omitted = the activity itself. */
  stallId: Id.nullish().transform((v) => v ?? null),
});
export const AssignInput = z.object({
  personIds: z.array(Id).min(1).max(100),
  stallId: Id.nullish().transform((v) => v ?? null),
});
export const CancelSignupInput = z.object({ version: Version, reason: optionalText(200) });
export const CheckInInput = z.object({
  /** The member checked in by an organiser; omitted = the caller. */
  personId: Id.optional(),
});
export const PhotosInput = z.object({ photoIds: z.array(Id).min(1).max(20) });

/** A problem found at a stall, entered as a request (channel `stall`, origin = this activity). */
export const ProblemInput = z.object({
  stallId: Id.nullish().transform((v) => v ?? null),
  categoryId: Id,
  description: text(1000),
  villageId: Id.nullish().transform((v) => v ?? null),
  hamletId: Id.nullish().transform((v) => v ?? null),
  address: optionalText(200),
  name: optionalText(30),
  /** The resident's mobile (stored encrypted, shown masked). */
  mobile: optionalMobile,
  urgency: z.enum(['normal', 'urgent', 'critical']).default('normal'),
  photoIds: z.array(Id).max(6, { message: 'validation.maxPhotos' }).default([]),
});
export const ProblemResult = z.object({ id: z.string(), code: z.string() });

export const StallKindInput = z.object({
  code: StallKindCode,
  name: text(20),
  sort: z.number().int().min(0).max(9999).default(0),
});
export const StallKindUpdate = z.object({
  name: text(20).optional(),
  sort: z.number().int().min(0).max(9999).optional(),
  disabled: z.boolean().optional(),
  version: Version,
});
export const StallKind = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  sort: z.number().int(),
  disabled: z.boolean(),
  version: z.number().int(),
});
export type StallKind = z.infer<typeof StallKind>;

// ---- Lists -------------------------------------------------------------------------------------

export const ActivityListQuery = ListQuery.omit({ includeDisabled: true }).extend({
  kind: ActivityKind.optional(),
  /** One state or several separated by commas. */
  state: z.union([ActivityStateEnum, z.string().regex(/^[a-z_]+(,[a-z_]+)+$/)]).optional(),
  teamId: Id.optional(),
  villageId: Id.optional(),
  seriesId: Id.optional(),
  /** Starting on or after this date (Asia/Shanghai). */
  from: DateText.optional(),
  /** Starting on or before this date (Asia/Shanghai). */
  to: DateText.optional(),
  /** `mine`: activities the caller signed up for; `open`: published with free places. */
  view: z.enum(['all', 'mine', 'open']).optional(),
  sort: z.enum(['start_asc', 'start_desc']).optional(),
});
export type ActivityListQuery = z.output<typeof ActivityListQuery>;

export const TeamRef = z.object({ id: z.string(), name: z.string(), color: z.string().nullable() });
export const Photo = z.object({ id: z.string(), url: z.string(), width: z.number().int(), height: z.number().int() });

/** Places: taken (signed_up + attended), free (null = no limit), waitlisted. */
const Places = {
  capacity: z.number().int().nullable(),
  taken: z.number().int(),
  free: z.number().int().nullable(),
  waitlisted: z.number().int(),
};

export const ActivitySummary = z.object({
  id: z.string(),
  version: z.number().int(),
  seriesId: z.string().nullable(),
  /** An occurrence edited by itself (series edits no longer change it). */
  edited: z.boolean(),
  kind: ActivityKind,
  title: z.string(),
  state: ActivityStateEnum,
  startAt: z.string(),
  endAt: z.string(),
  workstationId: z.string().nullable(),
  workstationName: z.string().nullable(),
  villageId: z.string().nullable(),
  villageName: z.string().nullable(),
  address: z.string().nullable(),
  teams: z.array(TeamRef),
  waitlist: z.boolean(),
  ...Places,
  /** Stall kind names, e.g. ["义剪","义诊"]. */
  stallKinds: z.array(z.string()),
  attended: z.number().int(),
  /** 人次: served at stalls + campaign reach. */
  personTimes: z.number().int(),
  deeds: z.number().int(),
  /** The caller's own sign-up state, if any. */
  myState: SignupStateEnum.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ActivitySummary = z.infer<typeof ActivitySummary>;

export const Stall = z.object({
  id: z.string(),
  version: z.number().int(),
  kind: z.string(),
  kindName: z.string(),
  label: z.string().nullable(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  teamColor: z.string().nullable(),
  ...Places,
  attended: z.number().int(),
  /** 人次; null until recorded. */
  served: z.number().int().nullable(),
  deeds: z.number().int().nullable(),
  notes: z.string().nullable(),
  sort: z.number().int(),
});
export type Stall = z.infer<typeof Stall>;

export const Signup = z.object({
  id: z.string(),
  version: z.number().int(),
  activityId: z.string(),
  stallId: z.string().nullable(),
  stallName: z.string().nullable(),
  personId: z.string(),
  personName: z.string(),
  /** Masked. */
  mobile: z.string().nullable(),
  teamName: z.string().nullable(),
  state: SignupStateEnum,
  /** 1-based place on the waiting list. */
  waitlistPosition: z.number().int().nullable(),
  /** `self` = signed up by themselves; `assigned` = by a leader or organiser. */
  source: z.enum(['self', 'assigned']),
  checkInAt: z.string().nullable(),
  checkOutAt: z.string().nullable(),
  hours: z.number().nullable(),
  /** The ledger entry's status once hours were recorded. */
  hoursStatus: z.enum(['pending', 'approved', 'rejected']).nullable(),
  createdAt: z.string(),
});
export type Signup = z.infer<typeof Signup>;
export const SignupListQuery = z.object({ state: SignupStateEnum.optional(), stallId: Id.optional() });

export const ActivityRequestRef = z.object({
  id: z.string(),
  code: z.string(),
  status: z.string(),
  categoryName: z.string(),
  description: z.string(),
  createdAt: z.string(),
});

export const ActivityDetail = ActivitySummary.extend({
  description: z.string().nullable(),
  summary: z.string().nullable(),
  reach: z.number().int().nullable(),
  cancelReason: z.string().nullable(),
  publishedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  reportedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  stalls: z.array(Stall),
  photos: z.array(Photo),
  /** Requests raised from this activity. */
  requests: z.array(ActivityRequestRef),
  /** The caller's own sign-up, if any. */
  mySignup: Signup.nullable(),
  counts: z.object({
    signedUp: z.number().int(),
    waitlisted: z.number().int(),
    attended: z.number().int(),
    noShow: z.number().int(),
    cancelled: z.number().int(),
    hours: z.number(),
  }),
  /** Transitions the caller may make now (state machine ∩ permission). */
  transitions: z.array(TransitionEnum),
  /** Operations the state allows now (the caller's permission is in `can`). */
  operations: z.array(OperationEnum),
  can: z.object({ manage: z.boolean(), join: z.boolean(), raiseRequest: z.boolean() }),
});
export type ActivityDetail = z.infer<typeof ActivityDetail>;

export const SeriesDetail = z.object({
  id: z.string(),
  version: z.number().int(),
  kind: ActivityKind,
  title: z.string(),
  workstationId: z.string().nullable(),
  villageId: z.string().nullable(),
  address: z.string().nullable(),
  teams: z.array(TeamRef),
  capacity: z.number().int().nullable(),
  waitlist: z.boolean(),
  description: z.string().nullable(),
  dayOfMonth: z.number().int(),
  startTime: z.string(),
  endTime: z.string(),
  occurrences: z.array(ActivitySummary),
  /** Set by PATCH: occurrences changed by this edit. */
  updated: z.number().int().optional(),
});
export type SeriesDetail = z.infer<typeof SeriesDetail>;

// ---- Report, figures, public calendar ----------------------------------------------------------

export const ActivityReport = z.object({
  townName: z.string(),
  activity: ActivityDetail.pick({
    id: true,
    kind: true,
    title: true,
    state: true,
    startAt: true,
    endAt: true,
    workstationName: true,
    villageName: true,
    address: true,
    teams: true,
    description: true,
    summary: true,
    reach: true,
  }),
  figures: z.object({
    personTimes: z.number().int(),
    served: z.number().int(),
    reach: z.number().int(),
    deeds: z.number().int(),
    signedUp: z.number().int(),
    attended: z.number().int(),
    noShow: z.number().int(),
    hours: z.number(),
    requests: z.number().int(),
  }),
  stalls: z.array(
    z.object({
      kindName: z.string(),
      label: z.string().nullable(),
      teamName: z.string().nullable(),
      attended: z.number().int(),
      served: z.number().int().nullable(),
      deeds: z.number().int().nullable(),
      notes: z.string().nullable(),
    }),
  ),
  photos: z.array(Photo),
  requests: z.array(ActivityRequestRef.pick({ code: true, categoryName: true, status: true })),
  generatedAt: z.string(),
});
export type ActivityReport = z.infer<typeof ActivityReport>;

export const FiguresQuery = z.object({
  groupBy: z.enum(['team', 'village', 'month', 'kind']).optional(),
  /** Activities starting on or after this date (Asia/Shanghai). */
  from: DateText.optional(),
  to: DateText.optional(),
  kind: ActivityKind.optional(),
});
/** See `common/activities/figures.ts` for the definitions. */
const FigureFields = {
  /** Activities held: state done or reported. */
  held: z.number().int(),
  /** 人次 = served at stalls + campaign reach, over held activities. */
  personTimes: z.number().int(),
  served: z.number().int(),
  reach: z.number().int(),
  /** 实事. */
  deeds: z.number().int(),
  /** Sign-ups that took a place (signed_up, attended, no_show) on held activities. */
  signups: z.number().int(),
  attended: z.number().int(),
  noShows: z.number().int(),
  /** attended ÷ (attended + no-shows); null when nobody was expected. */
  attendanceRate: z.number().nullable(),
  /** Volunteer hours recorded at check-out. */
  hours: z.number(),
};
export const ActivityFigures = z.object({
  ...FigureFields,
  /** Upcoming (planned/published) in the range. */
  upcoming: z.number().int(),
  cancelled: z.number().int(),
  groups: z.array(z.object({ key: z.string(), name: z.string(), ...FigureFields })),
});
export type ActivityFigures = z.infer<typeof ActivityFigures>;

export const PublicActivitiesQuery = z.object({
  town: z.string().trim().max(32).optional(),
  kind: ActivityKind.optional(),
  /** How many (default 20). */
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
/** A calendar entry for residents: no personal data. */
export const PublicActivity = z.object({
  id: z.string(),
  kind: ActivityKind,
  title: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  placeName: z.string().nullable(),
  address: z.string().nullable(),
  villageName: z.string().nullable(),
  teams: z.array(z.object({ name: z.string(), color: z.string().nullable() })),
  stallKinds: z.array(z.object({ code: z.string(), name: z.string() })),
  description: z.string().nullable(),
});
export type PublicActivity = z.infer<typeof PublicActivity>;
