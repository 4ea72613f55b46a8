/** Request categories: what residents report, where it goes by default, and how long it may take. */
import type { z } from 'zod';
import {
  type Category,
  CategoryIcon,
  type CategoryInput,
  type CategoryUpdate,
} from '../../../common/requests/schemas.ts';
import type { ListQuery } from '../../../common/shared/schemas.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidField, notFound } from '../../platform/errors.ts';
import type { Page } from '../../platform/paging.ts';
import { createRecord, flag, updateRecord } from '../../platform/records.ts';
import { canConfigure } from './categories.policy.ts';
import {
  type CategoryRow,
  type RouteKind,
  exportCategories,
  getCategory,
  listCategories,
  routeTargetExists,
} from './categories.repo.ts';

/** Unique keys: constraint column → API field. */
const UNIQUE = { code: 'code', name: 'name' };
const COLUMNS = {
  routeKind: 'route_kind',
  routeId: 'route_id',
  limitNormalDays: 'limit_normal_days',
  limitUrgentDays: 'limit_urgent_days',
  limitCriticalDays: 'limit_critical_days',
};

const iconOf = (value: string): Category['icon'] => {
  const parsed = CategoryIcon.safeParse(value);
  return parsed.success ? parsed.data : 'other';
};
const routeKindOf = (value: string | null): RouteKind | null =>
  value === 'team' || value === 'squad' || value === 'department' ? value : null;

function routeName(row: CategoryRow): string | null {
  switch (row.route_kind) {
    case 'team':
      return row.route_team_name ?? null;
    case 'squad':
      return row.route_squad_name
        ? [row.route_squad_team_name, row.route_squad_name].filter(Boolean).join(' · ')
        : null;
    case 'department':
      return row.route_department_name ?? null;
    default:
      return null;
  }
}

function present(ctx: Ctx, row: CategoryRow): Category {
  const write = canConfigure(ctx.actor);
  const kind = routeKindOf(row.route_kind);
  return {
    id: row.id,
    version: row.version,
    disabled: flag(row.disabled),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    code: row.code,
    name: row.name,
    icon: iconOf(row.icon),
    description: row.description,
    routeKind: kind,
    routeId: kind ? row.route_id : null,
    routeName: kind ? routeName(row) : null,
    limitNormalDays: row.limit_normal_days,
    limitUrgentDays: row.limit_urgent_days,
    limitCriticalDays: row.limit_critical_days,
    sort: row.sort,
    can: { update: write, disable: write },
  };
}

/**
 * A default route is a kind and an id together, or neither; the id must name an enabled team,
 * squad or department of that kind in the caller's town.
 */
async function checkRoute(ctx: Ctx, kind: RouteKind | null, id: string | null): Promise<void> {
  if (kind === null && id === null) return;
  if (kind === null || id === null) throw invalidField('routeId', 'validation.routePair');
  if (!(await routeTargetExists(ctx.db, ctx.actor.townId, kind, id)))
    throw invalidField('routeId', 'validation.routeTarget');
}

export async function list(ctx: Ctx, query: ListQuery): Promise<Page<Category>> {
  const page = await listCategories(ctx.db, ctx.actor.townId, query, query.page, query.pageSize);
  return { ...page, items: page.items.map((r) => present(ctx, r)) };
}

export async function exportAll(ctx: Ctx, query: ListQuery): Promise<Category[]> {
  return (await exportCategories(ctx.db, ctx.actor.townId, query)).map((r) => present(ctx, r));
}

export async function get(ctx: Ctx, id: string): Promise<Category> {
  const row = await getCategory(ctx.db, ctx.actor.townId, id);
  if (!row) throw notFound();
  return present(ctx, row);
}

export async function create(ctx: Ctx, input: z.output<typeof CategoryInput>): Promise<Category> {
  if (!canConfigure(ctx.actor)) throw forbidden();
  await checkRoute(ctx, input.routeKind, input.routeId);
  const id = await createRecord(ctx, {
    table: 'categories',
    entity: 'category',
    unique: UNIQUE,
    values: {
      code: input.code,
      name: input.name,
      icon: input.icon,
      description: input.description,
      route_kind: input.routeKind,
      route_id: input.routeId,
      limit_normal_days: input.limitNormalDays,
      limit_urgent_days: input.limitUrgentDays,
      limit_critical_days: input.limitCriticalDays,
      sort: input.sort,
      disabled: 0,
    },
    audit: input,
  });
  return get(ctx, id);
}

export async function update(ctx: Ctx, id: string, input: z.output<typeof CategoryUpdate>): Promise<Category> {
  const before = await get(ctx, id);
  if (!before.can.update) throw forbidden();
  if (input.routeKind !== undefined || input.routeId !== undefined) {
    const kind = input.routeKind === undefined ? before.routeKind : input.routeKind;
    const routeId = input.routeId === undefined ? before.routeId : input.routeId;
    // An unchanged route is not re-checked, so a later-disabled team does not block other edits.
    if (kind !== before.routeKind || routeId !== before.routeId) await checkRoute(ctx, kind, routeId);
  }
  await updateRecord(ctx, {
    table: 'categories',
    entity: 'category',
    id,
    unique: UNIQUE,
    before,
    input,
    columns: COLUMNS,
  });
  return get(ctx, id);
}
