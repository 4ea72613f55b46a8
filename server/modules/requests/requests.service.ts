/** Reading requests: the scoped list, the detail with its timeline and allowed actions, reveal, similar. */
import { allowedActions, OPEN_STATUSES, type RequestStatus } from '../../../common/requests/lifecycle.ts';
import type { RequestDetail, RequestListQuery, RequestSummary } from '../../../common/requests/schemas.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import type { Page } from '../../platform/paging.ts';
import { uploadUrl } from '../../platform/uploads.ts';
import { type RequestScope, canRead, mayAct, requestScope } from './requests.policy.ts';
import {
  type RequestRow,
  entererName,
  exportRequests,
  getRequestRow,
  listRequests,
  mergedInto,
  openCandidates,
  photosOf,
  timelineOf,
} from './requests.repo.ts';

export function presentSummary(row: RequestRow, now = nowIso()): RequestSummary {
  const status = row.status as RequestStatus;
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    status,
    outcome: row.outcome === 'resolved' || row.outcome === 'unresolved' ? row.outcome : null,
    urgency: row.urgency as RequestSummary['urgency'],
    channel: row.channel as RequestSummary['channel'],
    categoryId: row.category_id,
    categoryName: row.category_name,
    description: row.description,
    villageId: row.village_id,
    villageName: row.village_name ?? null,
    hamletName: row.hamlet_name ?? null,
    address: row.address,
    reporterName: row.reporter_name,
    reporterMobile: row.reporter_mobile_mask,
    assigneeKind: (row.assignee_kind as RequestSummary['assigneeKind']) ?? null,
    assigneeId: row.assignee_id,
    assigneeName: (row.assignee_name as string | null) ?? null,
    teamId: row.team_id,
    dueAt: row.due_at,
    overdue: OPEN_STATUSES.includes(status) && !!row.due_at && row.due_at < now,
    rating: row.rating,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at,
  };
}

export async function list(ctx: Ctx, query: RequestListQuery): Promise<Page<RequestSummary>> {
  const scope = await requestScope(ctx.db, ctx.actor);
  const now = nowIso();
  const page = await listRequests(ctx.db, ctx.actor.townId, scope, query, now);
  return { ...page, items: page.items.map((r) => presentSummary(r, now)) };
}

/**
 * All matching requests for an Excel export. Reporters' mobiles stay masked unless the caller
 * may reveal them; then they are written in full and the export is audited as a reveal.
 */
export async function exportAll(ctx: Ctx, query: RequestListQuery): Promise<RequestSummary[]> {
  const scope = await requestScope(ctx.db, ctx.actor);
  const now = nowIso();
  const rows = await exportRequests(ctx.db, ctx.actor.townId, scope, query, now);
  const reveal = ctx.actor.permissions.includes('people.reveal');
  await writeAudit(ctx.db, auditEvent(ctx, 'request.export', null, { rows: rows.length, revealed: reveal }));
  return rows.map((r) => ({
    ...presentSummary(r, now),
    ...(reveal && r.reporter_mobile_enc ? { reporterMobile: ctx.sealer.decrypt(r.reporter_mobile_enc) } : {}),
  }));
}

/**
 * The row, if the caller may read it; 404 otherwise (another town's or village's request does not exist for them).
 * `handedOver`: the caller has just acted on it (a return hands it back) and gets its new state once more.
 */
export async function readable(
  ctx: Ctx,
  id: string,
  handedOver = false,
): Promise<{ row: RequestRow; scope: RequestScope }> {
  const row = await getRequestRow(ctx.db, ctx.actor.townId, id);
  const scope = await requestScope(ctx.db, ctx.actor);
  if (!row || (!handedOver && !canRead(scope, row))) throw notFound();
  return { row, scope };
}

const parse = (json: string | null): Record<string, unknown> | null => {
  if (!json) return null;
  try {
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return null;
  }
};

export async function get(ctx: Ctx, id: string, handedOver = false): Promise<RequestDetail> {
  const { row, scope } = await readable(ctx, id, handedOver);
  const townId = ctx.actor.townId;
  const [events, photos, merged, [enterer, workstation]] = await Promise.all([
    timelineOf(ctx.db, townId, id),
    photosOf(ctx.db, townId, id),
    mergedInto(ctx.db, townId, id),
    entererName(ctx.db, townId, row.entered_by, row.workstation_id),
  ]);
  const photo = (p: (typeof photos)[number]) => ({
    id: p.id,
    url: uploadUrl(townId, p.id),
    width: p.width,
    height: p.height,
  });
  const status = row.status as RequestStatus;
  return {
    ...presentSummary(row),
    lat: row.lat === null ? null : Number(row.lat),
    lng: row.lng === null ? null : Number(row.lng),
    enteredByName: enterer?.display_name ?? null,
    workstationName: workstation?.name ?? null,
    acceptedAt: row.accepted_at,
    ratingComment: row.rating_comment,
    mergedIntoId: row.merged_into_id,
    origin:
      row.origin_kind === 'activity' || row.origin_kind === 'visit'
        ? { kind: row.origin_kind, id: row.origin_id ?? '' }
        : null,
    linkedReporters: merged.map((m) => ({ code: m.code, name: m.reporter_name, mobile: m.reporter_mobile_mask })),
    pendingExtensionDays: row.pending_extension_days,
    supervisedCount: row.supervised_count,
    photos: photos.filter((p) => p.event_id === null).map(photo),
    timeline: events.map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind,
      actorName: e.actor_name,
      note: e.note,
      data: parse(e.data),
      photos: photos.filter((p) => p.event_id === e.id).map(photo),
      public: e.public === 1,
    })),
    actions: allowedActions(status).filter((a) => mayAct(ctx.actor, scope, row, a)),
    can: { reveal: ctx.actor.permissions.includes('people.reveal') && canRead(scope, row) },
  };
}

/** The reporter's full mobile number, with an audit row. */
export async function reveal(ctx: Ctx, id: string): Promise<{ value: string | null }> {
  const { row } = await readable(ctx, id);
  if (!ctx.actor.permissions.includes('people.reveal')) throw forbidden();
  const value = row.reporter_mobile_enc ? ctx.sealer.decrypt(row.reporter_mobile_enc) : null;
  await writeAudit(ctx.db, auditEvent(ctx, 'request.reveal', id, { field: 'reporterMobile' }));
  return { value };
}

/** Character pairs of a text, for a language-neutral similarity that suits Chinese. */
function bigrams(text: string): Set<string> {
  const clean = text.replace(/[\s\p{P}\p{S}]/gu, '');
  const out = new Set<string>();
  for (let i = 0; i < clean.length - 1; i++) out.add(clean.slice(i, i + 2));
  return out;
}

/** Open requests like `text` in the same village (and category): the five closest. */
export async function similar(
  db: Ctx['db'],
  townId: string,
  query: { text: string; villageId?: string | undefined; categoryId?: string | undefined },
) {
  const mine = bigrams(query.text);
  if (mine.size === 0) return [];
  const candidates = await openCandidates(db, townId, query.villageId, query.categoryId);
  return candidates
    .map((c) => {
      const theirs = bigrams(c.description);
      let shared = 0;
      for (const b of mine) if (theirs.has(b)) shared++;
      const score = shared / Math.min(mine.size, theirs.size || 1);
      return {
        id: c.id,
        code: c.code,
        categoryName: c.category_name,
        description: c.description,
        status: c.status as RequestStatus,
        createdAt: c.created_at,
        score: Math.round(score * 100) / 100,
      };
    })
    .filter((c) => c.score >= 0.3)
    .sort((a, b) => b.score - a.score)
    .slice(0, 5);
}
