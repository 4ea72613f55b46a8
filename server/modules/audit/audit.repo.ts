/** SQL of the audit trail (read side; rows are written by platform/audit.ts). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { containsText } from '../../db/dialect.ts';
import { shanghaiDayStart } from '../../platform/ids.ts';
import { exportRows, paginate } from '../../platform/paging.ts';

export interface AuditFilter {
  q?: string | undefined;
  action?: string | undefined;
  entity?: string | undefined;
  actor?: string | undefined;
  outcome?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function base(db: Kysely<DB>, townId: string, f: AuditFilter) {
  let q = db.selectFrom('audit_log as a').where('a.town_id', '=', townId);
  if (f.action) q = q.where('a.action', 'like', `${f.action.replace(/[%_]/g, '')}%`);
  if (f.entity) q = q.where('a.entity', '=', f.entity);
  if (f.outcome) q = q.where('a.outcome', '=', f.outcome);
  if (f.actor) {
    const needle = f.actor;
    q = q.where((eb) => containsText(db, eb.ref('a.actor_name'), needle));
  }
  if (f.from) q = q.where('a.at', '>=', shanghaiDayStart(f.from));
  if (f.to) {
    const next = new Date(Date.parse(shanghaiDayStart(f.to)) + 86400_000).toISOString();
    q = q.where('a.at', '<', next);
  }
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) =>
      eb.or([
        containsText(db, eb.ref('a.action'), needle),
        containsText(db, eb.ref('a.actor_name'), needle),
        eb('a.entity_id', '=', needle),
        eb('a.ip', '=', needle),
      ]),
    );
  }
  return q;
}

const columns = (q: ReturnType<typeof base>) => q.selectAll('a').orderBy('a.at', 'desc').orderBy('a.id', 'desc');

export type AuditRow = Awaited<ReturnType<ReturnType<typeof columns>['execute']>>[number];

export const listAudit = (db: Kysely<DB>, townId: string, f: AuditFilter, page: number, pageSize: number) =>
  paginate(base(db, townId, f), columns, page, pageSize);
export const exportAudit = (db: Kysely<DB>, townId: string, f: AuditFilter) => exportRows(base(db, townId, f), columns);
