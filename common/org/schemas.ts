/** Organisation: villages (行政村/社区), hamlets (自然村), workstations (工作室), departments (职能部门). */
import { z } from 'zod';
import { Can, Id, ListQuery, RecordMeta, Version, optionalPhone, optionalText, text } from '../shared/schemas.ts';

export const VillageKind = z.enum(['village', 'community']);

export const VillageInput = z.object({
  /** Name, e.g. 厚田村. Unique in the town. */
  name: text(50),
  /** 行政村 or 社区. */
  kind: VillageKind.default('village'),
  /** 12-digit statistical division code (统计用区划代码), optional. */
  code: z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^\d{12}$/.test(v), { message: 'validation.divisionCode' }),
  /** Order in lists. */
  sort: z.number().int().min(0).max(9999).default(0),
});
// zod's partial() keeps defaults: fields with one are re-declared so an edit never resets what it does not send.
export const VillageUpdate = VillageInput.partial().extend({
  kind: VillageKind.optional(),
  sort: VillageInput.shape.sort.unwrap().optional(),
  version: Version,
  disabled: z.boolean().optional(),
});
export const Village = z.object({
  ...RecordMeta,
  name: z.string(),
  kind: VillageKind,
  code: z.string().nullable(),
  sort: z.number().int(),
  hamletCount: z.number().int(),
  workstationCount: z.number().int(),
  can: Can,
});
export type Village = z.infer<typeof Village>;
export const VillageListQuery = ListQuery;

export const HamletInput = z.object({
  /** The village it belongs to. */
  villageId: Id,
  /** Name, e.g. 北黄. Unique in its village. */
  name: text(50),
});
export const HamletUpdate = HamletInput.partial().extend({ version: Version, disabled: z.boolean().optional() });
export const Hamlet = z.object({
  ...RecordMeta,
  villageId: z.string(),
  villageName: z.string(),
  name: z.string(),
  can: Can,
});
export type Hamlet = z.infer<typeof Hamlet>;
export const HamletListQuery = ListQuery.extend({ villageId: Id.optional() });

export const WorkstationLevel = z.enum(['town', 'village']);
export const WorkstationInput = z.object({
  /** Name, e.g. 厚田村党群连心工作室. */
  name: text(80),
  /** Town-level or village-level. */
  level: WorkstationLevel.default('village'),
  /** Required for a village-level workstation. */
  villageId: Id.nullish().transform((v) => v ?? null),
  /** Street address shown to residents. */
  address: text(200),
  /** Opening hours as residents read them, e.g. 周一至周五 8:30–12:00，14:30–17:30. */
  openingHours: text(200),
  /** Desk phone, public. */
  phone: optionalPhone,
  /** WGS-84 coordinates, optional. */
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
});
export const WorkstationUpdate = WorkstationInput.partial().extend({
  level: WorkstationLevel.optional(),
  version: Version,
  disabled: z.boolean().optional(),
});
export const Workstation = z.object({
  ...RecordMeta,
  name: z.string(),
  level: WorkstationLevel,
  villageId: z.string().nullable(),
  villageName: z.string().nullable(),
  address: z.string(),
  openingHours: z.string(),
  phone: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  can: Can,
});
export type Workstation = z.infer<typeof Workstation>;
export const WorkstationListQuery = ListQuery.extend({ villageId: Id.optional(), level: WorkstationLevel.optional() });

export const DepartmentInput = z.object({
  /** Name, e.g. 镇村建办. Unique in the town. */
  name: text(80),
  /** Office phone. */
  phone: optionalPhone,
  /** What it handles, shown when dispatching. */
  duties: optionalText(500),
});
export const DepartmentUpdate = DepartmentInput.partial().extend({
  version: Version,
  disabled: z.boolean().optional(),
});
export const Department = z.object({
  ...RecordMeta,
  name: z.string(),
  phone: z.string().nullable(),
  duties: z.string().nullable(),
  can: Can,
});
export type Department = z.infer<typeof Department>;
export const DepartmentListQuery = ListQuery;

/** The town as the public sees it. */
export const PublicTown = z.object({
  code: z.string(),
  name: z.string(),
  county: z.string().nullable(),
  workstations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      level: WorkstationLevel,
      villageName: z.string().nullable(),
      address: z.string(),
      openingHours: z.string(),
      phone: z.string().nullable(),
    }),
  ),
});
