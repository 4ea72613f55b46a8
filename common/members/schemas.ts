/** Members (队员): people in a team, their standing, availability, households, and the Excel import. */
import { z } from 'zod';
import { Background, Gender, PoliticalStatus } from '../people/schemas.ts';
import { Id, ListQuery, Version, optionalPhone, optionalText, text } from '../shared/schemas.ts';
import { TeamColour, TeamRole } from '../teams/schemas.ts';

/** 在岗 / 暂停 / 离队. */
export const MemberStatus = z.enum(['active', 'paused', 'left']);
export type MemberStatus = z.infer<typeof MemberStatus>;

/** The parts of a day a member can serve. */
export const ShiftPart = z.enum(['morning', 'afternoon', 'evening']);
export type ShiftPart = z.infer<typeof ShiftPart>;

/** When a member can serve; null = any time. */
export const Availability = z.object({
  /** 1 = Monday … 7 = Sunday. */
  weekdays: z.array(z.number().int().min(1).max(7)).max(7),
  shifts: z.array(ShiftPart).max(3),
});
export type Availability = z.infer<typeof Availability>;

export const MemberListQuery = ListQuery.extend({
  teamId: Id.optional(),
  squadId: Id.optional(),
  villageId: Id.optional(),
  status: MemberStatus.optional(),
  politicalStatus: PoliticalStatus.optional(),
  background: Background.optional(),
});

const TeamOfMember = z.object({
  membershipId: z.string(),
  teamId: z.string(),
  name: z.string(),
  colour: TeamColour,
  role: TeamRole,
  squadId: z.string().nullable(),
  squadName: z.string().nullable(),
  joinedAt: z.string(),
});

/** One row of the members list. */
export const MemberSummary = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  gender: Gender.nullable(),
  birthYear: z.number().int().nullable(),
  /** Masked. */
  mobile: z.string().nullable(),
  volunteerNo: z.string().nullable(),
  villageId: z.string().nullable(),
  villageName: z.string().nullable(),
  politicalStatus: PoliticalStatus,
  backgrounds: z.array(Background),
  status: MemberStatus,
  teams: z.array(TeamOfMember),
});
export type MemberSummary = z.infer<typeof MemberSummary>;

export const UpcomingShift = z.object({
  id: z.string(),
  date: z.string(),
  shiftName: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  workstationId: z.string(),
  workstationName: z.string().nullable(),
  personId: z.string(),
  personName: z.string().nullable(),
  status: z.string(),
});

/** The full profile. */
export const Member = MemberSummary.extend({
  /** Masked. */
  idNumber: z.string().nullable(),
  skills: z.array(z.string()),
  notes: z.string().nullable(),
  statusSince: z.string().nullable(),
  statusNote: z.string().nullable(),
  availability: Availability.nullable(),
  publicAlias: z.string().nullable(),
  upcomingShifts: z.array(UpcomingShift),
  /** Approved service hours, all time. */
  hoursApproved: z.number(),
  householdCount: z.number().int(),
  can: z.object({ update: z.boolean(), reveal: z.boolean() }),
});
export type Member = z.infer<typeof Member>;

export const MemberStatusInput = z.object({
  status: MemberStatus,
  note: optionalText(200),
  version: Version,
});

export const MemberProfileInput = z.object({
  availability: Availability.nullable().optional(),
  /** A role name shown instead of the name on public boards, e.g. 坐班队员. */
  publicAlias: optionalText(20).optional(),
  version: Version,
});

export const HouseholdInput = z.object({
  /** Head of the household. */
  headName: text(30),
  villageId: Id.nullish().transform((v) => v ?? null),
  hamletId: Id.nullish().transform((v) => v ?? null),
  address: optionalText(200),
  /** Stored encrypted, shown masked. */
  phone: optionalPhone,
  membersCount: z
    .number()
    .int()
    .min(1)
    .max(50)
    .nullish()
    .transform((v) => v ?? null),
  notes: optionalText(500),
});
export const HouseholdUpdate = HouseholdInput.partial().extend({ version: Version });
export const Household = z.object({
  id: z.string(),
  version: z.number().int(),
  personId: z.string(),
  headName: z.string(),
  villageId: z.string().nullable(),
  villageName: z.string().nullable(),
  hamletId: z.string().nullable(),
  hamletName: z.string().nullable(),
  address: z.string().nullable(),
  /** Masked. */
  phone: z.string().nullable(),
  membersCount: z.number().int().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Household = z.infer<typeof Household>;
export const HouseholdParams = z.object({ id: Id, householdId: Id });

/** Excel import. */
export const ImportState = z.enum(['validating', 'ready', 'importing', 'done', 'failed']);
export type ImportState = z.infer<typeof ImportState>;
export const ImportIssue = z.object({
  /** Spreadsheet row number (1-based, as Excel shows it); 0 for the whole file. */
  row: z.number().int(),
  /** Column header, e.g. 身份证号; '' for the whole row or file. */
  column: z.string(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof ImportIssue>;
export const ImportJob = z.object({
  jobId: z.string(),
  state: ImportState,
  processed: z.number().int(),
  total: z.number().int(),
  errors: z.array(ImportIssue),
  /** How many error rows were left off the list (it stops at 500). */
  moreErrors: z.number().int(),
  summary: z.object({
    rows: z.number().int(),
    imported: z.number().int(),
    newPeople: z.number().int(),
    memberships: z.number().int(),
    seconds: z.number().nullable(),
  }),
});
export type ImportJob = z.infer<typeof ImportJob>;
export const JobParams = z.object({ jobId: z.string().regex(/^[a-f0-9-]{36}$/, { message: 'validation.id' }) });

/** The template's columns, in order; the import matches them by header text, not position. */
export const IMPORT_COLUMNS = [
  { key: 'name', header: '姓名', required: true },
  { key: 'gender', header: '性别', required: false },
  { key: 'birthYear', header: '出生年份', required: false },
  { key: 'mobile', header: '手机号', required: true },
  { key: 'idNumber', header: '身份证号', required: false },
  { key: 'village', header: '所属村', required: false },
  { key: 'politicalStatus', header: '政治面貌', required: false },
  { key: 'backgrounds', header: '人员类别', required: false },
  { key: 'skills', header: '技能特长', required: false },
  { key: 'team', header: '服务队', required: false },
  { key: 'role', header: '队内角色', required: false },
  { key: 'squad', header: '小队', required: false },
] as const;
export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];

/** Largest file and row count an import accepts. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 20_000;

/** A team's figures for its page. */
export const TeamFigures = z.object({
  members: z.number().int(),
  squads: z.number().int(),
  /** Completed shifts of its members in the last 30 days. */
  shiftsCovered: z.number().int(),
  /** Approved service hours (of the team, or of its members) in the last 30 days. */
  hoursApproved: z.number(),
  upcomingShifts: z.array(UpcomingShift),
});
