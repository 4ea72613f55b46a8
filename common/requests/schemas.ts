/** Requests 诉求: categories, the calendar, intake, actions, lists, figures, the resident's view. */
import { z } from 'zod';
import { Can, Id, ListQuery, RecordMeta, Version, optionalMobile, optionalText, text } from '../shared/schemas.ts';
import { ASSIGNEE_KINDS, CHANNELS, REQUEST_ACTIONS, REQUEST_STATUSES, URGENCIES } from './lifecycle.ts';

export const Status = z.enum(REQUEST_STATUSES);
export const UrgencyEnum = z.enum(URGENCIES);
export const ChannelEnum = z.enum(CHANNELS);
export const AssigneeKindEnum = z.enum(ASSIGNEE_KINDS);
export const ActionEnum = z.enum(REQUEST_ACTIONS);

/** Icons a category can show (mapped to pictures by the web). */
export const CategoryIcon = z.enum([
  'road',
  'water',
  'power',
  'environment',
  'safety',
  'dispute',
  'care',
  'farming',
  'housing',
  'health',
  'idea',
  'other',
]);

const days = z.number().int().min(0).max(60);

export const CategoryInput = z.object({
  /** Short code, also the Open311 service_code, e.g. `road`. Unique in the town. */
  code: z
    .string({ message: 'validation.required' })
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{1,31}$/, { message: 'validation.categoryCode' }),
  /** Name residents read, e.g. 道路交通. */
  name: text(30),
  icon: CategoryIcon.default('other'),
  /** One line explaining what belongs here. */
  description: optionalText(200),
  /** Where requests of this category go by default. */
  routeKind: z
    .enum(['team', 'squad', 'department'])
    .nullish()
    .transform((v) => v ?? null),
  routeId: Id.nullish().transform((v) => v ?? null),
  /** Working days to resolve, per urgency; 0 = the same day. */
  limitNormalDays: days.default(5),
  limitUrgentDays: days.default(1),
  limitCriticalDays: days.default(0),
  sort: z.number().int().min(0).max(9999).default(0),
});
// zod's partial() keeps defaults: fields with one are re-declared so an edit never resets what it does not send.
export const CategoryUpdate = CategoryInput.partial().extend({
  icon: CategoryIcon.optional(),
  limitNormalDays: days.optional(),
  limitUrgentDays: days.optional(),
  limitCriticalDays: days.optional(),
  sort: CategoryInput.shape.sort.unwrap().optional(),
  version: Version,
  disabled: z.boolean().optional(),
});
export const Category = z.object({
  ...RecordMeta,
  code: z.string(),
  name: z.string(),
  icon: CategoryIcon,
  description: z.string().nullable(),
  routeKind: z.enum(['team', 'squad', 'department']).nullable(),
  routeId: z.string().nullable(),
  routeName: z.string().nullable(),
  limitNormalDays: z.number().int(),
  limitUrgentDays: z.number().int(),
  limitCriticalDays: z.number().int(),
  sort: z.number().int(),
  can: Can,
});
export type Category = z.infer<typeof Category>;

export const CalendarDayInput = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' }),
  /** `holiday` closes a weekday; `workday` opens a weekend day (调休). */
  kind: z.enum(['holiday', 'workday']),
  /** E.g. 国庆节, 国庆调休. */
  name: text(30),
});
export const CalendarDay = CalendarDayInput;
export const CalendarQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** A point or an address: where the problem is. */
const Place = {
  villageId: Id.nullish().transform((v) => v ?? null),
  hamletId: Id.nullish().transform((v) => v ?? null),
  address: optionalText(200),
  lat: z
    .number()
    .min(-90)
    .max(90)
    .nullish()
    .transform((v) => v ?? null),
  lng: z
    .number()
    .min(-180)
    .max(180)
    .nullish()
    .transform((v) => v ?? null),
};

/** What a resident sends from the H5 page. */
export const PublicIntake = z.object({
  categoryId: Id,
  /** What is wrong or needed, in the resident's words. */
  description: z
    .string({ message: 'validation.required' })
    .trim()
    .min(5, { message: 'validation.tooShort:5' })
    .max(1000, { message: 'validation.tooLong:1000' }),
  ...Place,
  /** Optional: the name to address the resident by. */
  name: optionalText(30),
  /** Optional: for updates by SMS and to follow the request. */
  mobile: optionalMobile,
  /** Ids from `POST /api/public/uploads`, at most 6. */
  photoIds: z.array(Id).max(6, { message: 'validation.maxPhotos' }).default([]),
  /** The resident read the privacy notice. */
  consent: z.literal(true, { message: 'validation.consent' }),
  /** Town code; optional while the deployment holds one town. */
  town: z.string().trim().max(32).optional(),
});

/** What staff enter on a resident's behalf. */
export const StaffIntake = PublicIntake.omit({ consent: true, town: true }).extend({
  channel: z.enum(['desk', 'phone', 'stall', 'visit']),
  urgency: UrgencyEnum.default('normal'),
  /** The workstation where it was received, for desk intake. */
  workstationId: Id.nullish().transform((v) => v ?? null),
});

export const Assignee = z.object({ kind: AssigneeKindEnum, id: Id });

/** The body of `POST /api/requests/:id/actions/:action`; which fields are needed depends on the action. */
export const ActionInput = z.object({
  version: Version,
  /** Reason (reject, return, close-unresolved, reopen), progress text, or the supervision note. */
  note: optionalText(2000),
  /** dispatch: the assignee. */
  assignee: Assignee.optional(),
  /** dispatch/accept: change urgency (recomputes the due date). */
  urgency: UrgencyEnum.optional(),
  /** progress, visit, resolve: photos from `POST /api/uploads`. */
  photoIds: z.array(Id).max(6, { message: 'validation.maxPhotos' }).optional(),
  /** meeting: who attended and what was decided. */
  attendees: optionalText(500),
  decisions: optionalText(2000),
  meetingAt: z.string().datetime({ message: 'validation.date' }).optional(),
  /** request_extension: extra working days asked for. */
  extensionDays: z.number().int().min(1).max(30).optional(),
  /** decide_extension: approve or decline the pending extension. */
  approve: z.boolean().optional(),
  /** rate (by phone, through staff): 1–5 and the resident's comment. */
  rating: z.number().int().min(1).max(5).optional(),
  /** merge: the request this one duplicates. */
  targetId: Id.optional(),
});
export type ActionInput = z.infer<typeof ActionInput>;

export const RequestListQuery = ListQuery.omit({ includeDisabled: true }).extend({
  status: z
    .union([Status, z.string().regex(/^[a-z_]+(,[a-z_]+)+$/)])
    .optional()
    .describe('One status or several separated by commas'),
  categoryId: Id.optional(),
  villageId: Id.optional(),
  teamId: Id.optional(),
  assigneeKind: AssigneeKindEnum.optional(),
  assigneeId: Id.optional(),
  channel: ChannelEnum.optional(),
  urgency: UrgencyEnum.optional(),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  /** Submitted on or after this date (Asia/Shanghai). */
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' })
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' })
    .optional(),
  /** `mine`: what the caller must act on now. */
  view: z.enum(['mine', 'all']).optional(),
});
export type RequestListQuery = z.output<typeof RequestListQuery>;

export const RequestSummary = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number().int(),
  status: Status,
  outcome: z.enum(['resolved', 'unresolved']).nullable(),
  urgency: UrgencyEnum,
  channel: ChannelEnum,
  categoryId: z.string(),
  categoryName: z.string(),
  description: z.string(),
  villageId: z.string().nullable(),
  villageName: z.string().nullable(),
  hamletName: z.string().nullable(),
  address: z.string().nullable(),
  reporterName: z.string().nullable(),
  /** Masked unless revealed. */
  reporterMobile: z.string().nullable(),
  assigneeKind: AssigneeKindEnum.nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  teamId: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  rating: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type RequestSummary = z.infer<typeof RequestSummary>;

export const Photo = z.object({ id: z.string(), url: z.string(), width: z.number().int(), height: z.number().int() });

export const TimelineEntry = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  photos: z.array(Photo),
  /** Shown to the resident. */
  public: z.boolean(),
});

export const RequestDetail = RequestSummary.extend({
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  enteredByName: z.string().nullable(),
  workstationName: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  ratingComment: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  /** The service-day activity or care visit the request was raised from. */
  origin: z.object({ kind: z.enum(['activity', 'visit']), id: z.string() }).nullable(),
  /** Reporters of duplicates merged into this request. */
  linkedReporters: z.array(z.object({ code: z.string(), name: z.string().nullable(), mobile: z.string().nullable() })),
  pendingExtensionDays: z.number().int().nullable(),
  supervisedCount: z.number().int(),
  photos: z.array(Photo),
  timeline: z.array(TimelineEntry),
  /** The actions the caller may take now (state machine ∩ permissions). */
  actions: z.array(ActionEnum),
  can: z.object({ reveal: z.boolean() }),
});
export type RequestDetail = z.infer<typeof RequestDetail>;

/** Open requests resembling a draft, in the same village. */
export const SimilarQuery = z.object({
  categoryId: Id.optional(),
  villageId: Id.optional(),
  text: z.string().trim().min(2).max(1000),
  town: z.string().trim().max(32).optional(),
});
export const SimilarItem = z.object({
  id: z.string(),
  code: z.string(),
  categoryName: z.string(),
  description: z.string(),
  status: Status,
  createdAt: z.string(),
  score: z.number(),
});

export const FiguresQuery = z.object({
  groupBy: z.enum(['team', 'village', 'category', 'month']).optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' })
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' })
    .optional(),
});
const Rates = {
  total: z.number().int(),
  resolved: z.number().int(),
  unresolved: z.number().int(),
  openPastDue: z.number().int(),
  completionRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  avgHandlingHours: z.number().nullable(),
};
export const Figures = z.object({
  ...Rates,
  byStatus: z.record(z.string(), z.number().int()),
  groups: z.array(z.object({ key: z.string(), name: z.string(), ...Rates })),
});
export type Figures = z.infer<typeof Figures>;

/** What a resident sees when following a request: no other person's data. */
export const PublicRequest = z.object({
  code: z.string(),
  status: Status,
  outcome: z.enum(['resolved', 'unresolved']).nullable(),
  categoryName: z.string(),
  description: z.string(),
  villageName: z.string().nullable(),
  createdAt: z.string(),
  dueAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  rating: z.number().int().nullable(),
  /** In plain words, for the resident. */
  timeline: z.array(z.object({ at: z.string(), kind: z.string(), text: z.string() })),
  canRate: z.boolean(),
  canReopen: z.boolean(),
});
export const TrackQuery = z.object({
  /** Last 4 digits of the mobile number given at intake (not needed for anonymous requests). */
  last4: z
    .string()
    .regex(/^\d{4}$/, { message: 'validation.last4' })
    .optional(),
});
export const PublicRateInput = z.object({
  last4: z
    .string()
    .regex(/^\d{4}$/, { message: 'validation.last4' })
    .optional(),
  rating: z.number().int().min(1).max(5),
  comment: optionalText(500),
});
export const PublicReopenInput = z.object({
  last4: z
    .string()
    .regex(/^\d{4}$/, { message: 'validation.last4' })
    .optional(),
  reason: text(500),
});
export const IntakeReceipt = z.object({ code: z.string(), status: Status, dueAt: z.string().nullable() });
export const Upload = z.object({
  id: z.string(),
  url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
});

export const Notification = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const NotificationList = z.object({ items: z.array(Notification), unread: z.number().int() });

export const ApiKeyInput = z.object({ name: text(50) });
export const ApiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  disabled: z.boolean(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export const ApiKeyCreated = z.object({ key: ApiKey, secret: z.string() });
