/** SQL of workstations (工作室). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { containsText } from '../../db/dialect.ts';
import { exportRows, paginate } from '../../platform/paging.ts';

export interface WorkstationFilter {
  q?: string | undefined;
  villageId?: string | undefined;
  level?: string | undefined;
  includeDisabled: boolean;
  /** A village admin reads their villages' workstations and the town-level ones. */
  villageIds: string[] | null;
}

function base(db: Kysely<DB>, townId: string, f: WorkstationFilter) {
  let q = db
    .selectFrom('workstations as w')
    .leftJoin('villages as v', (j) => j.onRef('v.town_id', '=', 'w.town_id').onRef('v.id', '=', 'w.village_id'))
    .where('w.town_id', '=', townId);
  if (!f.includeDisabled) q = q.where('w.disabled', '=', 0);
  if (f.villageIds) {
    const ids = f.villageIds.length ? f.villageIds : ['-'];
    q = q.where((eb) => eb.or([eb('w.village_id', 'in', ids), eb('w.level', '=', 'town')]));
  }
  if (f.villageId) q = q.where('w.village_id', '=', f.villageId);
  if (f.level) q = q.where('w.level', '=', f.level);
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) =>
      eb.or([
        containsText(db, eb.ref('w.name'), needle),
        containsText(db, eb.ref('w.address'), needle),
        containsText(db, eb.ref('v.name'), needle),
      ]),
    );
  }
  return q;
}

const columns = (q: ReturnType<typeof base>) =>
  q
    .selectAll('w')
    .select('v.name as village_name')
    .orderBy('w.disabled')
    .orderBy('w.level', 'desc')
    .orderBy('v.sort')
    .orderBy('w.name');

export type WorkstationRow = Awaited<ReturnType<ReturnType<typeof columns>['execute']>>[number];

export const listWorkstations = (
  db: Kysely<DB>,
  townId: string,
  f: WorkstationFilter,
  page: number,
  pageSize: number,
) => paginate(base(db, townId, f), columns, page, pageSize);
export const exportWorkstations = (db: Kysely<DB>, townId: string, f: WorkstationFilter) =>
  exportRows(base(db, townId, f), columns);
export const getWorkstation = (db: Kysely<DB>, townId: string, id: string) =>
  columns(base(db, townId, { includeDisabled: true, villageIds: null }).where('w.id', '=', id)).executeTakeFirst();
