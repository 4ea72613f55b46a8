/**
 * The resident's side: follow a request by its code (and the last 4 digits of the mobile given),
 * rate it, reopen it within 7 days. Answers carry no personal data of anyone.
 */
import type { z } from 'zod';
import { translate, type Lang } from '../../../common/i18n/index.ts';
import { REOPEN_DAYS, type RequestStatus, nextStatus } from '../../../common/requests/lifecycle.ts';
import type { PublicRequest } from '../../../common/requests/schemas.ts';
import type { Deps } from '../../platform/context.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import { notifyUsers } from '../../platform/notify.ts';
import { WindowCounter } from '../../platform/rate-limit.ts';
import { ErrorCode } from '../../../common/errors/codes.ts';
import { applyStep, reopenChanges } from './actions.service.ts';
import { assigneeUsers, managerUsers } from './recipients.ts';
import { type RequestRow, getRequestByCode, timelineOf } from './requests.repo.ts';

/** Wrong codes or digits from one address: enough to stop guessing, not to bother a family. */
const guesses = new WindowCounter(30, 15 * 60_000);

/** The town a public call is about: by code, or the only town. */
export async function resolveTown(
  deps: Deps,
  code: string | undefined,
): Promise<{ id: string; code: string; name: string }> {
  const towns = await deps.db
    .selectFrom('towns')
    .select(['id', 'code', 'name'])
    .$if(!!code, (q) => q.where('code', '=', code ?? ''))
    .limit(2)
    .execute();
  const town = towns[0];
  if (!town) throw notFound();
  if (!code && towns.length > 1)
    throw new AppError(ErrorCode.TOWN_REQUIRED, { fields: [{ path: 'town', key: 'validation.required' }] });
  return town;
}

/** The request behind a code and the digits; 404 alike for an unknown code and wrong digits. */
export async function findForResident(
  deps: Deps,
  code: string,
  last4: string | undefined,
  ip: string,
): Promise<RequestRow> {
  if (guesses.retryAfter(ip) > 0)
    throw new AppError(ErrorCode.TOO_MANY_REQUESTS, { headers: { 'retry-after': String(guesses.retryAfter(ip)) } });
  const prefix = code.split('-')[0]?.toUpperCase() ?? '';
  // Prefixes are short and may repeat across a county's towns: look in each town that uses it.
  const towns = await deps.db.selectFrom('towns').select('id').where('prefix', '=', prefix).execute();
  let row: RequestRow | undefined;
  for (const town of towns) {
    row = await getRequestByCode(deps.db, town.id, code);
    if (row) {
      const m = row.reporter_mobile_enc ? deps.sealer.decrypt(row.reporter_mobile_enc) : null;
      if (!m || m.slice(-4) === last4) break;
    }
  }
  const mobile = row?.reporter_mobile_enc ? deps.sealer.decrypt(row.reporter_mobile_enc) : null;
  if (!row || (mobile && mobile.slice(-4) !== last4)) {
    guesses.hit(ip);
    throw notFound();
  }
  return row;
}

const canReopenAt = (row: RequestRow, now: number) =>
  row.status === 'resolved' && !!row.resolved_at && now - Date.parse(row.resolved_at) <= REOPEN_DAYS * 86400_000;

export async function present(deps: Deps, row: RequestRow, lang: Lang): Promise<z.infer<typeof PublicRequest>> {
  const events = await timelineOf(deps.db, row.town_id, row.id);
  const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, key, params);
  const kindText = (kind: string, note: string | null, data: Record<string, unknown>) => {
    const assignee = data.assignee as { kind?: string } | undefined;
    const params = {
      note: note ?? '',
      rating: Number(data.rating ?? 0),
      assignee: assignee?.kind ? t(`enums.assigneeKind.${assignee.kind}`) : '',
    };
    const text = t(`timeline.${kind}`, params);
    return text.startsWith('timeline.') ? t(`enums.requestAction.${kind}`) : text.replace(/[：:]\s*$/, '');
  };
  const now = Date.now();
  return {
    code: row.code,
    status: row.status as RequestStatus,
    outcome: row.outcome === 'resolved' || row.outcome === 'unresolved' ? row.outcome : null,
    categoryName: row.category_name,
    description: row.description,
    villageName: row.village_name ?? null,
    createdAt: row.created_at,
    dueAt: row.due_at,
    resolvedAt: row.resolved_at,
    rating: row.rating,
    timeline: events
      .filter((e) => e.public === 1)
      .map((e) => {
        let data: Record<string, unknown> = {};
        try {
          data = e.data ? (JSON.parse(e.data) as Record<string, unknown>) : {};
        } catch {
          data = {};
        }
        return { at: e.at, kind: e.kind, text: kindText(e.kind, e.note, data) };
      }),
    canRate: row.status === 'resolved',
    canReopen: canReopenAt(row, now),
  };
}

/** The resident rates the result (1–5) with an optional comment. */
export async function rateByResident(
  deps: Deps,
  row: RequestRow,
  rating: number,
  comment: string | null,
  lang: Lang,
  ip: string,
): Promise<void> {
  const to = nextStatus(row.status as RequestStatus, 'rate');
  if (!to)
    throw new AppError(ErrorCode.INVALID_TRANSITION, {
      params: {
        status: translate(lang, `enums.requestStatus.${row.status}`),
        action: translate(lang, 'enums.requestAction.rate'),
      },
    });
  const now = nowIso();
  await applyStep(
    { db: deps.db, townId: row.town_id, actorId: null, actorName: row.reporter_name, ip },
    row,
    'rate',
    to,
    {
      changes: { rating, rating_comment: comment, rated_at: now },
      note: comment,
      data: { rating, by: 'resident' },
      public: true,
      photoIds: [],
      after: async (trx, code) => {
        if (rating <= 3) {
          await notifyUsers(
            trx,
            row.town_id,
            [...(await managerUsers(trx, row)), ...(await assigneeUsers(trx, row, true))],
            {
              kind: 'request.rated',
              title: translate(lang, 'notify.requestRated', { code, rating }),
              body: comment,
              link: `/requests/${row.id}`,
            },
          );
        }
      },
    },
  );
}

/** The resident asks for it to be handled again, within 7 days of resolution. */
export async function reopenByResident(
  deps: Deps,
  row: RequestRow,
  reason: string,
  lang: Lang,
  ip: string,
): Promise<void> {
  if (!canReopenAt(row, Date.now())) {
    if (row.status === 'resolved') throw invalidField('reason', 'validation.reopenExpired');
    throw new AppError(ErrorCode.INVALID_TRANSITION, {
      params: {
        status: translate(lang, `enums.requestStatus.${row.status}`),
        action: translate(lang, 'enums.requestAction.reopen'),
      },
    });
  }
  await applyStep(
    { db: deps.db, townId: row.town_id, actorId: null, actorName: row.reporter_name, ip },
    row,
    'reopen',
    'accepted',
    {
      changes: reopenChanges(row),
      note: reason,
      data: { by: 'resident' },
      public: true,
      photoIds: [],
      after: async (trx, code) => {
        await notifyUsers(trx, row.town_id, await managerUsers(trx, row), {
          kind: 'request.reopened',
          title: translate(lang, 'notify.requestReopened', { code }),
          body: reason,
          link: `/requests/${row.id}`,
        });
      },
    },
  );
}
