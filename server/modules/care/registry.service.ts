/** The care registry: list, export, register, edit (incl. ending care), the audited full view and reveals. */
import { sql } from 'kysely';
import type { z } from 'zod';
import {
  type CareRecipientDetail,
  FREQUENCY_DAYS,
  type MyCare,
  type OverdueItem,
  type RecipientInput,
  type RecipientListQuery,
  type RecipientUpdate,
  type RevealField,
} from '../../../common/care/schemas.ts';
import { isChild, maskName, nextDueAt, overdueDays, shanghaiMonthOf } from '../../../common/care/figures.ts';
import { ErrorCode } from '../../../common/errors/codes.ts';
import { translate } from '../../../common/i18n/index.ts';
import { maskIdNumber, maskMobile, normaliseMobile, isValidMobile } from '../../../common/privacy/identity.ts';
import { containsText, toCount } from '../../db/dialect.ts';
import type { CareRecipientTable } from '../../db/schema-care.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidField, notFound, staleVersion } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { guardConstraints } from '../../platform/records.ts';
import { type CareAccess, careAccess, isPaired, readsVillage, viewOf } from './care.policy.ts';
import {
  type RecipientRow,
  childOf,
  currentPairings,
  kindsOf,
  loadRecipient,
  pairingsQuery,
  presentListRow,
  presentPairing,
  recipientsQuery,
  teamNamesOf,
} from './care.repo.ts';
import { CareError, type Db, careForbidden, careInvalid, parseJson } from './care.shared.ts';

type ListQ = z.output<typeof RecipientListQuery>;
const UNIQUE = { id_number_hash: 'idNumber' };

/** The recipients the actor's registry role reaches, filtered. */
function filtered(ctx: Ctx, a: CareAccess, q: Partial<ListQ>, now = nowIso()) {
  let query = recipientsQuery(ctx.db, ctx.actor.townId);
  if (!a.town) query = query.where('r.village_id', 'in', a.villageIds.length ? a.villageIds : ['-']);
  if (q.status && q.status !== 'all') query = query.where('r.status', '=', q.status);
  if (q.kind) query = query.where(containsText(ctx.db, sql.ref('r.kinds'), `"${q.kind}"`));
  if (q.villageId) query = query.where('r.village_id', '=', q.villageId);
  if (q.riskLevel) query = query.where('r.risk_level', '=', q.riskLevel);
  if (q.overdue !== undefined) {
    query = q.overdue
      ? query.where('r.status', '=', 'active').where('r.next_due_at', '<', now)
      : query.where('r.next_due_at', '>=', now);
  }
  if (q.personId) {
    const personId = q.personId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('care_pairings as c')
          .select('c.id')
          .whereRef('c.town_id', '=', 'r.town_id')
          .whereRef('c.recipient_id', '=', 'r.id')
          .where('c.ended_at', 'is', null)
          .where('c.person_id', '=', personId),
      ),
    );
  }
  if (q.unpaired)
    query = query.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('care_pairings as c')
            .select('c.id')
            .whereRef('c.town_id', '=', 'r.town_id')
            .whereRef('c.recipient_id', '=', 'r.id')
            .where('c.ended_at', 'is', null),
        ),
      ),
    );
  if (q.q) {
    const text = q.q;
    const digits = text.replace(/\D/g, '');
    const mobileHash = isValidMobile(normaliseMobile(text)) ? ctx.sealer.hash(normaliseMobile(text)) : null;
    query = query.where((eb) =>
      eb.or([
        containsText(ctx.db, sql.ref('r.name'), text),
        containsText(ctx.db, sql.ref('r.address'), text),
        containsText(ctx.db, sql.ref('r.need_tags'), text),
        ...(mobileHash ? [eb('r.mobile_hash', '=', mobileHash)] : []),
        ...(digits.length === 18 ? [eb('r.id_number_hash', '=', ctx.sealer.hash(text.trim().toUpperCase()))] : []),
      ]),
    );
  }
  return query;
}

const RISK_ORDER = sql<number>`case r.risk_level when 'high' then 0 when 'medium' then 1 else 2 end`;

function ordered<Q extends { orderBy: (...a: never[]) => Q }>(query: Q, sort: ListQ['sort'] | undefined): Q {
  const q = query as unknown as ReturnType<typeof filtered>;
  const out =
    sort === 'name'
      ? q.orderBy('r.name').orderBy('r.id')
      : sort === 'risk'
        ? q.orderBy(RISK_ORDER).orderBy('r.next_due_at').orderBy('r.id')
        : sort === 'created'
          ? q.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc')
          : q.orderBy('r.next_due_at').orderBy('r.id');
  return out as unknown as Q;
}

export async function listRecipients(ctx: Ctx, q: ListQ) {
  const a = careAccess(ctx.actor);
  const base = filtered(ctx, a, q);
  const [countRow, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
    ordered(base.selectAll('r').select(['v.name as village_name', 'h.name as hamlet_name']), q.sort)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
  ]);
  const pairings = await currentPairings(
    ctx.db,
    ctx.actor.townId,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => presentListRow(r as RecipientRow, pairings.get(r.id))),
    total: toCount(countRow?.n as number | string | undefined),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** All rows of a filtered list for the Excel export (masked), with the export audited. */
export async function exportRecipients(ctx: Ctx, q: ListQ) {
  const a = careAccess(ctx.actor);
  const rows = (await ordered(
    filtered(ctx, a, q).selectAll('r').select(['v.name as village_name', 'h.name as hamlet_name']),
    q.sort,
  )
    .limit(50_000)
    .execute()) as RecipientRow[];
  const pairings = await currentPairings(
    ctx.db,
    ctx.actor.townId,
    rows.map((r) => r.id),
  );
  await writeAudit(
    ctx.db,
    auditEvent(ctx, 'care.export', null, { rows: rows.length, filters: { ...q, q: undefined } }),
  );
  return rows.map((r) => ({
    row: presentListRow(r, pairings.get(r.id)),
    guardianName: r.guardian_name ? (childOf(r) ? maskName(r.guardian_name) : r.guardian_name) : null,
    guardianRelation: r.guardian_relation,
    guardianMobile: r.guardian_mobile_mask,
    idNumber: r.id_number_mask,
  }));
}

async function checkPlace(db: Db, townId: string, villageId: string, hamletId: string | null) {
  const v = await db
    .selectFrom('villages')
    .select('id')
    .where('town_id', '=', townId)
    .where('id', '=', villageId)
    .executeTakeFirst();
  if (!v) throw invalidField('villageId', 'validation.invalidOption');
  if (hamletId) {
    const h = await db
      .selectFrom('hamlets')
      .select('village_id')
      .where('town_id', '=', townId)
      .where('id', '=', hamletId)
      .executeTakeFirst();
    if (!h) throw invalidField('hamletId', 'validation.invalidOption');
    if (h.village_id !== villageId) throw invalidField('hamletId', 'validation.hamletVillage');
  }
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Consent rules: not in the future; a child under 14 needs a guardian's consent or a statutory duty (PIPL art. 31). */
function checkConsent(v: { consentDate: string; lawfulBasis: string; birthYear: number | null }) {
  if (v.consentDate > today()) throw careInvalid('consentDate', 'care.futureConsent');
  const age = v.birthYear === null ? null : new Date().getUTCFullYear() - v.birthYear;
  if (age !== null && age < 14 && v.lawfulBasis === 'consent') throw careInvalid('lawfulBasis', 'care.childConsent');
}

/** Column values of the sealed and derived fields. */
export function sealedColumns(
  ctx: Pick<Ctx, 'sealer'>,
  v: {
    mobile?: string | null;
    idNumber?: string | null;
    guardian?: { mobile: string | null } | null;
    healthNotes?: string | null;
  },
): Partial<CareRecipientTable> {
  const out: Partial<CareRecipientTable> = {};
  if (v.mobile !== undefined) {
    out.mobile_enc = v.mobile ? ctx.sealer.encrypt(v.mobile) : null;
    out.mobile_hash = v.mobile ? ctx.sealer.hash(v.mobile) : null;
    out.mobile_mask = maskMobile(v.mobile);
  }
  if (v.idNumber !== undefined) {
    out.id_number_enc = v.idNumber ? ctx.sealer.encrypt(v.idNumber) : null;
    out.id_number_hash = v.idNumber ? ctx.sealer.hash(v.idNumber) : null;
    out.id_number_mask = maskIdNumber(v.idNumber);
  }
  if (v.guardian !== undefined) {
    const m = v.guardian?.mobile ?? null;
    out.guardian_mobile_enc = m ? ctx.sealer.encrypt(m) : null;
    out.guardian_mobile_mask = maskMobile(m);
  }
  if (v.healthNotes !== undefined) out.health_notes_enc = v.healthNotes ? ctx.sealer.encrypt(v.healthNotes) : null;
  return out;
}

/** A new recipient's row (also used by the import). */
export function recipientRow(
  ctx: Pick<Ctx, 'sealer' | 'actor'>,
  input: z.output<typeof RecipientInput>,
  id = newId(),
  now = nowIso(),
): CareRecipientTable {
  const days = FREQUENCY_DAYS[input.frequency];
  const due = nextDueAt(null, now, days);
  return {
    town_id: ctx.actor.townId,
    id,
    version: 1,
    created_at: now,
    updated_at: now,
    kinds: JSON.stringify([...new Set(input.kinds)]),
    name: input.name,
    gender: input.gender,
    birth_year: input.birthYear,
    village_id: input.villageId,
    hamlet_id: input.hamletId,
    address: input.address,
    mobile_enc: null,
    mobile_hash: null,
    mobile_mask: null,
    id_number_enc: null,
    id_number_hash: null,
    id_number_mask: null,
    guardian_name: input.guardian?.name ?? null,
    guardian_relation: input.guardian?.relation ?? null,
    guardian_mobile_enc: null,
    guardian_mobile_mask: null,
    needs: input.needs,
    need_tags: JSON.stringify(input.needTags),
    health_notes_enc: null,
    risk_level: input.riskLevel,
    frequency_days: days,
    lawful_basis: input.lawfulBasis,
    consent_date: input.consentDate,
    consent_recorded_by: input.consentRecordedBy ?? ctx.actor.displayName,
    recorded_by: ctx.actor.userId,
    status: 'active',
    inactive_reason: null,
    inactive_note: null,
    inactive_at: null,
    last_visit_at: null,
    next_due_at: due,
    notify_at: due,
    ...sealedColumns(ctx, input),
  };
}

export async function createRecipient(ctx: Ctx, input: z.output<typeof RecipientInput>): Promise<CareRecipientDetail> {
  await checkPlace(ctx.db, ctx.actor.townId, input.villageId, input.hamletId);
  checkConsent(input);
  const row = recipientRow(ctx, input);
  await guardConstraints(UNIQUE, () =>
    ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('care_recipients').values(row).execute();
      await writeAudit(
        trx,
        auditEvent(ctx, 'care.create', row.id, {
          kinds: input.kinds,
          villageId: input.villageId,
          lawfulBasis: input.lawfulBasis,
          consentDate: input.consentDate,
          mobile: row.mobile_mask,
          idNumber: row.id_number_mask,
        }),
      );
    }),
  );
  return getRecipient(ctx, row.id);
}

/** Why the actor may not open a record, or null when they may (and whether through a pairing). */
async function reach(ctx: Ctx, db: Db, r: RecipientRow): Promise<{ paired: boolean }> {
  const a = careAccess(ctx.actor);
  const paired = a.visit && (await isPaired(db, ctx.actor.townId, r.id, a.personId));
  if (paired || readsVillage(a, r.village_id)) return { paired };
  if (a.read) throw careForbidden('care.notInScope');
  throw careForbidden(childOf(r) ? 'care.childRecord' : 'care.notPaired');
}

/** The full record; writes `care.view` to the audit trail in the same transaction as the read. */
export async function getRecipient(ctx: Ctx, id: string): Promise<CareRecipientDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await loadRecipient(trx, ctx.actor.townId, id);
    if (!r) throw notFound();
    const { paired } = await reach(ctx, trx, r);
    const a = careAccess(ctx.actor);
    const view = viewOf(a, paired);
    const child = childOf(r);
    const hidden: string[] = [];
    const pairings = await pairingsQuery(trx, ctx.actor.townId)
      .where('c.recipient_id', '=', id)
      .orderBy('c.ended_at', 'desc')
      .orderBy('c.started_at', 'desc')
      .execute();
    const teams = await teamNamesOf(
      trx,
      ctx.actor.townId,
      pairings.map((p) => p.person_id),
    );
    const current = await currentPairings(trx, ctx.actor.townId, [id]);
    const base = presentListRow(r, current.get(id), child && !view.sensitive);
    if (child && !view.sensitive) hidden.push('name', 'address', 'guardian', 'needs');
    if (!view.sensitive) hidden.push('healthNotes');
    const open = (enc: string | null) => (enc ? ctx.sealer.decrypt(enc) : null);
    const guardian = r.guardian_name
      ? {
          name: child && !view.sensitive ? maskName(r.guardian_name) : r.guardian_name,
          relation: r.guardian_relation ?? '',
          mobile: view.fullContact ? open(r.guardian_mobile_enc) : r.guardian_mobile_mask,
        }
      : null;
    await writeAudit(
      trx,
      auditEvent(ctx, 'care.view', id, {
        paired,
        sensitive: view.sensitive,
        child,
        hidden: hidden.length ? hidden : undefined,
      }),
    );
    return {
      ...base,
      mobile: view.fullContact ? open(r.mobile_enc) : r.mobile_mask,
      idNumber: r.id_number_mask,
      guardian,
      needs: child && !view.sensitive ? null : r.needs,
      healthNotes: view.sensitive ? open(r.health_notes_enc) : null,
      lawfulBasis: r.lawful_basis as CareRecipientDetail['lawfulBasis'],
      consentDate: r.consent_date,
      consentRecordedBy: r.consent_recorded_by,
      recordedByName: await trx
        .selectFrom('users')
        .select('display_name')
        .where('town_id', '=', ctx.actor.townId)
        .where('id', '=', r.recorded_by ?? '-')
        .executeTakeFirst()
        .then((u) => u?.display_name ?? null),
      inactiveNote: r.inactive_note,
      hidden,
      fullContact: view.fullContact,
      pairings: {
        current: pairings.filter((p) => !p.ended_at).map((p) => presentPairing(p, teams, view.sensitive || !child)),
        history: pairings.filter((p) => p.ended_at).map((p) => presentPairing(p, teams, view.sensitive || !child)),
      },
      can: {
        update: a.manage,
        pair: a.manage && r.status === 'active',
        visit: r.status === 'active' && !!ctx.actor.personId && (paired || (a.manage && a.visit)),
        reveal: a.sensitive && a.town,
      },
    };
  });
}

/** Ends every current pairing of a recipient (care ended). */
async function endAllPairings(ctx: Ctx, trx: Db, recipientId: string, reason: string, now: string) {
  await trx
    .updateTable('care_pairings')
    .set((eb) => ({
      ended_at: now,
      end_reason: reason,
      ended_by: ctx.actor.userId,
      is_primary: 0,
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('town_id', '=', ctx.actor.townId)
    .where('recipient_id', '=', recipientId)
    .where('ended_at', 'is', null)
    .execute();
}

export async function updateRecipient(
  ctx: Ctx,
  id: string,
  input: z.output<typeof RecipientUpdate>,
): Promise<CareRecipientDetail> {
  const before = await loadRecipient(ctx.db, ctx.actor.townId, id);
  if (!before) throw notFound();
  if (before.version !== input.version) throw staleVersion();
  const villageId = input.villageId ?? before.village_id;
  const hamletId = input.hamletId !== undefined ? input.hamletId : input.villageId ? null : before.hamlet_id;
  await checkPlace(ctx.db, ctx.actor.townId, villageId, hamletId);
  const birthYear = input.birthYear !== undefined ? input.birthYear : before.birth_year;
  if (input.consentDate !== undefined || input.lawfulBasis !== undefined || input.birthYear !== undefined)
    checkConsent({
      consentDate: input.consentDate ?? before.consent_date,
      lawfulBasis: input.lawfulBasis ?? before.lawful_basis,
      birthYear,
    });
  const status = input.status ?? before.status;
  const ending = status === 'inactive' && before.status === 'active';
  if (ending && !input.inactiveReason) throw careInvalid('inactiveReason', 'care.inactiveReasonRequired');
  const now = nowIso();
  const set: Partial<CareRecipientTable> = {
    ...(input.kinds ? { kinds: JSON.stringify([...new Set(input.kinds)]) } : {}),
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.gender !== undefined ? { gender: input.gender ?? null } : {}),
    ...(input.birthYear !== undefined ? { birth_year: input.birthYear } : {}),
    village_id: villageId,
    hamlet_id: hamletId,
    ...(input.address !== undefined ? { address: input.address } : {}),
    ...(input.guardian !== undefined
      ? { guardian_name: input.guardian?.name ?? null, guardian_relation: input.guardian?.relation ?? null }
      : {}),
    ...(input.needs !== undefined ? { needs: input.needs } : {}),
    ...(input.needTags !== undefined ? { need_tags: JSON.stringify(input.needTags) } : {}),
    ...(input.riskLevel !== undefined ? { risk_level: input.riskLevel } : {}),
    ...(input.lawfulBasis !== undefined ? { lawful_basis: input.lawfulBasis } : {}),
    ...(input.consentDate !== undefined ? { consent_date: input.consentDate } : {}),
    ...(input.consentRecordedBy !== undefined ? { consent_recorded_by: input.consentRecordedBy } : {}),
    ...sealedColumns(ctx, input),
  };
  if (input.frequency) {
    const days = FREQUENCY_DAYS[input.frequency];
    set.frequency_days = days;
    set.next_due_at = nextDueAt(before.last_visit_at, before.created_at, days);
    set.notify_at = set.next_due_at;
  }
  if (input.status) {
    set.status = status;
    if (status === 'inactive') {
      set.inactive_reason = input.inactiveReason ?? before.inactive_reason;
      set.inactive_note = input.inactiveNote ?? before.inactive_note;
      if (ending) set.inactive_at = now;
    } else {
      set.inactive_reason = null;
      set.inactive_note = null;
      set.inactive_at = null;
      if (before.status === 'inactive') {
        // Care resumes: the next visit is due one period from now.
        set.next_due_at = nextDueAt(null, now, set.frequency_days ?? before.frequency_days);
        set.notify_at = set.next_due_at;
      }
    }
  }
  await guardConstraints(UNIQUE, () =>
    ctx.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('care_recipients')
        .set({ ...set, version: before.version + 1, updated_at: now })
        .where('town_id', '=', ctx.actor.townId)
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
      if (ending) await endAllPairings(ctx, trx, id, translate(ctx.lang, 'care.pairingEndedByStatus'), now);
      const changed = Object.keys(input).filter((k) => k !== 'version');
      await writeAudit(
        trx,
        auditEvent(ctx, ending ? 'care.deactivate' : 'care.update', id, {
          fields: changed,
          ...(ending ? { reason: input.inactiveReason } : {}),
        }),
      );
    }),
  );
  return getRecipient(ctx, id);
}

export async function reveal(ctx: Ctx, id: string, field: z.output<typeof RevealField>) {
  const r = await loadRecipient(ctx.db, ctx.actor.townId, id);
  if (!r) throw notFound();
  const a = careAccess(ctx.actor);
  if (!a.sensitive || !readsVillage(a, r.village_id)) throw new CareError(ErrorCode.FORBIDDEN, 'care.notInScope');
  const sealed = field === 'mobile' ? r.mobile_enc : field === 'idNumber' ? r.id_number_enc : r.guardian_mobile_enc;
  const value = sealed ? ctx.sealer.decrypt(sealed) : null;
  await writeAudit(ctx.db, auditEvent(ctx, 'care.reveal', id, { field }));
  return { field, value };
}

/** Recipients without a visit within their frequency, in the actor's scope, longest overdue first. */
export async function listOverdue(ctx: Ctx, q: { villageId?: string | undefined; page: number; pageSize: number }) {
  const a = careAccess(ctx.actor);
  const now = nowIso();
  const base = filtered(
    ctx,
    a,
    { status: 'active', overdue: true, ...(q.villageId ? { villageId: q.villageId } : {}) },
    now,
  );
  const [countRow, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
    base
      .selectAll('r')
      .select(['v.name as village_name', 'h.name as hamlet_name'])
      .orderBy('r.next_due_at')
      .orderBy('r.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
  ]);
  const pairings = await currentPairings(
    ctx.db,
    ctx.actor.townId,
    rows.map((r) => r.id),
  );
  const items: OverdueItem[] = rows.map((r) => {
    const row = presentListRow(r as RecipientRow, pairings.get(r.id));
    return {
      recipientId: r.id,
      name: row.name,
      kinds: row.kinds,
      villageId: r.village_id,
      villageName: r.village_name,
      riskLevel: row.riskLevel,
      frequencyDays: r.frequency_days,
      lastVisitAt: r.last_visit_at,
      nextDueAt: r.next_due_at,
      overdueDays: overdueDays(r.next_due_at),
      pairedMembers: row.pairedMembers,
    };
  });
  return { items, total: toCount(countRow?.n as number | string | undefined), page: q.page, pageSize: q.pageSize };
}

/** The member's own pairings for the H5, with the contact details they need for the visit. */
export async function myCare(ctx: Ctx): Promise<MyCare> {
  const personId = ctx.actor.personId;
  if (!personId) throw careForbidden('care.noPerson');
  const townId = ctx.actor.townId;
  const rows = await recipientsQuery(ctx.db, townId)
    .innerJoin('care_pairings as c', (j) => j.onRef('c.town_id', '=', 'r.town_id').onRef('c.recipient_id', '=', 'r.id'))
    .selectAll('r')
    .select(['v.name as village_name', 'h.name as hamlet_name', 'c.id as pairing_id', 'c.is_primary'])
    .where('c.person_id', '=', personId)
    .where('c.ended_at', 'is', null)
    .where('r.status', '=', 'active')
    .orderBy('r.next_due_at')
    .execute();
  const month = shanghaiMonthOf(new Date());
  const mine = await ctx.db
    .selectFrom('care_visits')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum<number>('duration_minutes').as('m')])
    .where('town_id', '=', townId)
    .where('person_id', '=', personId)
    .where('month', '=', month)
    .executeTakeFirst();
  const open = (enc: string | null) => (enc ? ctx.sealer.decrypt(enc) : null);
  return {
    items: rows.map((r) => {
      const base = presentListRow(r as RecipientRow, undefined, false);
      return {
        pairingId: r.pairing_id,
        primary: r.is_primary === 1,
        recipientId: r.id,
        name: r.name,
        kinds: kindsOf(r),
        villageName: r.village_name,
        hamletName: r.hamlet_name,
        address: r.address,
        mobile: open(r.mobile_enc),
        guardian: r.guardian_name
          ? { name: r.guardian_name, relation: r.guardian_relation ?? '', mobile: open(r.guardian_mobile_enc) }
          : null,
        needs: r.needs,
        needTags: parseJson<string[]>(r.need_tags, []),
        riskLevel: base.riskLevel,
        frequency: base.frequency,
        frequencyDays: r.frequency_days,
        lastVisitAt: r.last_visit_at,
        nextDueAt: r.next_due_at,
        overdue: base.overdue,
        overdueDays: overdueDays(r.next_due_at),
      };
    }),
    month: { visits: toCount(mine?.n as number | undefined), minutes: Number(mine?.m ?? 0) },
  };
}

export { isChild };
