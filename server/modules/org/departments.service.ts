/** Departments: town-wide, kept by the town admin. */
import type { z } from 'zod';
import type { Department, DepartmentInput, DepartmentUpdate } from '../../../common/org/schemas.ts';
import type { ListQuery } from '../../../common/shared/schemas.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { Page } from '../../platform/paging.ts';
import { createRecord, flag, updateRecord } from '../../platform/records.ts';
import { canWriteTownWide } from './org.policy.ts';
import { type DepartmentRow, exportDepartments, getDepartment, listDepartments } from './departments.repo.ts';

const UNIQUE = { name: 'name' };

function present(ctx: Ctx, row: DepartmentRow): Department {
  const write = canWriteTownWide(ctx.actor);
  return {
    id: row.id,
    version: row.version,
    disabled: flag(row.disabled),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    name: row.name,
    phone: row.phone,
    duties: row.duties,
    can: { update: write, disable: write },
  };
}

export async function list(ctx: Ctx, query: ListQuery): Promise<Page<Department>> {
  const page = await listDepartments(ctx.db, ctx.actor.townId, query, query.page, query.pageSize);
  return { ...page, items: page.items.map((r) => present(ctx, r)) };
}

export async function exportAll(ctx: Ctx, query: ListQuery): Promise<Department[]> {
  return (await exportDepartments(ctx.db, ctx.actor.townId, query)).map((r) => present(ctx, r));
}

export async function get(ctx: Ctx, id: string): Promise<Department> {
  const row = await getDepartment(ctx.db, ctx.actor.townId, id);
  if (!row) throw notFound();
  return present(ctx, row);
}

export async function create(ctx: Ctx, input: z.output<typeof DepartmentInput>): Promise<Department> {
  if (!canWriteTownWide(ctx.actor)) throw forbidden();
  const id = await createRecord(ctx, {
    table: 'departments',
    entity: 'department',
    unique: UNIQUE,
    values: { ...input, disabled: 0 },
  });
  return get(ctx, id);
}

export async function update(ctx: Ctx, id: string, input: z.output<typeof DepartmentUpdate>): Promise<Department> {
  const before = await get(ctx, id);
  if (!before.can.update) throw forbidden();
  await updateRecord(ctx, { table: 'departments', entity: 'department', id, unique: UNIQUE, before, input });
  return get(ctx, id);
}
