/** SQL of villages (行政村/社区). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { containsText } from '../../db/dialect.ts';
import { exportRows, paginate } from '../../platform/paging.ts';

export interface VillageFilter {
  q?: string | undefined;
  includeDisabled: boolean;
  /** Restrict to these villages (a village admin's scope). */
  ids: string[] | null;
}

function base(db: Kysely<DB>, townId: string, f: VillageFilter) {
  let q = db.selectFrom('villages as v').where('v.town_id', '=', townId);
  if (!f.includeDisabled) q = q.where('v.disabled', '=', 0);
  if (f.ids) q = q.where('v.id', 'in', f.ids.length ? f.ids : ['-']);
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) =>
      eb.or([containsText(db, eb.ref('v.name'), needle), containsText(db, eb.ref('v.code'), needle)]),
    );
  }
  return q;
}

function columns(q: ReturnType<typeof base>) {
  return q
    .selectAll('v')
    .select((eb) => [
      eb
        .selectFrom('hamlets as h')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('h.town_id', '=', 'v.town_id')
        .whereRef('h.village_id', '=', 'v.id')
        .where('h.disabled', '=', 0)
        .as('hamlet_count'),
      eb
        .selectFrom('workstations as w')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('w.town_id', '=', 'v.town_id')
        .whereRef('w.village_id', '=', 'v.id')
        .where('w.disabled', '=', 0)
        .as('workstation_count'),
    ])
    .orderBy('v.disabled')
    .orderBy('v.sort')
    .orderBy('v.name');
}

export type VillageRow = Awaited<ReturnType<ReturnType<typeof columns>['execute']>>[number];

export const listVillages = (db: Kysely<DB>, townId: string, f: VillageFilter, page: number, pageSize: number) =>
  paginate(base(db, townId, f), columns, page, pageSize);

export const exportVillages = (db: Kysely<DB>, townId: string, f: VillageFilter) =>
  exportRows(base(db, townId, f), columns);

export const getVillage = (db: Kysely<DB>, townId: string, id: string) =>
  columns(base(db, townId, { includeDisabled: true, ids: null }).where('v.id', '=', id)).executeTakeFirst();
