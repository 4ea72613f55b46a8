/**
 * Deadlines: warns the assignee a day before a request falls due, and marks it overdue after,
 * telling the assignee, their leaders and the town. State lives on the request (`warned_at`,
 * `overdue_at`), so a scan after a restart catches up with everything missed while down.
 */
import type { Selectable, SelectQueryBuilder, Transaction } from 'kysely';
import { translate } from '../../../common/i18n/index.ts';
import { OPEN_STATUSES } from '../../../common/requests/lifecycle.ts';
import type { DB, RequestTable } from '../../db/schema.ts';
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

type RequestRow = Selectable<RequestTable>;

/** One kind of deadline mark: which open requests it finds, what it sets, and whom it tells. */
interface Mark {
  /** The column that records the mark, so each request is marked once. */
  column: 'warned_at' | 'overdue_at';
  kind: 'due_soon' | 'overdue';
  due: (q: SelectQueryBuilder<DB, 'requests', object>) => SelectQueryBuilder<DB, 'requests', object>;
  also?: (r: RequestRow) => Partial<RequestTable>;
  recipients: (trx: Transaction<DB>, r: RequestRow) => Promise<string[]>;
  title: string;
}

/** Marks every request `mark` finds, each in its own transaction with its timeline entry and notices. */
async function markAll(deps: Deps, mark: Mark, at: string): Promise<number> {
  let marked = 0;
  for (;;) {
    const found = await mark
      .due(
        deps.db
          .selectFrom('requests')
          .where('status', 'in', [...OPEN_STATUSES])
          .where(mark.column, 'is', null),
      )
      .selectAll()
      .limit(BATCH)
      .execute();
    for (const r of found) {
      const done = await deps.db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('requests')
          .set({ [mark.column]: at, ...mark.also?.(r) })
          .where('town_id', '=', r.town_id)
          .where('id', '=', r.id)
          .where(mark.column, 'is', null)
          .executeTakeFirst();
        // Another process marked it first.
        if (Number(updated.numUpdatedRows) !== 1) return false;
        await trx
          .insertInto('request_events')
          .values({
            town_id: r.town_id,
            id: newId(),
            request_id: r.id,
            at,
            kind: mark.kind,
            actor_id: null,
            actor_name: null,
            note: null,
            data: JSON.stringify({ dueAt: r.due_at }),
            public: 0,
          })
          .execute();
        await notifyUsers(trx, r.town_id, await mark.recipients(trx, r), {
          kind: `request.${mark.kind}`,
          title: translate('zh-CN', mark.title, { code: r.code }),
          body: r.description.slice(0, 80),
          link: `/requests/${r.id}`,
        });
        return true;
      });
      if (done) marked++;
    }
    if (found.length < BATCH) return marked;
  }
}

/** One pass over every town's open requests: overdue first, then those due within a day. */
export async function runDeadlineScan(deps: Deps, now = new Date()): Promise<ScanResult> {
  const at = now.toISOString();
  const soon = new Date(now.getTime() + WARN_BEFORE_MS).toISOString();
  const overdue = await markAll(
    deps,
    {
      column: 'overdue_at',
      kind: 'overdue',
      due: (q) => q.where('due_at', '<', at),
      also: (r) => ({ warned_at: r.warned_at ?? at }),
      recipients: async (trx, r) => [...(await assigneeUsers(trx, r, true)), ...(await managerUsers(trx, r))],
      title: 'notify.requestOverdue',
    },
    at,
  );
  const warned = await markAll(
    deps,
    {
      column: 'warned_at',
      kind: 'due_soon',
      due: (q) => q.where('due_at', '>=', at).where('due_at', '<', soon),
      recipients: (trx, r) => (r.assignee_id ? assigneeUsers(trx, r, false) : managerUsers(trx, r)),
      title: 'notify.requestDueSoon',
    },
    at,
  );
  return { warned, overdue };
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
