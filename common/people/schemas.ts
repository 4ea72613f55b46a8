/** People: one record per person, whatever teams and roles they hold. */
import { z } from 'zod';
import {
  Can,
  Id,
  ListQuery,
  RecordMeta,
  Version,
  optionalIdNumber,
  optionalMobile,
  optionalText,
  text,
} from '../shared/schemas.ts';
import { TeamColour, TeamRole } from '../teams/schemas.ts';

export const Gender = z.enum(['male', 'female']);

/** 政治面貌. */
export const PoliticalStatus = z.enum(['cpc_member', 'cpc_probationary', 'cyl_member', 'democratic_party', 'masses']);
export type PoliticalStatus = z.infer<typeof PoliticalStatus>;

/** Where a member comes from (one person may have several). */
export const Background = z.enum([
  'party_member',
  'village_sage',
  'returning_student',
  'large_farmer',
  'new_farmer',
  'volunteer_association',
  'retired_cadre',
  'retired_teacher',
  'veteran',
  'model_worker',
  'expert',
  'other',
]);
export type Background = z.infer<typeof Background>;

export const PersonInput = z.object({
  /** Full name. */
  name: text(30),
  gender: Gender.nullish().transform((v) => v ?? null),
  /** Year of birth. */
  birthYear: z
    .number()
    .int()
    .min(1900, { message: 'validation.birthYear' })
    .max(new Date().getFullYear(), { message: 'validation.birthYear' })
    .nullish()
    .transform((v) => v ?? null),
  /** Mainland mobile number; stored encrypted, shown masked. */
  mobile: optionalMobile,
  /** Resident ID number; stored encrypted, shown masked. */
  idNumber: optionalIdNumber,
  /** Home village. */
  villageId: Id.nullish().transform((v) => v ?? null),
  politicalStatus: PoliticalStatus.default('masses'),
  backgrounds: z.array(Background).max(12).default([]),
  /** Free-text skills, e.g. 理发, 电工. */
  skills: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  notes: optionalText(500),
});
// zod's partial() keeps defaults: fields with one are re-declared so an edit never resets what it does not send.
export const PersonUpdate = PersonInput.partial().extend({
  politicalStatus: PoliticalStatus.optional(),
  backgrounds: PersonInput.shape.backgrounds.unwrap().optional(),
  skills: PersonInput.shape.skills.unwrap().optional(),
  version: Version,
  disabled: z.boolean().optional(),
});
export const Person = z.object({
  ...RecordMeta,
  name: z.string(),
  gender: Gender.nullable(),
  birthYear: z.number().int().nullable(),
  /** Masked unless revealed. */
  mobile: z.string().nullable(),
  /** Masked unless revealed. */
  idNumber: z.string().nullable(),
  villageId: z.string().nullable(),
  villageName: z.string().nullable(),
  politicalStatus: PoliticalStatus,
  backgrounds: z.array(Background),
  skills: z.array(z.string()),
  notes: z.string().nullable(),
  volunteerNo: z.string().nullable(),
  teams: z.array(z.object({ teamId: z.string(), name: z.string(), colour: TeamColour, role: TeamRole })),
  can: Can.extend({ reveal: z.boolean() }),
});
export type Person = z.infer<typeof Person>;
export const PersonListQuery = ListQuery.extend({
  villageId: Id.optional(),
  teamId: Id.optional(),
  politicalStatus: PoliticalStatus.optional(),
});

/** Which protected field to reveal; revealing is audited. */
export const RevealInput = z.object({ field: z.enum(['mobile', 'idNumber']) });
export const RevealOutput = z.object({ field: z.enum(['mobile', 'idNumber']), value: z.string().nullable() });
