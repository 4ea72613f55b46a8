/**
 * Moving a request through its lifecycle. Each action: the state machine allows it, the caller
 * may take it, the body has what it needs, the version is current — then one transaction
 * updates the request, adds the timeline entry, writes the audit row and queues notifications.
 */
import type { Transaction } from 'kysely';
import { ErrorCode } from '../../../common/errors/codes.ts';
import { translate } from '../../../common/i18n/index.ts';
import { addWorkingDays, endOfShanghaiDay, shanghaiDate } from '../../../common/requests/calendar.ts';
import { type RequestAction, REOPEN_DAYS, type RequestStatus, nextStatus } from '../../../common/requests/lifecycle.ts';
import type { ActionInput } from '../../../common/requests/schemas.ts';
import type { DB, RequestTable } from '../../db/schema.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, forbidden, invalidField, staleVersion } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { notifyUsers, queueSms } from '../../platform/notify.ts';
import { attachUploads } from '../../platform/uploads.ts';
import { loadCalendar } from '../categories/calendar.repo.ts';
import { computeDue } from './intake.service.ts';
import { FIGURE_FACTS, type FigureFacts, moveCells } from './figures.rollup.ts';
import { assigneeUsers, managerUsers } from './recipients.ts';
import { mayAct } from './requests.policy.ts';
import { readable } from './requests.service.ts';

type Changes = Partial<Omit<RequestTable, 'town_id' | 'id' | 'code' | 'created_at'>>;

interface Step {
  changes: Changes;
  note: string | null;
  data: Record<string, unknown> | null;
  /** Timeline entries residents see. */
  public: boolean;
  photoIds: string[];
  after?: (trx: Transaction<DB>, code: string) => Promise<void>;
}

const need = <T>(value: T | undefined | null, field: string, key: string): T => {
  if (value === undefined || value === null || value === '') throw invalidField(field, key);
  return value;
};

/** The team an assignment belongs to, for team figures and leader notifications. */
async function teamOfAssignee(ctx: Ctx, kind: string, id: string): Promise<string | null> {
  const db = ctx.db;
  const townId = ctx.actor.townId;
  if (kind === 'team') {
    const t = await db
      .selectFrom('teams')
      .select(['id', 'disabled'])
      .where('town_id', '=', townId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!t || t.disabled) throw invalidField('assignee.id', 'validation.invalidOption');
    return t.id;
  }
  if (kind === 'squad') {
    const s = await db
      .selectFrom('squads')
      .select(['team_id', 'disabled'])
      .where('town_id', '=', townId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!s || s.disabled) throw invalidField('assignee.id', 'validation.invalidOption');
    return s.team_id;
  }
  if (kind === 'member') {
    const p = await db
      .selectFrom('people')
      .select('disabled')
      .where('town_id', '=', townId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!p || p.disabled) throw invalidField('assignee.id', 'validation.invalidOption');
    const m = await db
      .selectFrom('team_memberships')
      .select('team_id')
      .where('town_id', '=', townId)
      .where('person_id', '=', id)
      .where('left_at', 'is', null)
      .orderBy('joined_at')
      .executeTakeFirst();
    return m?.team_id ?? null;
  }
  const d = await db
    .selectFrom('departments')
    .select('disabled')
    .where('town_id', '=', townId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!d || d.disabled) throw invalidField('assignee.id', 'validation.invalidOption');
  return null;
}

/** Builds the change an action makes, checking the body it needs. */
async function plan(
  ctx: Ctx,
  r: {
    id: string;
    status: string;
    urgency: string;
    category_id: string;
    created_at: string;
    resolved_at: string | null;
    due_at: string | null;
    pending_extension_days: number | null;
    supervised_count: number;
    reopened_count: number;
    village_id: string | null;
    team_id: string | null;
    assignee_kind: string | null;
    assignee_id: string | null;
    town_id: string;
    reporter_mobile_enc: string | null;
  },
  action: RequestAction,
  input: ActionInput,
  now: string,
): Promise<Step> {
  const note = input.note ?? null;
  const base = { note, data: null, public: true, photoIds: [] as string[] };
  const t = (key: string, params: Record<string, string | number> = {}) => translate(ctx.lang, key, params);
  switch (action) {
    case 'accept': {
      const urgency = input.urgency ?? r.urgency;
      const due =
        urgency !== r.urgency
          ? await computeDue(ctx.db, ctx.actor.townId, r.category_id, urgency as 'normal', r.created_at)
          : r.due_at;
      return { ...base, changes: { accepted_at: now, urgency, due_at: due } };
    }
    case 'reject': {
      const reason = need(note, 'note', 'validation.reasonRequired');
      return {
        ...base,
        note: reason,
        changes: { resolved_at: null },
        // The resident who left a mobile hears why, as they do when it is resolved.
        after: async (trx, code) => {
          if (!r.reporter_mobile_enc) return;
          const town = await trx
            .selectFrom('towns')
            .select('name')
            .where('id', '=', r.town_id)
            .executeTakeFirstOrThrow();
          await queueSms(trx, ctx.sealer, {
            townId: r.town_id,
            to: ctx.sealer.decrypt(r.reporter_mobile_enc),
            body: translate('zh-CN', 'sms.rejected', { town: town.name, code, reason }),
            ref: r.id,
          });
        },
      };
    }
    case 'dispatch': {
      const assignee = need(input.assignee, 'assignee', 'validation.assigneeRequired');
      const teamId = await teamOfAssignee(ctx, assignee.kind, assignee.id);
      const urgency = input.urgency ?? r.urgency;
      const due =
        urgency !== r.urgency
          ? await computeDue(ctx.db, ctx.actor.townId, r.category_id, urgency as 'normal', r.created_at)
          : r.due_at;
      return {
        ...base,
        data: { assignee },
        changes: {
          assignee_kind: assignee.kind,
          assignee_id: assignee.id,
          team_id: teamId,
          dispatched_at: now,
          urgency,
          due_at: due,
        },
        after: async (trx, code) => {
          const users = await assigneeUsers(
            trx,
            {
              town_id: r.town_id,
              village_id: r.village_id,
              team_id: teamId,
              assignee_kind: assignee.kind,
              assignee_id: assignee.id,
            },
            false,
          );
          await notifyUsers(trx, r.town_id, users, {
            kind: 'request.dispatched',
            title: t('notify.requestDispatched', { code }),
            body: note,
            link: `/requests/${r.id}`,
          });
        },
      };
    }
    case 'return':
      return {
        ...base,
        note: need(note, 'note', 'validation.reasonRequired'),
        public: false,
        changes: { assignee_kind: null, assignee_id: null, team_id: null },
        after: async (trx, code) => {
          await notifyUsers(trx, r.town_id, await managerUsers(trx, r), {
            kind: 'request.returned',
            title: t('notify.requestReturned', { code }),
            body: note,
            link: `/requests/${r.id}`,
          });
        },
      };
    case 'start':
      return { ...base, changes: {} };
    case 'progress':
      return {
        ...base,
        note: need(note, 'note', 'validation.noteRequired'),
        photoIds: input.photoIds ?? [],
        changes: {},
      };
    case 'visit':
      return {
        ...base,
        note: need(note, 'note', 'validation.noteRequired'),
        photoIds: input.photoIds ?? [],
        changes: {},
      };
    case 'meeting':
      return {
        ...base,
        data: {
          meetingAt: input.meetingAt ?? now,
          attendees: need(input.attendees, 'attendees', 'validation.required'),
          decisions: need(input.decisions, 'decisions', 'validation.required'),
        },
        changes: {},
      };
    case 'request_extension': {
      const days = need(input.extensionDays, 'extensionDays', 'validation.extensionRequired');
      if (r.pending_extension_days) throw new AppError(ErrorCode.CONFLICT);
      return {
        ...base,
        public: false,
        data: { days },
        changes: { pending_extension_days: days },
        after: async (trx, code) => {
          await notifyUsers(trx, r.town_id, await managerUsers(trx, r), {
            kind: 'request.extension',
            title: t('notify.extensionRequested', { code, days }),
            body: note,
            link: `/requests/${r.id}`,
          });
        },
      };
    }
    case 'decide_extension': {
      const approve = need(input.approve, 'approve', 'validation.approveRequired');
      const days = r.pending_extension_days;
      if (!days) throw new AppError(ErrorCode.CONFLICT);
      const calendar = await loadCalendar(ctx.db, ctx.actor.townId);
      const due =
        approve && r.due_at ? endOfShanghaiDay(addWorkingDays(shanghaiDate(r.due_at), days, calendar)) : r.due_at;
      return {
        ...base,
        data: { approve, days, dueAt: due },
        changes: {
          pending_extension_days: null,
          due_at: due,
          ...(approve ? { overdue_at: null, warned_at: null } : {}),
        },
        after: async (trx, code) => {
          const users = await assigneeUsers(trx, r, false);
          await notifyUsers(trx, r.town_id, users, {
            kind: 'request.extension',
            title: t(approve ? 'notify.extensionApproved' : 'notify.extensionDeclined', { code }),
            body: note,
            link: `/requests/${r.id}`,
          });
        },
      };
    }
    case 'resolve':
    case 'close_unresolved': {
      const outcome = action === 'resolve' ? 'resolved' : 'unresolved';
      if (outcome === 'unresolved') need(note, 'note', 'validation.reasonRequired');
      return {
        ...base,
        photoIds: input.photoIds ?? [],
        data: { outcome },
        changes: { outcome, resolved_at: now, pending_extension_days: null },
        after: async (trx, code) => {
          if (r.reporter_mobile_enc) {
            const town = await trx
              .selectFrom('towns')
              .select('name')
              .where('id', '=', r.town_id)
              .executeTakeFirstOrThrow();
            await queueSms(trx, ctx.sealer, {
              townId: r.town_id,
              to: ctx.sealer.decrypt(r.reporter_mobile_enc),
              body: translate('zh-CN', 'sms.resolved', { town: town.name, code }),
              ref: r.id,
            });
          }
        },
      };
    }
    case 'rate': {
      const rating = need(input.rating, 'rating', 'validation.ratingRequired');
      return { ...base, data: { rating, by: 'phone' }, changes: { rating, rating_comment: note, rated_at: now } };
    }
    case 'reopen': {
      if (r.resolved_at && Date.parse(now) - Date.parse(r.resolved_at) > REOPEN_DAYS * 86400_000)
        throw invalidField('note', 'validation.reopenExpired');
      return { ...base, note: need(note, 'note', 'validation.reasonRequired'), changes: reopenChanges(r) };
    }
    case 'archive':
      return { ...base, public: false, changes: { archived_at: now } };
    case 'supervise':
      return {
        ...base,
        public: false,
        note: need(note, 'note', 'validation.noteRequired'),
        changes: { supervised_count: r.supervised_count + 1 },
        after: async (trx, code) => {
          const users = await assigneeUsers(trx, r, true);
          await notifyUsers(trx, r.town_id, users, {
            kind: 'request.supervised',
            title: t('notify.requestSupervised', { code }),
            body: note,
            link: `/requests/${r.id}`,
          });
        },
      };
    case 'merge': {
      const targetId = need(input.targetId, 'targetId', 'validation.targetRequired');
      if (targetId === r.id) throw invalidField('targetId', 'validation.invalidOption');
      const target = await ctx.db
        .selectFrom('requests')
        .select(['status', 'code'])
        .where('town_id', '=', ctx.actor.townId)
        .where('id', '=', targetId)
        .executeTakeFirst();
      if (!target || target.status === 'merged' || target.status === 'archived')
        throw invalidField('targetId', 'validation.invalidOption');
      return {
        ...base,
        data: { targetId, targetCode: target.code },
        changes: { merged_into_id: targetId },
        after: async (trx) => {
          await trx
            .insertInto('request_events')
            .values({
              town_id: r.town_id,
              id: newId(),
              request_id: targetId,
              at: now,
              kind: 'linked',
              actor_id: ctx.actor.userId,
              actor_name: ctx.actor.displayName,
              note,
              data: JSON.stringify({ fromId: r.id }),
              public: 0,
            })
            .execute();
        },
      };
    }
    default:
      throw forbidden();
  }
}

/** Reopening clears the outcome and sends the request back for dispatch. */
function reopenChanges(r: { reopened_count: number }): Changes {
  return {
    outcome: null,
    resolved_at: null,
    rated_at: null,
    rating: null,
    rating_comment: null,
    assignee_kind: null,
    assignee_id: null,
    team_id: null,
    overdue_at: null,
    warned_at: null,
    reopened_count: r.reopened_count + 1,
  };
}

/** Applies a planned step; shared by staff actions and the resident's rate/reopen. */
export async function applyStep(
  ctx: Pick<Ctx, 'db'> & { townId: string; actorId: string | null; actorName: string | null; ip: string | null },
  r: { id: string; code: string; version: number } & FigureFacts,
  action: RequestAction,
  to: RequestStatus,
  step: Step,
): Promise<void> {
  const now = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('requests')
      .set({ ...step.changes, status: to, version: r.version + 1, updated_at: now })
      .where('town_id', '=', ctx.townId)
      .where('id', '=', r.id)
      .where('version', '=', r.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
    // The town's monthly figures: the request's old contribution out, its new one in. The row the
    // caller read is the row just updated: its version matched.
    const after: Record<string, unknown> = {};
    for (const f of FIGURE_FACTS) after[f] = f in step.changes ? step.changes[f as keyof Changes] : r[f];
    await moveCells(trx, ctx.townId, r, { ...(after as FigureFacts), status: to });
    const eventId = newId();
    await trx
      .insertInto('request_events')
      .values({
        town_id: ctx.townId,
        id: eventId,
        request_id: r.id,
        at: now,
        kind: action,
        actor_id: ctx.actorId,
        actor_name: ctx.actorName,
        note: step.note,
        data: step.data ? JSON.stringify(step.data) : null,
        public: step.public ? 1 : 0,
      })
      .execute();
    await attachUploads(trx, ctx.townId, step.photoIds, { requestId: r.id, eventId });
    await writeAudit(trx, {
      townId: ctx.townId,
      actorId: ctx.actorId,
      actorName: ctx.actorName,
      action: `request.${action}`,
      entity: 'request',
      entityId: r.id,
      ip: ctx.ip,
      detail: { code: r.code, from: r.status, to },
    });
    await step.after?.(trx, r.code);
  });
}

/** A staff member's action on a request. */
export async function act(ctx: Ctx, id: string, action: RequestAction, input: ActionInput): Promise<void> {
  const { row, scope } = await readable(ctx, id);
  if (!mayAct(ctx.actor, scope, row, action)) throw forbidden();
  if (input.version !== row.version) throw staleVersion();
  const to = nextStatus(row.status as RequestStatus, action);
  if (!to) {
    const t = (key: string) => translate(ctx.lang, key);
    throw new AppError(ErrorCode.INVALID_TRANSITION, {
      params: { status: t(`enums.requestStatus.${row.status}`), action: t(`enums.requestAction.${action}`) },
    });
  }
  const step = await plan(ctx, row, action, input, nowIso());
  await applyStep(
    { db: ctx.db, townId: ctx.actor.townId, actorId: ctx.actor.userId, actorName: ctx.actor.displayName, ip: ctx.ip },
    row,
    action,
    to,
    step,
  );
}

export { reopenChanges };
