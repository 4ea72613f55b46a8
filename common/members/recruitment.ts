/** Recruitment: a resident applies on H5, a leader or the town reviews. */
import { z } from 'zod';
import { Background, Gender, PoliticalStatus } from '../people/schemas.ts';
import { Id, ListQuery, Version, mobile, optionalIdNumber, optionalText, text } from '../shared/schemas.ts';
import { TeamColour, TeamRole } from '../teams/schemas.ts';

export const ApplicationStatus = z.enum(['pending', 'approved', 'declined']);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

/** What the H5 form sends. */
export const PublicApplicationInput = z.object({
  /** Town code; optional when the server hosts one town. */
  town: z.string().max(32).optional(),
  name: text(30),
  gender: Gender.nullish().transform((v) => v ?? null),
  birthYear: z
    .number()
    .int()
    .min(1900, { message: 'validation.birthYear' })
    .max(new Date().getFullYear(), { message: 'validation.birthYear' })
    .nullish()
    .transform((v) => v ?? null),
  mobile,
  idNumber: optionalIdNumber,
  villageId: Id.nullish().transform((v) => v ?? null),
  politicalStatus: PoliticalStatus.default('masses'),
  backgrounds: z.array(Background).max(12).default([]),
  skills: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  /** The teams to join; at least one. */
  teamIds: z.array(Id).min(1, { message: 'validation.required' }).max(10),
  motivation: optionalText(500),
  /** The applicant agreed to the privacy notice. */
  consent: z.literal(true, { message: 'validation.consent' }),
});

export const ApplicationReceipt = z.object({ code: z.string() });

export const PublicTeam = z.object({ id: z.string(), name: z.string(), colour: TeamColour, focus: z.string() });

/** What the applicant sees when following their application. */
export const PublicApplication = z.object({
  code: z.string(),
  status: ApplicationStatus,
  /** The status in plain words. */
  statusText: z.string(),
  declineReason: z.string().nullable(),
  teams: z.array(z.string()),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
});

export const TrackApplicationQuery = z.object({
  last4: z.string().regex(/^\d{4}$/, { message: 'validation.last4' }),
});

export const ApplicationListQuery = ListQuery.extend({
  status: ApplicationStatus.optional(),
  teamId: Id.optional(),
});

export const Application = z.object({
  id: z.string(),
  version: z.number().int(),
  code: z.string(),
  status: ApplicationStatus,
  name: z.string(),
  gender: Gender.nullable(),
  birthYear: z.number().int().nullable(),
  /** Masked. */
  mobile: z.string(),
  /** Masked. */
  idNumber: z.string().nullable(),
  villageId: z.string().nullable(),
  villageName: z.string().nullable(),
  politicalStatus: PoliticalStatus,
  backgrounds: z.array(Background),
  skills: z.array(z.string()),
  teams: z.array(z.object({ id: z.string(), name: z.string(), colour: TeamColour })),
  motivation: z.string().nullable(),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
  reviewerName: z.string().nullable(),
  declineReason: z.string().nullable(),
  personId: z.string().nullable(),
  /** An existing person with the same mobile number, whom approval will link. */
  existingPersonId: z.string().nullable(),
  can: z.object({ review: z.boolean() }),
});
export type Application = z.infer<typeof Application>;

export const ApproveInput = z.object({
  /** Teams and roles to add; defaults to the teams applied for, as plain members. */
  teamRoles: z
    .array(z.object({ teamId: Id, role: TeamRole }))
    .max(10)
    .optional(),
  squadId: Id.nullish(),
  version: Version,
});
export const ApproveResult = z.object({
  application: Application,
  personId: z.string(),
  username: z.string(),
  /** Shown once; null when the person already had an account. */
  temporaryPassword: z.string().nullable(),
});
export const DeclineInput = z.object({ reason: text(200), version: Version });
