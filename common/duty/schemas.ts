/** Duty rosters 排班: rules, shifts, check-in/out, leave, swaps and the service-hours ledger. */
import { z } from 'zod';
import { Id, Version, optionalText, text } from '../shared/schemas.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'validation.time' });
/** A calendar date, YYYY-MM-DD. */
export const DateText = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'validation.date' });
/** A month, YYYY-MM. */
export const MonthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'validation.month' });

/** One shift of a workstation's day, e.g. 上午 08:30–12:00 for two members. */
export const ShiftDef = z.object({
  /** Machine key, e.g. `morning`. */
  key: z.string().regex(/^[a-z0-9_-]{1,20}$/, { message: 'validation.shiftKey' }),
  /** Shown name, e.g. 上午. */
  name: text(10),
  start: hhmm,
  end: hhmm,
  /** How many members staff it (1–10). */
  size: z.number().int().min(1).max(10),
});
export type ShiftDef = z.infer<typeof ShiftDef>;

export const DEFAULT_SHIFTS: ShiftDef[] = [
  { key: 'morning', name: '上午', start: '08:30', end: '12:00', size: 2 },
  { key: 'afternoon', name: '下午', start: '14:30', end: '17:30', size: 2 },
];

/** The rule editor's body: shifts, staffed weekdays, holidays and the pool. */
export const RosterRuleInput = z
  .object({
    shifts: z.array(ShiftDef).min(1).max(6),
    /** 1 = Monday … 7 = Sunday. */
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    /** Leave the town calendar's public holidays unstaffed. */
    skipHolidays: z.boolean(),
    /** The members who take turns. */
    poolPersonIds: z.array(Id).max(300),
    /** The rule's version when it already exists. */
    version: Version.optional(),
  })
  .superRefine((v, ctx) => {
    const keys = new Set<string>();
    v.shifts.forEach((s, i) => {
      if (s.end <= s.start)
        ctx.addIssue({ code: 'custom', path: ['shifts', i, 'end'], message: 'validation.endAfterStart' });
      if (keys.has(s.key))
        ctx.addIssue({ code: 'custom', path: ['shifts', i, 'key'], message: 'validation.duplicateKey' });
      keys.add(s.key);
    });
  });
export type RosterRuleInput = z.infer<typeof RosterRuleInput>;

/** A member as shown on rosters: name and masked mobile only. */
export const DutyPerson = z.object({
  id: z.string(),
  name: z.string(),
  mobile: z.string().nullable(),
  villageName: z.string().nullable(),
  /** `{"weekdays":[1..7],"shifts":[keys]}`; null = any time. */
  availability: z
    .object({ weekdays: z.array(z.number()).optional(), shifts: z.array(z.string()).optional() })
    .nullable(),
  active: z.boolean(),
});
export type DutyPerson = z.infer<typeof DutyPerson>;

export const RosterRule = z.object({
  id: z.string().nullable(),
  workstationId: z.string(),
  workstationName: z.string(),
  shifts: z.array(ShiftDef),
  weekdays: z.array(z.number()),
  skipHolidays: z.boolean(),
  pool: z.array(DutyPerson),
  version: z.number().int(),
  can: z.object({ manage: z.boolean() }),
});
export type RosterRule = z.infer<typeof RosterRule>;

export const GenerateInput = z.object({ month: MonthText, replace: z.boolean().optional() });
export const GenerateResult = z.object({
  created: z.number().int(),
  skipped: z.array(z.object({ date: z.string(), shift: z.string(), reason: z.string() })),
});
export type GenerateResult = z.infer<typeof GenerateResult>;

export const SHIFT_STATUSES = ['scheduled', 'checked_in', 'completed', 'no_show', 'cancelled'] as const;
export const ShiftStatus = z.enum(SHIFT_STATUSES);

/** One person's place in a shift. */
export const ShiftView = z.object({
  id: z.string(),
  version: z.number().int(),
  workstationId: z.string(),
  workstationName: z.string(),
  date: z.string(),
  shiftKey: z.string(),
  shiftName: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  personId: z.string(),
  personName: z.string(),
  mobile: z.string().nullable(),
  status: ShiftStatus,
  checkInAt: z.string().nullable(),
  checkOutAt: z.string().nullable(),
  lateMinutes: z.number().int().nullable(),
  hours: z.number().nullable(),
  handoverNote: z.string().nullable(),
  inPool: z.boolean(),
});
export type ShiftView = z.infer<typeof ShiftView>;

export const ShiftWithWarnings = ShiftView.extend({ warnings: z.array(z.string()) });

export const RosterQuery = z.object({ month: MonthText });
export const RosterDay = z.object({
  date: z.string(),
  weekday: z.number().int(),
  staffed: z.boolean(),
  holiday: z.string().nullable(),
  slots: z.array(z.object({ key: z.string(), name: z.string(), size: z.number().int(), people: z.array(ShiftView) })),
});
export const Roster = z.object({
  workstationId: z.string(),
  workstationName: z.string(),
  month: z.string(),
  shifts: z.array(ShiftDef),
  days: z.array(RosterDay),
  can: z.object({ manage: z.boolean() }),
});
export type Roster = z.infer<typeof Roster>;

export const ShiftInput = z.object({
  workstationId: Id,
  date: DateText,
  shiftKey: z.string().min(1).max(20),
  personId: Id,
});
export const ShiftUpdate = z.object({ personId: Id, version: Version });

export const CheckInInput = z.object({ workstationId: Id });
export const CheckOutInput = z.object({ shiftId: Id, handoverNote: optionalText(500) });
export const DeskCheckOutInput = z.object({ handoverNote: optionalText(500) });

export const OnDutyPerson = z.object({
  shiftId: z.string(),
  name: z.string(),
  mobile: z.string().nullable(),
  shiftName: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  checkedIn: z.boolean(),
});
export const OnDuty = z.object({
  workstationId: z.string(),
  workstationName: z.string(),
  items: z.array(OnDutyPerson),
});
/** The resident's view: a name or the member's public alias, masked phone, the shift. No ID numbers. */
export const PublicOnDutyPerson = z.object({
  name: z.string(),
  mobile: z.string().nullable(),
  shiftName: z.string(),
  startAt: z.string(),
  endAt: z.string(),
});
export const PublicOnDuty = z.object({ workstationId: z.string(), items: z.array(PublicOnDutyPerson) });
export const PublicTownOnDuty = z.object({ items: z.array(PublicOnDuty) });

export const Handover = z.object({
  note: z.string().nullable(),
  personName: z.string().nullable(),
  at: z.string().nullable(),
  shiftName: z.string().nullable(),
  date: z.string().nullable(),
});

export const DECISION_STATUSES = ['pending', 'approved', 'declined', 'cancelled'] as const;

export const LeaveInput = z
  .object({ from: DateText, to: DateText, reason: text(200) })
  .refine((v) => v.to >= v.from, { path: ['to'], message: 'validation.endAfterStart' });
export const Leave = z.object({
  id: z.string(),
  version: z.number().int(),
  personId: z.string(),
  personName: z.string(),
  from: z.string(),
  to: z.string(),
  reason: z.string().nullable(),
  status: z.enum(DECISION_STATUSES),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  can: z.object({ decide: z.boolean() }),
});
export type Leave = z.infer<typeof Leave>;

export const SwapInput = z
  .object({ shiftId: Id, targetPersonId: Id.optional(), targetShiftId: Id.optional(), reason: text(200) })
  .refine((v) => !!v.targetPersonId !== !!v.targetShiftId, {
    path: ['targetPersonId'],
    message: 'validation.swapTarget',
  });
export const Swap = z.object({
  id: z.string(),
  version: z.number().int(),
  personId: z.string(),
  personName: z.string(),
  shift: ShiftView,
  targetPersonId: z.string().nullable(),
  targetPersonName: z.string().nullable(),
  targetShift: ShiftView.nullable(),
  reason: z.string().nullable(),
  status: z.enum(DECISION_STATUSES),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  can: z.object({ decide: z.boolean() }),
});
export type Swap = z.infer<typeof Swap>;

export const DecideInput = z.object({ approve: z.boolean(), note: optionalText(200), version: Version });
export const DecisionListQuery = z.object({ status: z.enum(DECISION_STATUSES).optional() });

export const HOURS_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const ServiceHour = z.object({
  id: z.string(),
  version: z.number().int(),
  personId: z.string(),
  personName: z.string(),
  teamName: z.string().nullable(),
  source: z.string(),
  sourceId: z.string(),
  date: z.string(),
  hours: z.number(),
  content: z.string().nullable(),
  status: z.enum(HOURS_STATUSES),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  can: z.object({ decide: z.boolean() }),
});
export type ServiceHour = z.infer<typeof ServiceHour>;
export const HoursQuery = z.object({
  status: z.enum(HOURS_STATUSES).optional(),
  teamId: Id.optional(),
  personId: Id.optional(),
});
export const BatchApproveInput = z.object({ ids: z.array(Id).min(1).max(500) });
export const MyHours = z.object({
  items: z.array(ServiceHour),
  totals: z.object({ approved: z.number(), pending: z.number() }),
});

export const MyShifts = z.object({
  person: z.object({
    id: z.string(),
    name: z.string(),
    volunteerNo: z.string().nullable(),
    teams: z.array(z.object({ id: z.string(), name: z.string(), colour: z.string(), role: z.string() })),
  }),
  upcoming: z.array(ShiftView),
  past: z.array(ShiftView),
  leaves: z.array(Leave),
  swaps: z.array(Swap),
});
export type MyShifts = z.infer<typeof MyShifts>;

/** The workstations' on-duty board of the staff app. */
export const DutyBoard = z.object({ items: z.array(OnDuty) });
