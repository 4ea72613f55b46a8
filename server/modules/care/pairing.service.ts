/** Pairing 结对帮扶: pair members with recipients, end or hand over a pairing; history is kept. */
import type { z } from 'zod';
import type { CarePairing, PairingInput, PairingListQuery, ReassignInput } from '../../../common/care/schemas.ts';
import { maskName } from '../../../common/care/figures.ts';
import { translate } from '../../../common/i18n/index.ts';
import { toCount } from '../../db/dialect.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound, staleVersion } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { notifyUsers } from '../../platform/notify.ts';
import { careAccess, readsVillage } from './care.policy.ts';
import { childOf, loadRecipient, pairingsQuery, presentPairing, teamNamesOf } from './care.repo.ts';
import { type Db, careConflict, careForbidden, careInvalid } from './care.shared.ts';

async function activeMember(db: Db, townId: string, personId: string) {
  const p = await db
    .selectFrom('people')
    .select(['id', 'name', 'member_status', 'disabled'])
    .where('town_id', '=', townId)
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!p) throw careInvalid('personId', 'care.notMember');
  const membership = await db
    .selectFrom('team_memberships')
    .select('id')
    .where('town_id', '=', townId)
    .where('person_id', '=', personId)
    .where('left_at', 'is', null)
    .executeTakeFirst();
  if (p.disabled || p.member_status !== 'active' || !membership) throw careInvalid('personId', 'care.notMember');
  return p;
}

/** Pairs a member inside the caller's transaction; returns the pairing id. */
async function pairIn(
  ctx: Ctx,
  trx: Db,
  recipient: { id: string; name: string; kinds: string; birth_year: number | null },
  personId: string,
  primary: boolean,
  now: string,
): Promise<string> {
  await activeMember(trx, ctx.actor.townId, personId);
  const existing = await trx
    .selectFrom('care_pairings')
    .select(['person_id', 'is_primary'])
    .where('town_id', '=', ctx.actor.townId)
    .where('recipient_id', '=', recipient.id)
    .where('ended_at', 'is', null)
    .execute();
  if (existing.some((e) => e.person_id === personId)) throw careConflict('care.alreadyPaired', 'personId');
  const makePrimary = primary || !existing.some((e) => e.is_primary === 1);
  if (makePrimary && existing.length)
    await trx
      .updateTable('care_pairings')
      .set((eb) => ({ is_primary: 0, version: eb('version', '+', 1), updated_at: now }))
      .where('town_id', '=', ctx.actor.townId)
      .where('recipient_id', '=', recipient.id)
      .where('ended_at', 'is', null)
      .where('is_primary', '=', 1)
      .execute();
  const id = newId();
  await trx
    .insertInto('care_pairings')
    .values({
      town_id: ctx.actor.townId,
      id,
      version: 1,
      created_at: now,
      updated_at: now,
      recipient_id: recipient.id,
      person_id: personId,
      is_primary: makePrimary ? 1 : 0,
      started_at: now,
      ended_at: null,
      end_reason: null,
      created_by: ctx.actor.userId,
      ended_by: null,
    })
    .execute();
  await writeAudit(trx, auditEvent(ctx, 'care.pair', recipient.id, { pairingId: id, personId, primary: makePrimary }));
  const users = await trx
    .selectFrom('users')
    .select('id')
    .where('town_id', '=', ctx.actor.townId)
    .where('person_id', '=', personId)
    .where('disabled', '=', 0)
    .execute();
  await notifyUsers(
    trx,
    ctx.actor.townId,
    users.map((u) => u.id),
    {
      kind: 'care.paired',
      title: translate('zh-CN', 'care.newPairing', {
        name: childOf(recipient) ? maskName(recipient.name) : recipient.name,
      }),
      link: '/h5/#/care',
    },
  );
  return id;
}

async function manageable(ctx: Ctx, db: Db, recipientId: string) {
  const r = await loadRecipient(db, ctx.actor.townId, recipientId);
  if (!r) throw notFound();
  const a = careAccess(ctx.actor);
  if (!a.manage || !readsVillage(a, r.village_id)) throw forbidden();
  if (r.status !== 'active') throw careConflict('care.inactive');
  return r;
}

async function one(ctx: Ctx, db: Db, id: string): Promise<CarePairing> {
  const row = await pairingsQuery(db, ctx.actor.townId).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return presentPairing(row, await teamNamesOf(db, ctx.actor.townId, [row.person_id]), careAccess(ctx.actor).sensitive);
}

export async function createPairing(ctx: Ctx, input: z.output<typeof PairingInput>): Promise<CarePairing> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const r = await manageable(ctx, trx, input.recipientId);
    return pairIn(ctx, trx, r, input.personId, input.primary, nowIso());
  });
  return one(ctx, ctx.db, id);
}

async function endIn(ctx: Ctx, trx: Db, id: string, version: number, reason: string, now: string) {
  const p = await trx
    .selectFrom('care_pairings')
    .selectAll()
    .where('town_id', '=', ctx.actor.townId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!p) throw notFound();
  const a = careAccess(ctx.actor);
  const r = await loadRecipient(trx, ctx.actor.townId, p.recipient_id);
  if (!r || !a.manage || !readsVillage(a, r.village_id)) throw forbidden();
  if (p.ended_at) throw careConflict('care.pairingEnded');
  if (p.version !== version) throw staleVersion();
  const result = await trx
    .updateTable('care_pairings')
    .set({ ended_at: now, end_reason: reason, ended_by: ctx.actor.userId, version: version + 1, updated_at: now })
    .where('town_id', '=', ctx.actor.townId)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
  await writeAudit(
    trx,
    auditEvent(ctx, 'care.unpair', p.recipient_id, { pairingId: id, personId: p.person_id, reason }),
  );
  return { pairing: p, recipient: r };
}

/** Promotes the longest-standing current pairing when the primary one ended. */
async function keepPrimary(ctx: Ctx, trx: Db, recipientId: string, now: string) {
  const rows = await trx
    .selectFrom('care_pairings')
    .select(['id', 'is_primary'])
    .where('town_id', '=', ctx.actor.townId)
    .where('recipient_id', '=', recipientId)
    .where('ended_at', 'is', null)
    .orderBy('started_at')
    .execute();
  if (!rows.length || rows.some((r) => r.is_primary === 1)) return;
  await trx
    .updateTable('care_pairings')
    .set((eb) => ({ is_primary: 1, version: eb('version', '+', 1), updated_at: now }))
    .where('town_id', '=', ctx.actor.townId)
    .where('id', '=', rows[0]?.id ?? '-')
    .execute();
}

export async function endPairing(ctx: Ctx, id: string, input: { version: number; reason: string }) {
  await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const { pairing } = await endIn(ctx, trx, id, input.version, input.reason, now);
    await keepPrimary(ctx, trx, pairing.recipient_id, now);
  });
  return one(ctx, ctx.db, id);
}

/** Ends one pairing and pairs another member in its place, in one step (the primary flag carries over). */
export async function reassign(ctx: Ctx, recipientId: string, input: z.output<typeof ReassignInput>) {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const r = await manageable(ctx, trx, recipientId);
    const now = nowIso();
    const { pairing } = await endIn(ctx, trx, input.pairingId, input.version, input.reason, now);
    if (pairing.recipient_id !== recipientId) throw careInvalid('pairingId', 'validation.invalidOption');
    const newId = await pairIn(ctx, trx, r, input.personId, pairing.is_primary === 1, now);
    await keepPrimary(ctx, trx, recipientId, now);
    return newId;
  });
  return one(ctx, ctx.db, id);
}

/** Pairings per recipient or per member; a member without care.read sees only their own. */
export async function listPairings(ctx: Ctx, q: z.output<typeof PairingListQuery>) {
  const a = careAccess(ctx.actor);
  let query = pairingsQuery(ctx.db, ctx.actor.townId);
  if (!a.read) {
    if (!a.visit || !a.personId) throw careForbidden('care.noPerson');
    if (q.personId && q.personId !== a.personId) throw careForbidden('care.notPaired');
    query = query.where('c.person_id', '=', a.personId);
  } else if (!a.town) {
    query = query.where('r.village_id', 'in', a.villageIds.length ? a.villageIds : ['-']);
  }
  if (q.recipientId) query = query.where('c.recipient_id', '=', q.recipientId);
  if (q.personId) query = query.where('c.person_id', '=', q.personId);
  if (!q.includeEnded) query = query.where('c.ended_at', 'is', null);
  const count = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  const rows = await query
    .orderBy('c.started_at', 'desc')
    .orderBy('c.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const teams = await teamNamesOf(
    ctx.db,
    ctx.actor.townId,
    rows.map((r) => r.person_id),
  );
  return {
    items: rows.map((r) => presentPairing(r, teams, a.sensitive || !a.read)),
    total: toCount(count?.n as number | string | undefined),
    page: q.page,
    pageSize: q.pageSize,
  };
}
