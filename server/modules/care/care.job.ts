/**
 * Overdue visits: when a recipient's next visit falls due without a visit, the paired members and
 * their team leaders get an in-app notice — once per period (the next notice a full frequency later
 * if there is still no visit). State lives on the recipient (`notify_at`), so a scan at start
 * catches up with everything missed while the server was down, and never notifies twice.
 */
import { isChild, maskName, nextNoticeAt, overdueDays } from '../../../common/care/figures.ts';
import { translate } from '../../../common/i18n/index.ts';
import type { Deps } from '../../platform/context.ts';
import { nowIso } from '../../platform/ids.ts';
import { notifyUsers } from '../../platform/notify.ts';
import { kindsOf } from './care.repo.ts';
import type { Db } from './care.shared.ts';

const BATCH = 200;

export interface CareScanResult {
  /** Recipients whose overdue notice went out. */
  recipients: number;
  /** Notices written. */
  notices: number;
}

/** The users to tell about an overdue recipient: the paired members' accounts and their team leaders. */
export async function overdueAudience(
  db: Db,
  townId: string,
  recipientId: string,
): Promise<{ members: string[]; leaders: string[] }> {
  const people = await db
    .selectFrom('care_pairings')
    .select('person_id')
    .where('town_id', '=', townId)
    .where('recipient_id', '=', recipientId)
    .where('ended_at', 'is', null)
    .execute();
  const personIds = people.map((p) => p.person_id);
  if (!personIds.length) return { members: [], leaders: [] };
  const own = await db
    .selectFrom('users')
    .select('id')
    .where('town_id', '=', townId)
    .where('person_id', 'in', personIds)
    .where('disabled', '=', 0)
    .execute();
  const teams = await db
    .selectFrom('team_memberships')
    .select('team_id')
    .where('town_id', '=', townId)
    .where('person_id', 'in', personIds)
    .where('left_at', 'is', null)
    .execute();
  const teamIds = [...new Set(teams.map((t) => t.team_id))];
  const leaders = teamIds.length
    ? await db
        .selectFrom('user_roles as ur')
        .innerJoin('users as u', (j) => j.onRef('u.town_id', '=', 'ur.town_id').onRef('u.id', '=', 'ur.user_id'))
        .select('u.id')
        .where('ur.town_id', '=', townId)
        .where('ur.role', '=', 'team_leader')
        .where('ur.team_id', 'in', teamIds)
        .where('u.disabled', '=', 0)
        .execute()
    : [];
  const members = [...new Set(own.map((u) => u.id))];
  return { members, leaders: [...new Set(leaders.map((u) => u.id))].filter((id) => !members.includes(id)) };
}

export async function runCareScan(deps: Deps, now = new Date()): Promise<CareScanResult> {
  const at = now.toISOString();
  const result: CareScanResult = { recipients: 0, notices: 0 };
  let after = '';
  for (;;) {
    const due = await deps.db
      .selectFrom('care_recipients')
      .select(['town_id', 'id', 'name', 'kinds', 'birth_year', 'notify_at', 'next_due_at', 'frequency_days'])
      .where('status', '=', 'active')
      .where('notify_at', '<=', at)
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (!due.length) break;
    after = due[due.length - 1]?.id ?? after;
    for (const r of due) {
      await deps.db.transaction().execute(async (trx) => {
        const next = nextNoticeAt(r.notify_at, r.frequency_days, now);
        const marked = await trx
          .updateTable('care_recipients')
          .set({ notify_at: next })
          .where('town_id', '=', r.town_id)
          .where('id', '=', r.id)
          .where('notify_at', '=', r.notify_at)
          .where('status', '=', 'active')
          .executeTakeFirst();
        // Another process got there first, or a visit moved the due date meanwhile.
        if (Number(marked.numUpdatedRows) !== 1) return;
        const { members, leaders } = await overdueAudience(trx, r.town_id, r.id);
        const name = isChild(kindsOf(r), r.birth_year, now) ? maskName(r.name) : r.name;
        const notice = {
          kind: 'care.overdue',
          title: translate('zh-CN', 'care.overdueTitle', { name, days: Math.max(1, overdueDays(r.next_due_at, now)) }),
          body: translate('zh-CN', 'care.overdueBody', { frequency: r.frequency_days }),
        };
        // Paired members log the visit on their phone; their leaders are told, without a record to open.
        result.notices += await notifyUsers(trx, r.town_id, members, { ...notice, link: '/h5/#/care' });
        result.notices += await notifyUsers(trx, r.town_id, leaders, { ...notice, link: null });
        result.recipients++;
      });
    }
    if (due.length < BATCH) break;
  }
  return result;
}

/** Runs the scan now (catching up after a restart) and then every `intervalMs` (15 minutes). */
export function startCareJob(
  deps: Deps,
  log: { error: (o: object, m: string) => void; info: (o: object, m: string) => void },
  intervalMs = 15 * 60_000,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await runCareScan(deps);
      if (r.recipients) log.info({ ...r, at: nowIso() }, 'care overdue scan');
    } catch (err) {
      log.error({ err }, 'care overdue scan failed');
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
