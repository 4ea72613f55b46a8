/**
 * Closes shifts nobody closed: a scheduled shift whose end passed without a check-in becomes a
 * no-show; a checked-in shift 2 hours past its end is completed with the shift's length (flagged
 * `auto_closed` in the audit). State lives on the shift, so a scan at start catches up.
 */
import type { Deps } from '../../platform/context.ts';
import { writeAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/ids.ts';
import { shiftsQuery } from './duty.repo.ts';
import { addDutyHours } from './attendance.service.ts';

export const AUTO_CLOSE_AFTER_MS = 2 * 3600_000;
const BATCH = 500;

export interface DutyScanResult {
  noShows: number;
  autoClosed: number;
}

export async function runDutyScan(deps: Deps, now = new Date()): Promise<DutyScanResult> {
  const at = now.toISOString();
  const result: DutyScanResult = { noShows: 0, autoClosed: 0 };
  for (;;) {
    const late = await deps.db
      .selectFrom('shifts')
      .select(['town_id', 'id', 'version'])
      .where('status', '=', 'scheduled')
      .where('end_at', '<=', at)
      .limit(BATCH)
      .execute();
    if (!late.length) break;
    await deps.db.transaction().execute(async (trx) => {
      for (const s of late) {
        const r = await trx
          .updateTable('shifts')
          .set({ status: 'no_show', version: s.version + 1, updated_at: nowIso() })
          .where('town_id', '=', s.town_id)
          .where('id', '=', s.id)
          .where('status', '=', 'scheduled')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) continue;
        await writeAudit(trx, { townId: s.town_id, action: 'shift.no_show', entity: 'shift', entityId: s.id });
        result.noShows++;
      }
    });
    if (late.length < BATCH) break;
  }
  const closeBefore = new Date(now.getTime() - AUTO_CLOSE_AFTER_MS).toISOString();
  for (;;) {
    const open = await deps.db
      .selectFrom('shifts')
      .select(['town_id', 'id'])
      .where('status', '=', 'checked_in')
      .where('end_at', '<=', closeBefore)
      .limit(BATCH)
      .execute();
    if (!open.length) break;
    await deps.db.transaction().execute(async (trx) => {
      for (const o of open) {
        const s = await shiftsQuery(trx, o.town_id).where('s.id', '=', o.id).executeTakeFirst();
        if (!s || s.status !== 'checked_in') continue;
        const hours = Math.round(((Date.parse(s.end_at) - Date.parse(s.start_at)) / 3600_000) * 2) / 2;
        await trx
          .updateTable('shifts')
          .set({ status: 'completed', check_out_at: s.end_at, hours, version: s.version + 1, updated_at: nowIso() })
          .where('town_id', '=', s.town_id)
          .where('id', '=', s.id)
          .where('status', '=', 'checked_in')
          .execute();
        await addDutyHours(trx, s, hours);
        await writeAudit(trx, {
          townId: s.town_id,
          action: 'shift.check_out',
          entity: 'shift',
          entityId: s.id,
          detail: { by: 'system', hours, auto_closed: true },
        });
        result.autoClosed++;
      }
    });
    if (open.length < BATCH) break;
  }
  return result;
}

/** Runs the scan now (catching up after a restart) and then every `intervalMs` (5 minutes). */
export function startDutyJob(
  deps: Deps,
  log: { error: (o: object, m: string) => void; info: (o: object, m: string) => void },
  intervalMs = 5 * 60_000,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await runDutyScan(deps);
      if (r.noShows || r.autoClosed) log.info({ ...r, at: nowIso() }, 'duty scan');
    } catch (err) {
      log.error({ err }, 'duty scan failed');
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
