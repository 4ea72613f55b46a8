/**
 * Care 关爱帮扶 (暖阳行动): the registry of people needing care, pairings with members (结对帮扶),
 * visit logs (走访), overdue-visit alerts, figures, and the Excel import/export.
 *
 * Routes (all JSON unless noted; `care.*` permissions from common/auth/roles.ts):
 *
 * | method | path                                   | permission                 | purpose |
 * | ------ | -------------------------------------- | -------------------------- | ------- |
 * | GET    | /api/care/recipients                   | care.read                  | registry list `{items,total,page,pageSize}`; masked; filters below |
 * | GET    | /api/care/recipients/export            | care.read                  | the same list as .xlsx (masked, no health notes) |
 * | POST   | /api/care/recipients                   | care.manage                | register a recipient (lawful basis required) → CareRecipientDetail |
 * | GET    | /api/care/recipients/:id               | care.read or care.visit    | full record + pairings (current and history); audited `care.view` |
 * | PATCH  | /api/care/recipients/:id               | care.manage                | edit, incl. status active/inactive + reason; `version` → 409 when stale |
 * | POST   | /api/care/recipients/:id/reveal        | care.sensitive             | reveal mobile / ID number / guardian mobile; audited `care.reveal` |
 * | GET    | /api/care/recipients/:id/visits        | care.read or care.visit    | the recipient's visit history, newest first, paginated |
 * | POST   | /api/care/recipients/:id/reassign      | care.manage                | end one pairing (reason) and pair another member in one step |
 * | GET    | /api/care/pairings                     | care.read or care.visit    | pairings per recipient or per member (`recipientId` / `personId`), `includeEnded` |
 * | POST   | /api/care/pairings                     | care.manage                | pair a member with a recipient |
 * | POST   | /api/care/pairings/:id/end             | care.manage                | end a pairing (reason, version) — history is kept |
 * | POST   | /api/care/visits                       | care.visit or care.manage  | log a visit; optional problem → a request (channel `visit`); hours → ledger (pending) |
 * | GET    | /api/care/visits                       | care.read                  | visits across the registry (filters: recipient, member, village, from/to) |
 * | GET    | /api/care/my                           | care.visit                 | the member's H5: my pairings with last visit, next due, overdue flag |
 * | GET    | /api/care/overdue                      | care.read                  | recipients without a visit within their frequency (in scope) |
 * | GET    | /api/care/figures                      | care.read                  | figures by kind, month, team, village (definitions in common/care/figures.ts) |
 * | GET    | /api/care/import/template              | care.manage                | the import template (.xlsx) |
 * | POST   | /api/care/import                       | care.manage                | multipart `file` (.xlsx); `?dryRun=true` only checks; all or nothing → CareImportReport (200 ok / 422 with row errors) |
 *
 * Access: `care_worker` 关爱专员 (town) holds read/manage/sensitive/visit. `town_admin` holds read + manage
 * but not care.sensitive (health notes and children's details stay hidden unless the admin also holds the
 * care_worker role). `village_admin` holds care.read narrowed to their village, masked, no sensitive fields.
 * Members (`care.visit`) see only recipients currently paired with them, with the full record they need for
 * the visit. Every GET of a full record writes an audit row.
 */
import { z } from 'zod';
import { Gender } from '../people/schemas.ts';
import { UrgencyEnum } from '../requests/schemas.ts';
import { Id, ListQuery, Version, optionalIdNumber, optionalMobile, optionalText, text } from '../shared/schemas.ts';

/** 关爱对象类别. A recipient may have several kinds. */
export const RECIPIENT_KINDS = [
  'elderly_alone',
  'left_behind_child',
  'disabled',
  'poverty_alleviated',
  'other',
] as const;
export const RecipientKind = z.enum(RECIPIENT_KINDS);
export type RecipientKind = z.infer<typeof RecipientKind>;

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const RiskLevel = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof RiskLevel>;

/** Required visit frequency; stored as days. */
export const VISIT_FREQUENCIES = ['weekly', 'fortnightly', 'monthly'] as const;
export const VisitFrequency = z.enum(VISIT_FREQUENCIES);
export type VisitFrequency = z.infer<typeof VisitFrequency>;
export const FREQUENCY_DAYS: Record<VisitFrequency, number> = { weekly: 7, fortnightly: 14, monthly: 30 };
/** The named frequency for a number of days, or null for a custom interval. */
export const frequencyOf = (days: number): VisitFrequency | null =>
  (Object.entries(FREQUENCY_DAYS).find(([, d]) => d === days)?.[0] as VisitFrequency | undefined) ?? null;

/** What was done on a visit. */
export const VISIT_SERVICES = [
  'cleaning',
  'nail_trimming',
  'companionship',
  'health_check',
  'shopping',
  'haircut',
  'repair',
  'medicine',
  'other',
] as const;
export const VisitService = z.enum(VISIT_SERVICES);
export type VisitService = z.infer<typeof VisitService>;

/** How the recipient was found. */
export const CONDITIONS = ['good', 'fair', 'poor', 'urgent'] as const;
export const Condition = z.enum(CONDITIONS);
export type Condition = z.infer<typeof Condition>;

/** PIPL lawful basis for keeping the record (个人信息保护法 第13条 / 第31条). */
export const LAWFUL_BASES = ['consent', 'guardian_consent', 'statutory_duty'] as const;
export const LawfulBasis = z.enum(LAWFUL_BASES);
export type LawfulBasis = z.infer<typeof LawfulBasis>;

export const RECIPIENT_STATUSES = ['active', 'inactive'] as const;
export const RecipientStatus = z.enum(RECIPIENT_STATUSES);
export type RecipientStatus = z.infer<typeof RecipientStatus>;
/** Why a recipient is no longer active. */
export const INACTIVE_REASONS = ['moved', 'deceased', 'no_longer_needed', 'other'] as const;
export const InactiveReason = z.enum(INACTIVE_REASONS);
export type InactiveReason = z.infer<typeof InactiveReason>;

/** Age under which a record is a child's and wholly sensitive. */
export const CHILD_AGE = 18;

const DateText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'validation.date' });
const MonthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'validation.month' });
const boolQuery = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'));

/** 监护人 / 紧急联系人. */
export const GuardianInput = z.object({
  name: text(30),
  /** e.g. 儿子, 祖母, 村委会. */
  relation: text(20),
  mobile: optionalMobile,
});
export const Guardian = z.object({
  name: z.string(),
  relation: z.string(),
  /** Masked unless the viewer may see the full record. */
  mobile: z.string().nullable(),
});

const tags = z.array(z.string().trim().min(1).max(20)).max(20);

export const RecipientInput = z.object({
  kinds: z.array(RecipientKind).min(1, { message: 'validation.required' }).max(5),
  name: text(30),
  gender: Gender.nullish().transform((v) => v ?? null),
  birthYear: z
    .number()
    .int()
    .min(1900, { message: 'validation.birthYear' })
    .max(new Date().getFullYear(), { message: 'validation.birthYear' })
    .nullish()
    .transform((v) => v ?? null),
  villageId: Id,
  hamletId: Id.nullish().transform((v) => v ?? null),
  address: optionalText(200),
  /** Stored encrypted, shown masked. */
  mobile: optionalMobile,
  /** Optional 18-digit ID number (GB 11643 checksum); encrypted, masked. */
  idNumber: optionalIdNumber,
  guardian: GuardianInput.nullish().transform((v) => v ?? null),
  /** Needs in words, e.g. 行动不便，需要代购. */
  needs: optionalText(500),
  /** Short need tags, e.g. 代购, 送药. */
  needTags: tags.default([]),
  /** Sensitive: health. Visible only with care.sensitive or to paired members. */
  healthNotes: optionalText(1000),
  riskLevel: RiskLevel.default('low'),
  frequency: VisitFrequency,
  lawfulBasis: LawfulBasis,
  /** The day consent was given (or the duty recorded). */
  consentDate: DateText,
  /** Who recorded the consent (free text, e.g. 村委会 张三); defaults to the current user. */
  consentRecordedBy: optionalText(30),
});
export type RecipientInput = z.infer<typeof RecipientInput>;

export const RecipientUpdate = z.object({
  version: Version,
  kinds: RecipientInput.shape.kinds.optional(),
  name: text(30).optional(),
  gender: Gender.nullish(),
  birthYear: RecipientInput.shape.birthYear.optional(),
  villageId: Id.optional(),
  hamletId: Id.nullish(),
  address: optionalText(200).optional(),
  mobile: optionalMobile.optional(),
  idNumber: optionalIdNumber.optional(),
  guardian: RecipientInput.shape.guardian.optional(),
  needs: optionalText(500).optional(),
  needTags: tags.optional(),
  healthNotes: optionalText(1000).optional(),
  riskLevel: RiskLevel.optional(),
  frequency: VisitFrequency.optional(),
  lawfulBasis: LawfulBasis.optional(),
  consentDate: DateText.optional(),
  consentRecordedBy: optionalText(30).optional(),
  status: RecipientStatus.optional(),
  /** Required when status becomes inactive. */
  inactiveReason: InactiveReason.nullish(),
  inactiveNote: optionalText(200).optional(),
});
export type RecipientUpdate = z.infer<typeof RecipientUpdate>;

/** A paired member as shown on a recipient. */
export const PairedMember = z.object({
  pairingId: z.string(),
  personId: z.string(),
  name: z.string(),
  primary: z.boolean(),
});

/** A recipient in lists and exports: masked, no health notes, children's names partly masked (王*明). */
export const CareRecipient = z.object({
  id: z.string(),
  version: z.number().int(),
  kinds: z.array(RecipientKind),
  name: z.string(),
  gender: Gender.nullable(),
  birthYear: z.number().int().nullable(),
  villageId: z.string(),
  villageName: z.string().nullable(),
  hamletId: z.string().nullable(),
  hamletName: z.string().nullable(),
  /** Null in lists for a child's record. */
  address: z.string().nullable(),
  /** Masked (138****5678). */
  mobile: z.string().nullable(),
  riskLevel: RiskLevel,
  frequency: VisitFrequency.nullable(),
  frequencyDays: z.number().int(),
  status: RecipientStatus,
  inactiveReason: InactiveReason.nullable(),
  /** A child's record (left-behind child or under 18): the whole record is sensitive. */
  child: z.boolean(),
  needTags: z.array(z.string()),
  pairedMembers: z.array(PairedMember),
  lastVisitAt: z.string().nullable(),
  /** When the next visit is due (last visit, or registration, + frequency). */
  nextDueAt: z.string().nullable(),
  overdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CareRecipient = z.infer<typeof CareRecipient>;

/** A pairing 结对 between a member and a recipient; ended pairings are kept as history. */
export const CarePairing = z.object({
  id: z.string(),
  version: z.number().int(),
  recipientId: z.string(),
  /** Masked like lists when the viewer may not see the child's name. */
  recipientName: z.string(),
  personId: z.string(),
  personName: z.string(),
  /** The member's teams, e.g. 粉色巾帼爱心服务队. */
  teamNames: z.array(z.string()),
  primary: z.boolean(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  createdByName: z.string().nullable(),
  endedByName: z.string().nullable(),
});
export type CarePairing = z.infer<typeof CarePairing>;

/** The full record (`GET /api/care/recipients/:id`). Fields the viewer may not see are null and listed in `hidden`. */
export const CareRecipientDetail = CareRecipient.extend({
  /** Masked unless revealed (POST …/reveal). */
  idNumber: z.string().nullable(),
  guardian: Guardian.nullable(),
  needs: z.string().nullable(),
  healthNotes: z.string().nullable(),
  lawfulBasis: LawfulBasis,
  consentDate: z.string(),
  consentRecordedBy: z.string().nullable(),
  recordedByName: z.string().nullable(),
  inactiveNote: z.string().nullable(),
  /** Fields withheld from this viewer, e.g. ['healthNotes']. */
  hidden: z.array(z.string()),
  /** Whether mobile/guardian mobile are shown in full. */
  fullContact: z.boolean(),
  pairings: z.object({ current: z.array(CarePairing), history: z.array(CarePairing) }),
  can: z.object({
    update: z.boolean(),
    pair: z.boolean(),
    visit: z.boolean(),
    reveal: z.boolean(),
  }),
});
export type CareRecipientDetail = z.infer<typeof CareRecipientDetail>;

export const RecipientListQuery = ListQuery.extend({
  kind: RecipientKind.optional(),
  villageId: Id.optional(),
  riskLevel: RiskLevel.optional(),
  /** Default: active only; `all` for both. */
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  overdue: boolQuery,
  /** Recipients currently paired with this member. */
  personId: Id.optional(),
  /** `true` = only recipients with no current pairing. */
  unpaired: boolQuery,
  sort: z.enum(['name', 'nextDue', 'risk', 'created']).default('nextDue'),
});
export type RecipientListQuery = z.infer<typeof RecipientListQuery>;

export const RevealField = z.enum(['mobile', 'idNumber', 'guardianMobile']);
export const RevealInput = z.object({ field: RevealField });
export const RevealOutput = z.object({ field: RevealField, value: z.string().nullable() });

/** Pairing. */
export const PairingInput = z.object({
  recipientId: Id,
  personId: Id,
  /** Makes this the primary pairing (the previous primary stays paired, no longer primary). */
  primary: z.boolean().default(false),
});
export const PairingEndInput = z.object({ version: Version, reason: text(200) });
export const ReassignInput = z.object({
  /** The current pairing to end. */
  pairingId: Id,
  version: Version,
  /** The member who takes over. */
  personId: Id,
  reason: text(200),
});
export const PairingListQuery = z.object({
  recipientId: Id.optional(),
  personId: Id.optional(),
  includeEnded: boolQuery,
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

/** Visits. */
export const VisitProblem = z.object({
  /** Request category (GET /api/categories or /api/public/categories). */
  categoryId: Id,
  description: text(1000),
  urgency: UrgencyEnum.default('normal'),
});
export const VisitInput = z.object({
  recipientId: Id,
  /** ISO date-time; default now; not in the future. */
  visitedAt: z.string().datetime({ offset: true, message: 'validation.dateTime' }).optional(),
  durationMinutes: z
    .number({ message: 'validation.required' })
    .int({ message: 'validation.integer' })
    .min(1, { message: 'validation.positive' })
    .max(1440, { message: 'validation.tooLarge' }),
  services: z.array(VisitService).min(1, { message: 'validation.required' }).max(9),
  condition: Condition,
  notes: optionalText(1000),
  /** From `POST /api/uploads`, at most 6. */
  photoIds: z.array(Id).max(6, { message: 'validation.maxPhotos' }).default([]),
  /** A problem found on the visit becomes a request in the same step. */
  problem: VisitProblem.nullish().transform((v) => v ?? null),
});
export type VisitInput = z.infer<typeof VisitInput>;

export const CareVisit = z.object({
  id: z.string(),
  recipientId: z.string(),
  recipientName: z.string(),
  personId: z.string(),
  personName: z.string(),
  /** The visiting member's team at the time (for figures), if any. */
  teamName: z.string().nullable(),
  visitedAt: z.string(),
  durationMinutes: z.number().int(),
  services: z.array(VisitService),
  condition: Condition,
  /** Null in lists the viewer may not read in full. */
  notes: z.string().nullable(),
  photos: z.array(z.object({ id: z.string(), url: z.string(), width: z.number().int(), height: z.number().int() })),
  requestId: z.string().nullable(),
  requestCode: z.string().nullable(),
  /** The ledger entry for the visit's hours. */
  hoursStatus: z.enum(['pending', 'approved', 'rejected']).nullable(),
  createdAt: z.string(),
});
export type CareVisit = z.infer<typeof CareVisit>;

export const VisitCreated = z.object({
  visit: CareVisit,
  /** The request raised from the problem, if any. */
  request: z.object({ id: z.string(), code: z.string() }).nullable(),
  hours: z.number(),
});
export type VisitCreated = z.infer<typeof VisitCreated>;

export const VisitListQuery = z.object({
  recipientId: Id.optional(),
  personId: Id.optional(),
  villageId: Id.optional(),
  from: DateText.optional(),
  to: DateText.optional(),
  withProblem: boolQuery,
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const RecipientVisitsQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** One of my pairings on the member's H5. */
export const MyPairing = z.object({
  pairingId: z.string(),
  primary: z.boolean(),
  recipientId: z.string(),
  name: z.string(),
  kinds: z.array(RecipientKind),
  villageName: z.string().nullable(),
  hamletName: z.string().nullable(),
  address: z.string().nullable(),
  /** Full number: the member calls before visiting. */
  mobile: z.string().nullable(),
  guardian: Guardian.nullable(),
  needs: z.string().nullable(),
  needTags: z.array(z.string()),
  riskLevel: RiskLevel,
  frequency: VisitFrequency.nullable(),
  frequencyDays: z.number().int(),
  lastVisitAt: z.string().nullable(),
  nextDueAt: z.string(),
  overdue: z.boolean(),
  /** Days overdue (0 when not). */
  overdueDays: z.number().int(),
});
export type MyPairing = z.infer<typeof MyPairing>;
export const MyCare = z.object({
  items: z.array(MyPairing),
  /** My visits in the current month and their minutes. */
  month: z.object({ visits: z.number().int(), minutes: z.number().int() }),
});
export type MyCare = z.infer<typeof MyCare>;

/** Overdue list. */
export const OverdueItem = z.object({
  recipientId: z.string(),
  name: z.string(),
  kinds: z.array(RecipientKind),
  villageId: z.string(),
  villageName: z.string().nullable(),
  riskLevel: RiskLevel,
  frequencyDays: z.number().int(),
  lastVisitAt: z.string().nullable(),
  nextDueAt: z.string(),
  overdueDays: z.number().int(),
  pairedMembers: z.array(PairedMember),
});
export type OverdueItem = z.infer<typeof OverdueItem>;
export const OverdueQuery = z.object({
  villageId: Id.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** Figures (definitions in common/care/figures.ts). */
export const FiguresQuery = z.object({
  /** First month, YYYY-MM; default: 11 months before `to`. */
  from: MonthText.optional(),
  /** Last month, YYYY-MM; default: this month. */
  to: MonthText.optional(),
  villageId: Id.optional(),
  teamId: Id.optional(),
});
const FigureRow = {
  visits: z.number().int(),
  /** Hours of visits (minutes / 60, one decimal). */
  hours: z.number(),
  /** Visits that found a problem. */
  problems: z.number().int(),
  /** Requests raised from those problems. */
  requests: z.number().int(),
};
export const CareFigures = z.object({
  from: z.string(),
  to: z.string(),
  totals: z.object({
    /** Active recipients now. */
    recipients: z.number().int(),
    ...FigureRow,
    /** Active recipients with no visit within their frequency, now. */
    overdue: z.number().int(),
    /** Distinct recipients visited in the range. */
    recipientsVisited: z.number().int(),
  }),
  byKind: z.array(z.object({ kind: RecipientKind, recipients: z.number().int(), overdue: z.number().int() })),
  byMonth: z.array(z.object({ month: z.string(), ...FigureRow })),
  byTeam: z.array(
    z.object({
      teamId: z.string().nullable(),
      teamName: z.string().nullable(),
      colour: z.string().nullable(),
      ...FigureRow,
    }),
  ),
  byVillage: z.array(
    z.object({
      villageId: z.string(),
      villageName: z.string(),
      recipients: z.number().int(),
      overdue: z.number().int(),
      ...FigureRow,
    }),
  ),
});
export type CareFigures = z.infer<typeof CareFigures>;

/** Excel import: the template's columns in order; matched by header text. */
export const CARE_IMPORT_COLUMNS = [
  { key: 'name', header: '姓名', required: true },
  { key: 'kinds', header: '对象类别', required: true },
  { key: 'gender', header: '性别', required: false },
  { key: 'birthYear', header: '出生年份', required: false },
  { key: 'village', header: '所属村', required: true },
  { key: 'hamlet', header: '自然村', required: false },
  { key: 'address', header: '住址', required: false },
  { key: 'mobile', header: '联系电话', required: false },
  { key: 'idNumber', header: '身份证号', required: false },
  { key: 'guardianName', header: '监护人/紧急联系人', required: false },
  { key: 'guardianRelation', header: '关系', required: false },
  { key: 'guardianMobile', header: '联系人电话', required: false },
  { key: 'needs', header: '帮扶需求', required: false },
  { key: 'healthNotes', header: '健康状况', required: false },
  { key: 'riskLevel', header: '风险等级', required: false },
  { key: 'frequency', header: '探访频次', required: true },
  { key: 'lawfulBasis', header: '处理依据', required: true },
  { key: 'consentDate', header: '同意日期', required: true },
  { key: 'consentRecordedBy', header: '登记人', required: false },
] as const;
export type CareImportColumnKey = (typeof CARE_IMPORT_COLUMNS)[number]['key'];
export const CARE_IMPORT_MAX_ROWS = 20_000;
export const CARE_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export const CareImportQuery = z.object({ dryRun: boolQuery });
export const CareImportIssue = z.object({
  /** Spreadsheet row (1-based as Excel shows it); 0 for the whole file. */
  row: z.number().int(),
  /** Column header, e.g. 身份证号; '' for the row or file. */
  column: z.string(),
  message: z.string(),
});
/** All or nothing: `imported` is 0 whenever `errors` is not empty. */
export const CareImportReport = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  rows: z.number().int(),
  imported: z.number().int(),
  errors: z.array(CareImportIssue),
  /** Error rows left off the list (it stops at 500). */
  moreErrors: z.number().int(),
});
export type CareImportReport = z.infer<typeof CareImportReport>;

export const PairingIdParams = z.object({ id: Id });
