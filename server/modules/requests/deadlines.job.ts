/**
 * Deadlines: warns the assignee a day before a request falls due, and marks it overdue after,
 * telling the assignee, their leaders and the town. State lives on the request (`warned_at`,
 * `overdue_at`), so a scan after a restart catches up with everything missed while down.
 */
import { translate } from '../../../common/i18n/index.ts';
import { OPEN_STATUSES } from '../../../common/requests/lifecycle.ts';
import type { Deps } from '../../platform/context.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { notifyUsers } from '../../platform/notify.ts';
import { assigneeUsers, managerUsers } from './recipients.ts';

/** How long before the due time the assignee is warned. */
export const WARN_BEFORE_MS = 24 * 3600_000;
const BATCH = 200;

export interface ScanResult {
  warned: number;
  overdue: number;
}

/** One pass over every town's open requests. */
export async function runDeadlineScan(deps: Deps, now = new Date()): Promise<ScanResult> {
  const at = now.toISOString();
  const soon = new Date(now.getTime() + WARN_BEFORE_MS).toISOString();
  const result: ScanResult = { warned: 0, overdue: 0 };
  const open = [...OPEN_STATUSES];

  for (;;) {
    const late = await deps.db
      .selectFrom('requests')
      .selectAll()
      .where('status', 'in', open)
      .where('overdue_at', 'is', null)
      .where('due_at', '<', at)
      .limit(BATCH)
      .execute();
    for (const r of late) {
      await deps.db.transaction().execute(async (trx) => {
        const marked = await trx
          .updateTable('requests')
          .set({ overdue_at: at, warned_at: r.warned_at ?? at })
          .where('town_id', '=', r.town_id)
          .where('id', '=', r.id)
          .where('overdue_at', 'is', null)
          .executeTakeFirst();
        if (Number(marked.numUpdatedRows) !== 1) return;
        await trx
          .insertInto('request_events')
          .values({
            town_id: r.town_id,
            id: newId(),
            request_id: r.id,
            at,
            kind: 'overdue',
            actor_id: null,
            actor_name: null,
            note: null,
            data: JSON.stringify({ dueAt: r.due_at }),
            public: 0,
          })
          .execute();
        const users = [...(await assigneeUsers(trx, r, true)), ...(await managerUsers(trx, r))];
        await notifyUsers(trx, r.town_id, users, {
          kind: 'request.overdue',
          title: translate('zh-CN', 'notify.requestOverdue', { code: r.code }),
          body: r.description.slice(0, 80),
          link: `/requests/${r.id}`,
        });
      });
      result.overdue++;
    }
    if (late.length < BATCH) break;
  }

  for (;;) {
    const due = await deps.db
      .selectFrom('requests')
      .selectAll()
      .where('status', 'in', open)
      .where('warned_at', 'is', null)
      .where('due_at', '>=', at)
      .where('due_at', '<', soon)
      .limit(BATCH)
      .execute();
    for (const r of due) {
      await deps.db.transaction().execute(async (trx) => {
        const marked = await trx
          .updateTable('requests')
          .set({ warned_at: at })
          .where('town_id', '=', r.town_id)
          .where('id', '=', r.id)
          .where('warned_at', 'is', null)
          .executeTakeFirst();
        if (Number(marked.numUpdatedRows) !== 1) return;
        await trx
          .insertInto('request_events')
          .values({
            town_id: r.town_id,
            id: newId(),
            request_id: r.id,
            at,
            kind: 'due_soon',
            actor_id: null,
            actor_name: null,
            note: null,
            data: JSON.stringify({ dueAt: r.due_at }),
            public: 0,
          })
          .execute();
        const users = r.assignee_id ? await assigneeUsers(trx, r, false) : await managerUsers(trx, r);
        await notifyUsers(trx, r.town_id, users, {
          kind: 'request.due_soon',
          title: translate('zh-CN', 'notify.requestDueSoon', { code: r.code }),
          body: r.description.slice(0, 80),
          link: `/requests/${r.id}`,
        });
      });
      result.warned++;
    }
    if (due.length < BATCH) break;
  }
  return result;
}

/** Runs the scan now (catching up after a restart) and then every `intervalMs`. */
export function startDeadlineJob(
  deps: Deps,
  log: { error: (o: object, m: string) => void; info: (o: object, m: string) => void },
  intervalMs = 60_000,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await runDeadlineScan(deps);
      if (r.warned || r.overdue) log.info({ ...r, at: nowIso() }, 'deadline scan');
    } catch (err) {
      log.error({ err }, 'deadline scan failed');
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
