/** People: one record per person; phone and ID numbers encrypted, masked, revealed only with an audit row. */
import type { z } from 'zod';
import type {
  Background,
  Person,
  PersonInput,
  PersonListQuery,
  PersonUpdate,
  PoliticalStatus,
} from '../../../common/people/schemas.ts';
import { isValidMobile, maskIdNumber, maskMobile, normaliseMobile } from '../../../common/privacy/identity.ts';
import type { TeamColour, TeamRole } from '../../../common/teams/schemas.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidField, notFound } from '../../platform/errors.ts';
import type { Page } from '../../platform/paging.ts';
import { createRecord, flag, updateRecord } from '../../platform/records.ts';
import { nextSequence } from '../../platform/sequences.ts';
import { getVillage } from '../org/villages.repo.ts';
import { canRevealPerson, canWritePerson, peopleScope } from './people.policy.ts';
import { type PersonRow, exportPeople, getPerson, listPeople, teamsOf } from './people.repo.ts';

const UNIQUE = { mobile: 'mobile', id_number: 'idNumber', volunteer_no: 'volunteerNo' };
type Query = z.output<typeof PersonListQuery>;

const parseList = <T>(json: string): T[] => {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
};

async function present(ctx: Ctx, rows: PersonRow[]): Promise<Person[]> {
  const teams = await teamsOf(
    ctx.db,
    ctx.actor.townId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const write = canWritePerson(ctx.actor, row.village_id);
    return {
      id: row.id,
      version: row.version,
      disabled: flag(row.disabled),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      name: row.name,
      gender: row.gender === 'male' || row.gender === 'female' ? row.gender : null,
      birthYear: row.birth_year,
      mobile: row.mobile_mask,
      idNumber: row.id_number_mask,
      villageId: row.village_id,
      villageName: row.village_name ?? null,
      politicalStatus: row.political_status as PoliticalStatus,
      backgrounds: parseList<Background>(row.backgrounds),
      skills: parseList<string>(row.skills),
      notes: row.notes,
      volunteerNo: row.volunteer_no,
      teams: teams
        .filter((t) => t.person_id === row.id)
        .map((t) => ({ teamId: t.team_id, name: t.name, colour: t.colour as TeamColour, role: t.role as TeamRole })),
      can: { update: write, disable: write, reveal: canRevealPerson(ctx.actor, row.village_id) },
    };
  });
}

function filterOf(ctx: Ctx, query: Query) {
  const mobile = query.q ? normaliseMobile(query.q) : '';
  return {
    ...query,
    mobileHash: isValidMobile(mobile) ? ctx.sealer.hash(mobile) : null,
    scope: peopleScope(ctx.actor),
  };
}

export async function list(ctx: Ctx, query: Query): Promise<Page<Person>> {
  const page = await listPeople(ctx.db, ctx.actor.townId, filterOf(ctx, query), query.page, query.pageSize);
  return { ...page, items: await present(ctx, page.items) };
}

export async function exportAll(ctx: Ctx, query: Query): Promise<Person[]> {
  return present(ctx, await exportPeople(ctx.db, ctx.actor.townId, filterOf(ctx, query)));
}

async function row(ctx: Ctx, id: string): Promise<PersonRow> {
  const found = await getPerson(ctx.db, ctx.actor.townId, id, peopleScope(ctx.actor));
  if (!found) throw notFound();
  return found;
}

export async function get(ctx: Ctx, id: string): Promise<Person> {
  const [person] = await present(ctx, [await row(ctx, id)]);
  if (!person) throw notFound();
  return person;
}

/** Columns for the protected numbers: sealed value, lookup hash, display mask. */
function sealed(ctx: Ctx, input: { mobile?: string | null | undefined; idNumber?: string | null | undefined }) {
  const out: Record<string, string | null> = {};
  if (input.mobile !== undefined) {
    out.mobile_enc = input.mobile ? ctx.sealer.encrypt(input.mobile) : null;
    out.mobile_hash = input.mobile ? ctx.sealer.hash(input.mobile) : null;
    out.mobile_mask = maskMobile(input.mobile);
  }
  if (input.idNumber !== undefined) {
    out.id_number_enc = input.idNumber ? ctx.sealer.encrypt(input.idNumber) : null;
    out.id_number_hash = input.idNumber ? ctx.sealer.hash(input.idNumber) : null;
    out.id_number_mask = maskIdNumber(input.idNumber);
  }
  return out;
}

async function checkVillage(ctx: Ctx, villageId: string | null | undefined): Promise<void> {
  if (villageId && !(await getVillage(ctx.db, ctx.actor.townId, villageId)))
    throw invalidField('villageId', 'validation.id');
  if (villageId !== undefined && !canWritePerson(ctx.actor, villageId ?? null)) throw forbidden();
}

export async function create(ctx: Ctx, input: z.output<typeof PersonInput>): Promise<Person> {
  await checkVillage(ctx, input.villageId);
  const { mobile, idNumber, villageId, birthYear, politicalStatus, backgrounds, skills, ...rest } = input;
  const town = await ctx.db
    .selectFrom('towns')
    .select('prefix')
    .where('id', '=', ctx.actor.townId)
    .executeTakeFirstOrThrow();
  const seq = await nextSequence(ctx.db, ctx.actor.townId, 'volunteer_no');
  const id = await createRecord(ctx, {
    table: 'people',
    entity: 'person',
    unique: UNIQUE,
    values: {
      ...rest,
      ...sealed(ctx, { mobile, idNumber }),
      village_id: villageId,
      birth_year: birthYear,
      political_status: politicalStatus,
      backgrounds: JSON.stringify(backgrounds),
      skills: JSON.stringify(skills),
      volunteer_no: `${town.prefix}${String(seq).padStart(6, '0')}`,
      disabled: 0,
    },
    audit: { name: input.name, villageId, mobile: maskMobile(mobile), idNumber: maskIdNumber(idNumber) },
  });
  return get(ctx, id);
}

export async function update(ctx: Ctx, id: string, input: z.output<typeof PersonUpdate>): Promise<Person> {
  const before = await get(ctx, id);
  if (!before.can.update) throw forbidden();
  if (input.villageId !== undefined && input.villageId !== before.villageId) await checkVillage(ctx, input.villageId);
  const { mobile, idNumber, backgrounds, skills, ...rest } = input;
  const changed = Object.keys(input).filter((k) => k !== 'version');
  await updateRecord(ctx, {
    table: 'people',
    entity: 'person',
    id,
    unique: UNIQUE,
    before,
    input: rest,
    columns: { villageId: 'village_id', birthYear: 'birth_year', politicalStatus: 'political_status' },
    extra: {
      ...sealed(ctx, { mobile, idNumber }),
      ...(backgrounds ? { backgrounds: JSON.stringify(backgrounds) } : {}),
      ...(skills ? { skills: JSON.stringify(skills) } : {}),
    },
    // Personal numbers never enter the trail, not even masked; the fields that changed do.
    auditDetail: { fields: changed },
  });
  return get(ctx, id);
}

/** Shows one protected number in full, and records who saw it. */
export async function reveal(
  ctx: Ctx,
  id: string,
  field: 'mobile' | 'idNumber',
): Promise<{ field: 'mobile' | 'idNumber'; value: string | null }> {
  const found = await row(ctx, id);
  if (!canRevealPerson(ctx.actor, found.village_id)) throw forbidden();
  const sealedValue = field === 'mobile' ? found.mobile_enc : found.id_number_enc;
  const value = sealedValue ? ctx.sealer.decrypt(sealedValue) : null;
  await writeAudit(ctx.db, auditEvent(ctx, 'person.reveal', id, { field }));
  return { field, value };
}
