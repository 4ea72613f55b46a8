/** SQL of departments (职能部门). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { containsText } from '../../db/dialect.ts';
import { exportRows, paginate } from '../../platform/paging.ts';

export interface DepartmentFilter {
  q?: string | undefined;
  includeDisabled: boolean;
}

function base(db: Kysely<DB>, townId: string, f: DepartmentFilter) {
  let q = db.selectFrom('departments as d').where('d.town_id', '=', townId);
  if (!f.includeDisabled) q = q.where('d.disabled', '=', 0);
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) =>
      eb.or([containsText(db, eb.ref('d.name'), needle), containsText(db, eb.ref('d.duties'), needle)]),
    );
  }
  return q;
}

const columns = (q: ReturnType<typeof base>) => q.selectAll('d').orderBy('d.disabled').orderBy('d.name');

export type DepartmentRow = Awaited<ReturnType<ReturnType<typeof columns>['execute']>>[number];

export const listDepartments = (db: Kysely<DB>, townId: string, f: DepartmentFilter, page: number, pageSize: number) =>
  paginate(base(db, townId, f), columns, page, pageSize);
export const exportDepartments = (db: Kysely<DB>, townId: string, f: DepartmentFilter) =>
  exportRows(base(db, townId, f), columns);
export const getDepartment = (db: Kysely<DB>, townId: string, id: string) =>
  columns(base(db, townId, { includeDisabled: true }).where('d.id', '=', id)).executeTakeFirst();
