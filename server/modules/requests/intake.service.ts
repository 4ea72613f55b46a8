/**
 * Intake by every channel: the resident's H5 form, staff on a resident's behalf (desk, phone,
 * stall, home visit) and Open311. Each request gets a tracking code, a due date from its
 * category, urgency and the town's calendar, and a first timeline entry naming the channel
 * and who entered it — all in one transaction with its audit row and notifications.
 */
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { translate } from '../../../common/i18n/index.ts';
import { maskMobile } from '../../../common/privacy/identity.ts';
import { dueAt, shanghaiDate } from '../../../common/requests/calendar.ts';
import type { Channel, RequestStatus, Urgency } from '../../../common/requests/lifecycle.ts';
import type { PublicIntake, StaffIntake } from '../../../common/requests/schemas.ts';
import type { DB } from '../../db/schema.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx, Deps } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { notifyUsers, queueSms } from '../../platform/notify.ts';
import { nextSequence } from '../../platform/sequences.ts';
import { attachUploads } from '../../platform/uploads.ts';
import { loadCalendar } from '../categories/calendar.repo.ts';
import { managerUsers } from './recipients.ts';

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

/** Checks that the category, village, hamlet and workstation exist in the town and fit together. */
async function checkPlace(db: Db, townId: string, f: IntakeFields): Promise<void> {
  const category = await db
    .selectFrom('categories')
    .select('disabled')
    .where('town_id', '=', townId)
    .where('id', '=', f.categoryId)
    .executeTakeFirst();
  if (!category || category.disabled) throw invalidField('categoryId', 'validation.invalidOption');
  if (f.villageId) {
    const v = await db
      .selectFrom('villages')
      .select('id')
      .where('town_id', '=', townId)
      .where('id', '=', f.villageId)
      .executeTakeFirst();
    if (!v) throw invalidField('villageId', 'validation.invalidOption');
  }
  if (f.hamletId) {
    const h = await db
      .selectFrom('hamlets')
      .select('village_id')
      .where('town_id', '=', townId)
      .where('id', '=', f.hamletId)
      .executeTakeFirst();
    if (!h) throw invalidField('hamletId', 'validation.invalidOption');
    if (f.villageId && h.village_id !== f.villageId) throw invalidField('hamletId', 'validation.hamletVillage');
    f.villageId ??= h.village_id;
  }
  if (f.workstationId) {
    const w = await db
      .selectFrom('workstations')
      .select('id')
      .where('town_id', '=', townId)
      .where('id', '=', f.workstationId)
      .executeTakeFirst();
    if (!w) throw invalidField('workstationId', 'validation.invalidOption');
  }
}

/** Creates the request; returns its id, code and status. */
export async function createRequest(
  deps: Deps,
  townId: string,
  fields: IntakeFields,
  enterer: Enterer | null,
  meta: { ip: string | null; lang: 'zh-CN' | 'en' },
): Promise<{ id: string; code: string; status: RequestStatus; dueAt: string }> {
  const f = { ...fields };
  await checkPlace(deps.db, townId, f);
  const now = nowIso();
  const id = newId();
  // Staff who take a request at the desk accept it there; other channels wait for acceptance.
  const status: RequestStatus = enterer ? 'accepted' : 'submitted';
  const result = await deps.db.transaction().execute(async (trx) => {
    const town = await trx
      .selectFrom('towns')
      .select(['prefix', 'name'])
      .where('id', '=', townId)
      .executeTakeFirstOrThrow();
    const day = shanghaiDate(now).replace(/-/g, '');
    const seq = await nextSequence(trx, townId, `request:${day}`);
    const code = `${town.prefix}-${day}-${String(seq).padStart(4, '0')}`;
    const due = await computeDue(trx, townId, f.categoryId, f.urgency, now);
    const team = await defaultTeamOf(trx, townId, f.categoryId);
    await trx
      .insertInto('requests')
      .values({
        town_id: townId,
        id,
        code,
        version: 1,
        status,
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
        reporter_mobile_enc: f.mobile ? deps.sealer.encrypt(f.mobile) : null,
        reporter_mobile_hash: f.mobile ? deps.sealer.hash(f.mobile) : null,
        reporter_mobile_mask: maskMobile(f.mobile),
        entered_by: enterer?.userId ?? null,
        workstation_id: f.workstationId,
        assignee_kind: null,
        assignee_id: null,
        team_id: team,
        due_at: due,
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
      })
      .execute();
    const eventId = newId();
    await trx
      .insertInto('request_events')
      .values({
        town_id: townId,
        id: eventId,
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
      })
      .execute();
    if (enterer) {
      await trx
        .insertInto('request_events')
        .values({
          town_id: townId,
          id: newId(),
          request_id: id,
          at: now,
          kind: 'accept',
          actor_id: enterer.userId,
          actor_name: enterer.displayName,
          note: null,
          data: null,
          public: 1,
        })
        .execute();
    }
    await attachUploads(trx, townId, f.photoIds, { requestId: id, eventId: null });
    await writeAudit(trx, {
      townId,
      actorId: enterer?.userId ?? null,
      actorName: enterer?.displayName ?? null,
      action: 'request.create',
      entity: 'request',
      entityId: id,
      ip: meta.ip,
      detail: {
        code,
        channel: f.channel,
        categoryId: f.categoryId,
        villageId: f.villageId,
        mobile: maskMobile(f.mobile),
      },
    });
    if (!enterer) {
      await notifyUsers(trx, townId, await managerUsers(trx, { town_id: townId, village_id: f.villageId }), {
        kind: 'request.submitted',
        title: translate(meta.lang, 'notify.requestSubmitted', { code }),
        body: f.description.slice(0, 80),
        link: `/requests/${id}`,
      });
    }
    if (f.mobile) {
      await queueSms(trx, deps.sealer, {
        townId,
        to: f.mobile,
        body: translate('zh-CN', 'sms.received', { town: town.name, code, last4: f.mobile.slice(-4) }),
        ref: id,
      });
    }
    return { code, due };
  });
  return { id, code: result.code, status, dueAt: result.due };
}

/** The team a category routes to by default (for team figures before dispatch), if any. */
async function defaultTeamOf(db: Db, townId: string, categoryId: string): Promise<string | null> {
  const c = await db
    .selectFrom('categories')
    .select(['route_kind', 'route_id'])
    .where('town_id', '=', townId)
    .where('id', '=', categoryId)
    .executeTakeFirst();
  if (!c?.route_id) return null;
  if (c.route_kind === 'team') return c.route_id;
  if (c.route_kind === 'squad') {
    const s = await db
      .selectFrom('squads')
      .select('team_id')
      .where('town_id', '=', townId)
      .where('id', '=', c.route_id)
      .executeTakeFirst();
    return s?.team_id ?? null;
  }
  return null;
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
