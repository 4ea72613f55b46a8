/** The households a member is responsible for (党员联系户); phone encrypted, shown masked. */
import type { z } from 'zod';
import type { Household, HouseholdInput, HouseholdUpdate } from '../../../common/members/schemas.ts';
import { maskMobile } from '../../../common/privacy/identity.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidField, notFound, staleVersion } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { guardConstraints } from '../../platform/records.ts';
import { canWritePerson } from '../people/people.policy.ts';
import { memberRow } from './members.service.ts';

const columns = (ctx: Ctx) =>
  ctx.db
    .selectFrom('households as h')
    .leftJoin('villages as v', (j) => j.onRef('v.town_id', '=', 'h.town_id').onRef('v.id', '=', 'h.village_id'))
    .leftJoin('hamlets as a', (j) => j.onRef('a.town_id', '=', 'h.town_id').onRef('a.id', '=', 'h.hamlet_id'))
    .selectAll('h')
    .select(['v.name as village_name', 'a.name as hamlet_name'])
    .where('h.town_id', '=', ctx.actor.townId)
    .where('h.disabled', '=', 0);

type Row = Awaited<ReturnType<ReturnType<typeof columns>['execute']>>[number];

const present = (r: Row): Household => ({
  id: r.id,
  version: r.version,
  personId: r.person_id,
  headName: r.head_name,
  villageId: r.village_id,
  villageName: r.village_name ?? null,
  hamletId: r.hamlet_id,
  hamletName: r.hamlet_name ?? null,
  address: r.address,
  phone: r.phone_mask,
  membersCount: r.members_count,
  notes: r.notes,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function list(ctx: Ctx, personId: string): Promise<Household[]> {
  await memberRow(ctx, personId);
  const rows = await columns(ctx).where('h.person_id', '=', personId).orderBy('h.created_at').execute();
  return rows.map(present);
}

async function writable(ctx: Ctx, personId: string): Promise<void> {
  const row = await memberRow(ctx, personId);
  if (!canWritePerson(ctx.actor, row.village_id)) throw forbidden();
}

async function checkPlace(ctx: Ctx, villageId: string | null | undefined, hamletId: string | null | undefined) {
  if (villageId) {
    const v = await ctx.db
      .selectFrom('villages')
      .select('id')
      .where('town_id', '=', ctx.actor.townId)
      .where('id', '=', villageId)
      .executeTakeFirst();
    if (!v) throw invalidField('villageId', 'validation.id');
  }
  if (hamletId) {
    const h = await ctx.db
      .selectFrom('hamlets')
      .select(['id', 'village_id'])
      .where('town_id', '=', ctx.actor.townId)
      .where('id', '=', hamletId)
      .executeTakeFirst();
    if (!h) throw invalidField('hamletId', 'validation.id');
    if (villageId && h.village_id !== villageId) throw invalidField('hamletId', 'validation.hamletVillage');
  }
}

const phoneColumns = (ctx: Ctx, phone: string | null) => ({
  phone_enc: phone ? ctx.sealer.encrypt(phone) : null,
  phone_mask: maskMobile(phone),
});

async function one(ctx: Ctx, personId: string, id: string): Promise<Household> {
  const row = await columns(ctx).where('h.person_id', '=', personId).where('h.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return present(row);
}

export async function create(ctx: Ctx, personId: string, input: z.output<typeof HouseholdInput>): Promise<Household> {
  await writable(ctx, personId);
  await checkPlace(ctx, input.villageId, input.hamletId);
  const id = newId();
  const now = nowIso();
  await guardConstraints({}, () =>
    ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('households')
        .values({
          town_id: ctx.actor.townId,
          id,
          version: 1,
          created_at: now,
          updated_at: now,
          person_id: personId,
          village_id: input.villageId,
          hamlet_id: input.hamletId,
          head_name: input.headName,
          address: input.address,
          ...phoneColumns(ctx, input.phone),
          members_count: input.membersCount,
          notes: input.notes,
          disabled: 0,
        })
        .execute();
      await writeAudit(trx, auditEvent(ctx, 'household.create', id, { personId, headName: input.headName }));
    }),
  );
  return one(ctx, personId, id);
}

export async function update(
  ctx: Ctx,
  personId: string,
  id: string,
  input: z.output<typeof HouseholdUpdate>,
): Promise<Household> {
  await writable(ctx, personId);
  const before = await one(ctx, personId, id);
  await checkPlace(ctx, input.villageId ?? before.villageId, input.hamletId);
  const { version, phone, headName, villageId, hamletId, address, membersCount, notes } = input;
  const set = {
    ...(headName !== undefined ? { head_name: headName } : {}),
    ...(villageId !== undefined ? { village_id: villageId } : {}),
    ...(hamletId !== undefined ? { hamlet_id: hamletId } : {}),
    ...(address !== undefined ? { address } : {}),
    ...(membersCount !== undefined ? { members_count: membersCount } : {}),
    ...(notes !== undefined ? { notes } : {}),
    ...(phone !== undefined ? phoneColumns(ctx, phone) : {}),
  };
  await ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('households')
      .set({ ...set, version: version + 1, updated_at: nowIso() })
      .where('town_id', '=', ctx.actor.townId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
    await writeAudit(
      trx,
      auditEvent(ctx, 'household.update', id, { personId, fields: Object.keys(input).filter((k) => k !== 'version') }),
    );
  });
  return one(ctx, personId, id);
}

/** Removes the household from the member's list (the row stays, disabled). */
export async function remove(ctx: Ctx, personId: string, id: string): Promise<void> {
  await writable(ctx, personId);
  await one(ctx, personId, id);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('households')
      .set((eb) => ({ disabled: 1, updated_at: nowIso(), version: eb('version', '+', 1) }))
      .where('town_id', '=', ctx.actor.townId)
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, auditEvent(ctx, 'household.remove', id, { personId }));
  });
}
