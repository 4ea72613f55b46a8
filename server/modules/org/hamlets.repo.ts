/** SQL of hamlets (自然村). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { containsText } from '../../db/dialect.ts';
import { exportRows, paginate } from '../../platform/paging.ts';

export interface HamletFilter {
  q?: string | undefined;
  villageId?: string | undefined;
  includeDisabled: boolean;
  villageIds: string[] | null;
}

function base(db: Kysely<DB>, townId: string, f: HamletFilter) {
  let q = db
    .selectFrom('hamlets as h')
    .innerJoin('villages as v', (j) => j.onRef('v.town_id', '=', 'h.town_id').onRef('v.id', '=', 'h.village_id'))
    .where('h.town_id', '=', townId);
  if (!f.includeDisabled) q = q.where('h.disabled', '=', 0);
  if (f.villageIds) q = q.where('h.village_id', 'in', f.villageIds.length ? f.villageIds : ['-']);
  if (f.villageId) q = q.where('h.village_id', '=', f.villageId);
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) =>
      eb.or([containsText(db, eb.ref('h.name'), needle), containsText(db, eb.ref('v.name'), needle)]),
    );
  }
  return q;
}

const columns = (q: ReturnType<typeof base>) =>
  q
    .selectAll('h')
    .select('v.name as village_name')
    .orderBy('h.disabled')
    .orderBy('v.sort')
    .orderBy('v.name')
    .orderBy('h.name');

export type HamletRow = Awaited<ReturnType<ReturnType<typeof columns>['execute']>>[number];

export const listHamlets = (db: Kysely<DB>, townId: string, f: HamletFilter, page: number, pageSize: number) =>
  paginate(base(db, townId, f), columns, page, pageSize);
export const exportHamlets = (db: Kysely<DB>, townId: string, f: HamletFilter) =>
  exportRows(base(db, townId, f), columns);
export const getHamlet = (db: Kysely<DB>, townId: string, id: string) =>
  columns(base(db, townId, { includeDisabled: true, villageIds: null }).where('h.id', '=', id)).executeTakeFirst();
