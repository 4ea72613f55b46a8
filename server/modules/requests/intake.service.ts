/**
 * Intake by every channel: the resident's H5 form, staff on a resident's behalf (desk, phone,
 * stall, home visit) and Open311. Each request gets a tracking code, a due date from its
 * category, urgency and the town's calendar, and a first timeline entry naming the channel
 * and who entered it — all in one transaction with its audit row and notifications.
 */
import { type ControlledTransaction, type Insertable, type Kysely, type Transaction, sql } from 'kysely';
import type { z } from 'zod';
import { translate } from '../../../common/i18n/index.ts';
import { maskMobile } from '../../../common/privacy/identity.ts';
import { type CalendarOverrides, dueAt, shanghaiDate } from '../../../common/requests/calendar.ts';
import { searchTerms } from '../../../common/requests/terms.ts';
import type { Channel, RequestStatus, Urgency } from '../../../common/requests/lifecycle.ts';
import type { PublicIntake, StaffIntake } from '../../../common/requests/schemas.ts';
import { isPostgres } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import type { Ctx, Deps } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { attachUploads } from '../../platform/uploads.ts';
import { loadCalendar } from '../categories/calendar.repo.ts';
import { type FigureFacts, addCells, cellsOf } from './figures.rollup.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface IntakeFields {
  categoryId: string;
  description: string;
  villageId: string | null;
  hamletId: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  name: string | null;
  mobile: string | null;
  photoIds: string[];
  urgency: Urgency;
  channel: Channel;
  workstationId: string | null;
  /** The activity or care visit the request was raised from, if any. */
  origin?: RequestOrigin | null;
}

export interface RequestOrigin {
  kind: 'activity' | 'visit';
  id: string;
}

export interface Enterer {
  userId: string;
  displayName: string;
}

/** Working days allowed for an urgency. */
const limitFor = (
  c: { limit_normal_days: number; limit_urgent_days: number; limit_critical_days: number },
  u: Urgency,
) => (u === 'critical' ? c.limit_critical_days : u === 'urgent' ? c.limit_urgent_days : c.limit_normal_days);

/** The due date of a request from its category, urgency and the town's calendar. */
export async function computeDue(
  db: Db,
  townId: string,
  categoryId: string,
  urgency: Urgency,
  from: string,
): Promise<string> {
  const category = await db
    .selectFrom('categories')
    .select(['limit_normal_days', 'limit_urgent_days', 'limit_critical_days'])
    .where('town_id', '=', townId)
    .where('id', '=', categoryId)
    .executeTakeFirstOrThrow();
  return dueAt(from, limitFor(category, urgency), await loadCalendar(db, townId));
}

/** One report waiting to be written. */
interface Pending {
  townId: string;
  fields: IntakeFields;
  enterer: Enterer | null;
  meta: { ip: string | null; lang: 'zh-CN' | 'en' };
}

type Receipt = { id: string; code: string; status: RequestStatus; dueAt: string };

interface CategoryRow {
  id: string;
  disabled: number;
  limit_normal_days: number;
  limit_urgent_days: number;
  limit_critical_days: number;
  route_kind: string | null;
  route_id: string | null;
}

/** What the reports of one town in a batch are checked and routed against, read in the batch's transaction. */
interface TownContext {
  town: { prefix: string; name: string };
  categories: Map<string, CategoryRow>;
  villages: Set<string>;
  hamlets: Map<string, string>;
  workstations: Set<string>;
  squadTeams: Map<string, string | null>;
  calendar: CalendarOverrides;
  townAdmins: string[];
  villageAdmins: Map<string, string[]>;
}

const distinct = (values: (string | null | undefined)[]): string[] => [
  ...new Set(values.filter((v): v is string => !!v)),
];

async function loadContext(db: Db, townId: string, items: Pending[]): Promise<TownContext> {
  const fields = items.map((i) => i.fields);
  const villageIds = distinct(fields.map((f) => f.villageId));
  const hamletIds = distinct(fields.map((f) => f.hamletId));
  const workstationIds = distinct(fields.map((f) => f.workstationId));
  const [town, categories, villages, hamlets, workstations, calendar] = await Promise.all([
    db.selectFrom('towns').select(['prefix', 'name']).where('id', '=', townId).executeTakeFirstOrThrow(),
    db
      .selectFrom('categories')
      .select([
        'id',
        'disabled',
        'limit_normal_days',
        'limit_urgent_days',
        'limit_critical_days',
        'route_kind',
        'route_id',
      ])
      .where('town_id', '=', townId)
      .where('id', 'in', distinct(fields.map((f) => f.categoryId)))
      .execute(),
    villageIds.length
      ? db.selectFrom('villages').select('id').where('town_id', '=', townId).where('id', 'in', villageIds).execute()
      : [],
    hamletIds.length
      ? db
          .selectFrom('hamlets')
          .select(['id', 'village_id'])
          .where('town_id', '=', townId)
          .where('id', 'in', hamletIds)
          .execute()
      : [],
    workstationIds.length
      ? db
          .selectFrom('workstations')
          .select('id')
          .where('town_id', '=', townId)
          .where('id', 'in', workstationIds)
          .execute()
      : [],
    loadCalendar(db, townId),
  ]);
  const squadIds = distinct(categories.filter((c) => c.route_kind === 'squad').map((c) => c.route_id));
  const hamletVillages = distinct([...villageIds, ...hamlets.map((h) => h.village_id)]);
  const [squads, managers] = await Promise.all([
    squadIds.length
      ? db
          .selectFrom('squads')
          .select(['id', 'team_id'])
          .where('town_id', '=', townId)
          .where('id', 'in', squadIds)
          .execute()
      : [],
    // The town's managers (as recipients.managerUsers): town admins, and the admins of each village.
    items.some((i) => !i.enterer)
      ? db
          .selectFrom('users as u')
          .innerJoin('user_roles as ur', (j) =>
            j.onRef('ur.town_id', '=', 'u.town_id').onRef('ur.user_id', '=', 'u.id'),
          )
          .select(['u.id', 'ur.role', 'ur.village_id'])
          .where('u.town_id', '=', townId)
          .where('u.disabled', '=', 0)
          .where((eb) =>
            eb.or([
              eb('ur.role', '=', 'town_admin'),
              eb.and([
                eb('ur.role', '=', 'village_admin'),
                eb('ur.village_id', 'in', hamletVillages.length ? hamletVillages : ['-']),
              ]),
            ]),
          )
          .execute()
      : [],
  ]);
  const villageAdmins = new Map<string, string[]>();
  for (const m of managers)
    if (m.role === 'village_admin' && m.village_id)
      villageAdmins.set(m.village_id, [...(villageAdmins.get(m.village_id) ?? []), m.id]);
  return {
    town,
    categories: new Map(categories.map((c) => [c.id, c])),
    villages: new Set(villages.map((v) => v.id)),
    hamlets: new Map(hamlets.map((h) => [h.id, h.village_id])),
    workstations: new Set(workstations.map((w) => w.id)),
    squadTeams: new Map(squads.map((q) => [q.id, q.team_id])),
    calendar,
    townAdmins: managers.filter((m) => m.role === 'town_admin').map((m) => m.id),
    villageAdmins,
  };
}

/** Checks that the category, village, hamlet and workstation exist in the town and fit together. */
function checkPlace(ctx: TownContext, f: IntakeFields): CategoryRow {
  const category = ctx.categories.get(f.categoryId);
  if (!category || category.disabled) throw invalidField('categoryId', 'validation.invalidOption');
  if (f.villageId && !ctx.villages.has(f.villageId)) throw invalidField('villageId', 'validation.invalidOption');
  if (f.hamletId) {
    const village = ctx.hamlets.get(f.hamletId);
    if (village === undefined) throw invalidField('hamletId', 'validation.invalidOption');
    if (f.villageId && village !== f.villageId) throw invalidField('hamletId', 'validation.hamletVillage');
    f.villageId ??= village;
  }
  if (f.workstationId && !ctx.workstations.has(f.workstationId))
    throw invalidField('workstationId', 'validation.invalidOption');
  return category;
}

/** The team a category routes to by default (for team figures before dispatch), if any. */
function defaultTeam(ctx: TownContext, c: CategoryRow): string | null {
  if (!c.route_id) return null;
  if (c.route_kind === 'team') return c.route_id;
  if (c.route_kind === 'squad') return ctx.squadTeams.get(c.route_id) ?? null;
  return null;
}

/** A checked report with everything but its code. */
interface Checked {
  item: Pending;
  ctx: TownContext;
  category: CategoryRow;
  id: string;
  now: string;
  day: string;
  status: RequestStatus;
  due: string;
  resolve: (r: Receipt) => void;
  reject: (e: unknown) => void;
}

/**
 * Writes reports in multi-row statements: codes from one counter step per town and day, then the
 * requests, their timeline entries, search terms, photos, audit rows, notices and SMS. All or
 * nothing; the caller runs it in a savepoint.
 */
async function writeReports(trx: Db, sealer: Deps['sealer'], list: Checked[]): Promise<Map<Checked, Receipt>> {
  const codes = new Map<Checked, string>();
  const byCounter = new Map<string, Checked[]>();
  for (const c of list) {
    const key = `${c.item.townId}\u0000${c.day}`;
    byCounter.set(key, [...(byCounter.get(key) ?? []), c]);
  }
  for (const group of byCounter.values()) {
    const first = group[0] as Checked;
    const row = await trx
      .insertInto('sequences')
      .values({ town_id: first.item.townId, name: `request:${first.day}`, value: group.length })
      .onConflict((oc) =>
        oc.columns(['town_id', 'name']).doUpdateSet({ value: sql<number>`sequences.value + ${group.length}` }),
      )
      .returning('value')
      .executeTakeFirstOrThrow();
    let seq = Number(row.value) - group.length;
    for (const c of group) codes.set(c, `${c.ctx.town.prefix}-${c.day}-${String(++seq).padStart(4, '0')}`);
  }
  const requests: Insertable<DB['requests']>[] = [];
  const events: Insertable<DB['request_events']>[] = [];
  const terms: Insertable<DB['request_terms']>[] = [];
  const audits: Insertable<DB['audit_log']>[] = [];
  const notices: Insertable<DB['notifications']>[] = [];
  const sms: Insertable<DB['outbox']>[] = [];
  for (const c of list) {
    const { item, ctx, id, now } = c;
    const f = item.fields;
    const enterer = item.enterer;
    const code = codes.get(c) ?? '';
    requests.push({
      town_id: item.townId,
      id,
      code,
      version: 1,
      status: c.status,
      outcome: null,
      urgency: f.urgency,
      channel: f.channel,
      category_id: f.categoryId,
      description: f.description,
      village_id: f.villageId,
      hamlet_id: f.hamletId,
      address: f.address,
      lat: f.lat,
      lng: f.lng,
      reporter_name: f.name,
      reporter_mobile_enc: f.mobile ? sealer.encrypt(f.mobile) : null,
      reporter_mobile_hash: f.mobile ? sealer.hash(f.mobile) : null,
      reporter_mobile_mask: maskMobile(f.mobile),
      entered_by: enterer?.userId ?? null,
      workstation_id: f.workstationId,
      assignee_kind: null,
      assignee_id: null,
      team_id: defaultTeam(ctx, c.category),
      due_at: c.due,
      warned_at: null,
      overdue_at: null,
      accepted_at: enterer ? now : null,
      dispatched_at: null,
      resolved_at: null,
      rated_at: null,
      archived_at: null,
      rating: null,
      rating_comment: null,
      pending_extension_days: null,
      supervised_count: 0,
      reopened_count: 0,
      merged_into_id: null,
      origin_kind: f.origin?.kind ?? null,
      origin_id: f.origin?.id ?? null,
      created_at: now,
      updated_at: now,
    });
    events.push({
      town_id: item.townId,
      id: newId(),
      request_id: id,
      at: now,
      kind: 'submitted',
      actor_id: enterer?.userId ?? null,
      actor_name: enterer?.displayName ?? f.name ?? null,
      note: null,
      data: JSON.stringify({
        channel: f.channel,
        ...(f.workstationId ? { workstationId: f.workstationId } : {}),
        ...(f.origin ? { origin: f.origin } : {}),
      }),
      public: 1,
    });
    if (enterer)
      events.push({
        town_id: item.townId,
        id: newId(),
        request_id: id,
        at: now,
        kind: 'accept',
        actor_id: enterer.userId,
        actor_name: enterer.displayName,
        note: null,
        data: null,
        public: 1,
      });
    for (const term of searchTerms(f.description)) terms.push({ town_id: item.townId, term, request_id: id });
    audits.push({
      town_id: item.townId,
      id: newId(),
      at: nowIso(),
      actor_id: enterer?.userId ?? null,
      actor_name: enterer?.displayName ?? null,
      action: 'request.create',
      entity: 'request',
      entity_id: id,
      ip: item.meta.ip,
      outcome: 'ok',
      detail: JSON.stringify({
        code,
        channel: f.channel,
        categoryId: f.categoryId,
        villageId: f.villageId,
        mobile: maskMobile(f.mobile),
      }),
    });
    if (!enterer) {
      const users = new Set([...ctx.townAdmins, ...(f.villageId ? (ctx.villageAdmins.get(f.villageId) ?? []) : [])]);
      for (const userId of users)
        notices.push({
          town_id: item.townId,
          id: newId(),
          user_id: userId,
          kind: 'request.submitted',
          title: translate(item.meta.lang, 'notify.requestSubmitted', { code }),
          body: f.description.slice(0, 80),
          link: `/requests/${id}`,
          created_at: nowIso(),
          read_at: null,
        });
    }
    if (f.mobile) {
      const at = nowIso();
      sms.push({
        town_id: item.townId,
        id: newId(),
        channel: 'sms',
        to_enc: sealer.encrypt(f.mobile),
        to_mask: maskMobile(f.mobile) ?? '**',
        body: translate('zh-CN', 'sms.received', { town: ctx.town.name, code, last4: f.mobile.slice(-4) }),
        ref: id,
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        last_error: null,
        created_at: at,
        sent_at: null,
      });
    }
  }
  // Rows per statement stay under both databases' limits on parameters.
  const insert = async <T extends 'requests' | 'request_events' | 'audit_log' | 'notifications' | 'outbox'>(
    table: T,
    rows: Insertable<DB[T]>[],
    per: number,
  ) => {
    for (let i = 0; i < rows.length; i += per)
      await trx
        .insertInto(table)
        .values(rows.slice(i, i + per) as never)
        .execute();
  };
  await insert('requests', requests, 200);
  // The town's monthly figures (figures.rollup.ts), in the same transaction.
  for (const townId of new Set(requests.map((r) => r.town_id)))
    await addCells(
      trx,
      townId,
      requests.filter((r) => r.town_id === townId).flatMap((r) => cellsOf(r as FigureFacts, 1)),
    );
  await insert('request_events', events, 1000);
  await insertTerms(trx, terms);
  for (const c of list)
    await attachUploads(trx, c.item.townId, c.item.fields.photoIds, { requestId: c.id, eventId: null });
  await insert('audit_log', audits, 1000);
  await insert('notifications', notices, 1000);
  await insert('outbox', sms, 500);
  return new Map(list.map((c) => [c, { id: c.id, code: codes.get(c) ?? '', status: c.status, dueAt: c.due }]));
}

/**
 * The batch's search terms (some thousands of rows) in one short statement per town: the pairs
 * travel as one parameter and the database unpacks them, which costs far less than parsing a
 * statement with thousands of placeholders.
 */
async function insertTerms(trx: Db, terms: Insertable<DB['request_terms']>[]): Promise<void> {
  const byTown = new Map<string, Insertable<DB['request_terms']>[]>();
  for (const t of terms) byTown.set(t.town_id, [...(byTown.get(t.town_id) ?? []), t]);
  for (const [townId, rows] of byTown) {
    if (isPostgres(trx)) {
      await sql`insert into request_terms (town_id, term, request_id)
        select ${townId}, t, r from unnest(${rows.map((x) => x.term)}::text[], ${rows.map((x) => x.request_id)}::text[]) as u(t, r)`.execute(
        trx,
      );
    } else {
      await sql`insert into request_terms (town_id, term, request_id)
        select ${townId}, json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each(${JSON.stringify(
          rows.map((x) => [x.term, x.request_id]),
        )})`.execute(trx);
    }
  }
}

/** Checks the reports of a batch against their towns; rejects the ones that do not fit. */
async function checkAll(db: Db, batch: (Pending & Settle)[]): Promise<Checked[]> {
  const towns = new Map<string, (Pending & Settle)[]>();
  for (const p of batch) towns.set(p.townId, [...(towns.get(p.townId) ?? []), p]);
  const out: Checked[] = [];
  for (const [townId, items] of towns) {
    let ctx: TownContext;
    try {
      ctx = await loadContext(db, townId, items);
    } catch (error) {
      for (const p of items) p.reject(error);
      continue;
    }
    for (const p of items) {
      try {
        const category = checkPlace(ctx, p.fields);
        const now = nowIso();
        out.push({
          item: p,
          ctx,
          category,
          id: newId(),
          now,
          day: shanghaiDate(now).replace(/-/g, ''),
          // Staff who take a request at the desk accept it there; other channels wait for acceptance.
          status: p.enterer ? 'accepted' : 'submitted',
          due: dueAt(now, limitFor(category, p.fields.urgency), ctx.calendar),
          resolve: p.resolve,
          reject: p.reject,
        });
      } catch (error) {
        p.reject(error);
      }
    }
  }
  return out;
}

interface Settle {
  resolve: (r: Receipt) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: reports that arrive while a batch is being written wait and are written together
 * in the next transaction, so a busy morning costs one durable commit per batch instead of one per
 * report. Each report still answers only after the transaction holding it has committed. A batch
 * is first written in multi-row statements; if that fails (say one report names a photo that is
 * not there), it is written again one report at a time, each in its own savepoint, so only the
 * report at fault fails.
 */
class IntakeQueue {
  private queue: (Pending & Settle)[] = [];
  private running = false;
  private lastCommit = -Infinity;

  constructor(private readonly deps: Deps) {}

  submit(p: Pending): Promise<Receipt> {
    return new Promise<Receipt>((resolve, reject) => {
      this.queue.push({ ...p, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Busy (a batch committed moments ago): wait a moment for the reports on their way, so
        // they share the next commit; otherwise write at once.
        if (performance.now() - this.lastCommit < BUSY_MS) setTimeout(() => void this.drain(), COLLECT_MS);
        else setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      await this.commit(batch);
    }
    this.lastCommit = performance.now();
    this.running = false;
  }

  private async commit(batch: (Pending & Settle)[]): Promise<void> {
    let trx: ControlledTransaction<DB> | null = null;
    const written = new Map<Checked, Receipt>();
    let checked: Checked[] = [];
    try {
      trx = await this.deps.db.startTransaction().execute();
      const t: ControlledTransaction<DB> = trx;
      checked = await checkAll(t, batch);
      if (checked.length > 0) {
        const all = await t.savepoint('intake_batch').execute();
        try {
          for (const [c, r] of await writeReports(all, this.deps.sealer, checked)) written.set(c, r);
          await all.releaseSavepoint('intake_batch').execute();
        } catch {
          await all.rollbackToSavepoint('intake_batch').execute();
          written.clear();
          for (const c of checked) {
            const one = await t.savepoint('intake_one').execute();
            try {
              for (const [k, r] of await writeReports(one, this.deps.sealer, [c])) written.set(k, r);
              await one.releaseSavepoint('intake_one').execute();
            } catch (error) {
              await one.rollbackToSavepoint('intake_one').execute();
              c.reject(error);
            }
          }
        }
      }
      await t.commit().execute();
    } catch (error) {
      if (trx)
        await trx
          .rollback()
          .execute()
          .catch(() => undefined);
      for (const c of checked) if (written.has(c)) c.reject(error);
      for (const p of batch) if (!checked.some((c) => c.item === p)) p.reject(error);
      return;
    }
    for (const [c, r] of written) c.resolve(r);
  }
}

/** Reports written in one transaction at most. */
const MAX_BATCH = 200;
/** A report arriving this soon after a commit finds intake busy… */
const BUSY_MS = 50;
/** …and waits this long for others to share its commit (a durable commit costs a few ms). */
const COLLECT_MS = 2;
const queues = new WeakMap<object, IntakeQueue>();

/**
 * Creates the request; returns its id, code and status once it is committed. Inside a caller's
 * transaction it is written there (and commits with it); otherwise it joins the next group commit.
 */
export async function createRequest(
  deps: Deps,
  townId: string,
  fields: IntakeFields,
  enterer: Enterer | null,
  meta: { ip: string | null; lang: 'zh-CN' | 'en' },
): Promise<Receipt> {
  const pending: Pending = { townId, fields: { ...fields }, enterer, meta };
  if (deps.db.isTransaction) {
    let failure: unknown = new Error('intake: report not checked');
    const settle: Settle = { resolve: () => undefined, reject: (e) => (failure = e) };
    const [checked] = await checkAll(deps.db, [{ ...pending, ...settle }]);
    if (!checked) throw failure;
    return (await writeReports(deps.db, deps.sealer, [checked])).get(checked) as Receipt;
  }
  let queue = queues.get(deps.db);
  if (!queue) {
    queue = new IntakeQueue(deps);
    queues.set(deps.db, queue);
  }
  return queue.submit(pending);
}

export function fromPublic(input: z.output<typeof PublicIntake>): IntakeFields {
  return {
    categoryId: input.categoryId,
    description: input.description,
    villageId: input.villageId,
    hamletId: input.hamletId,
    address: input.address,
    lat: input.lat,
    lng: input.lng,
    name: input.name,
    mobile: input.mobile,
    photoIds: input.photoIds,
    urgency: 'normal',
    channel: 'h5',
    workstationId: null,
  };
}

/** Staff intake on a resident's behalf; returns the new id. */
export async function intakeByStaff(ctx: Ctx, input: z.output<typeof StaffIntake>): Promise<string> {
  const { id } = await createRequest(
    ctx,
    ctx.actor.townId,
    {
      ...fromPublic({ ...input, consent: true }),
      urgency: input.urgency,
      channel: input.channel,
      workstationId: input.workstationId,
    },
    { userId: ctx.actor.userId, displayName: ctx.actor.displayName },
    { ip: ctx.ip, lang: ctx.lang },
  );
  return id;
}
