/** Teams (服务队), their village squads (小队) and memberships. Teams are configuration, not code. */
import { z } from 'zod';
import { Can, Id, ListQuery, RecordMeta, Version, optionalText, text } from '../shared/schemas.ts';

/** The palette a team's colour is chosen from; the Youlan teams use the first five. */
export const TeamColour = z.enum(['red', 'blue', 'green', 'pink', 'orange', 'purple', 'cyan', 'gold', 'grey']);
export type TeamColour = z.infer<typeof TeamColour>;

/** Display hex for each colour. */
export const teamColourHex: Record<TeamColour, string> = {
  red: '#d4380d',
  blue: '#1677ff',
  green: '#389e0d',
  pink: '#eb2f96',
  orange: '#fa8c16',
  purple: '#722ed1',
  cyan: '#13c2c2',
  gold: '#d4b106',
  grey: '#8c8c8c',
};

export const TeamInput = z.object({
  /** Name, e.g. 红色党员先锋服务队. Unique in the town. */
  name: text(50),
  /** Colour of the team. */
  colour: TeamColour,
  /** Short focus, e.g. 平安建设. */
  focus: text(100),
  /** Longer description. */
  description: optionalText(1000),
  /** Order in lists. */
  sort: z.number().int().min(0).max(9999).default(0),
});
// zod's partial() keeps defaults: sort is re-declared so an edit never resets it.
export const TeamUpdate = TeamInput.partial().extend({
  sort: TeamInput.shape.sort.unwrap().optional(),
  version: Version,
  disabled: z.boolean().optional(),
});
export const Team = z.object({
  ...RecordMeta,
  name: z.string(),
  colour: TeamColour,
  focus: z.string(),
  description: z.string().nullable(),
  sort: z.number().int(),
  memberCount: z.number().int(),
  squadCount: z.number().int(),
  leaders: z.array(z.object({ personId: z.string(), name: z.string() })),
  can: Can,
});
export type Team = z.infer<typeof Team>;
export const TeamListQuery = ListQuery;

export const SquadInput = z.object({
  /** The team this squad belongs to. */
  teamId: Id,
  /** The village it serves. */
  villageId: Id,
  /** Name, e.g. 红色服务队厚田小队. */
  name: text(50),
});
export const SquadUpdate = SquadInput.omit({ teamId: true })
  .partial()
  .extend({ version: Version, disabled: z.boolean().optional() });
export const Squad = z.object({
  ...RecordMeta,
  teamId: z.string(),
  teamName: z.string(),
  villageId: z.string(),
  villageName: z.string(),
  name: z.string(),
  memberCount: z.number().int(),
  can: Can,
});
export type Squad = z.infer<typeof Squad>;
export const SquadListQuery = ListQuery.extend({ teamId: Id.optional(), villageId: Id.optional() });

/** A member's role within one team. */
export const TeamRole = z.enum(['leader', 'deputy_leader', 'squad_leader', 'member']);
export type TeamRole = z.infer<typeof TeamRole>;

export const MembershipInput = z.object({
  /** The person joining. */
  personId: Id,
  /** Role in this team. */
  role: TeamRole.default('member'),
  /** Optional village squad of this team. */
  squadId: Id.nullish().transform((v) => v ?? null),
});
export const MembershipUpdate = z.object({
  role: TeamRole.optional(),
  squadId: Id.nullish(),
  version: Version,
});
export const Membership = z.object({
  id: z.string(),
  version: z.number().int(),
  teamId: z.string(),
  teamName: z.string(),
  teamColour: TeamColour,
  personId: z.string(),
  personName: z.string(),
  villageName: z.string().nullable(),
  mobile: z.string().nullable(),
  role: TeamRole,
  squadId: z.string().nullable(),
  squadName: z.string().nullable(),
  joinedAt: z.string(),
});
export type Membership = z.infer<typeof Membership>;
export const MembershipListQuery = ListQuery.extend({ squadId: Id.optional(), role: TeamRole.optional() });
