/** /api/categories, /api/calendar and the resident page's /api/public/categories. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CalendarDateParams, CalendarDayBody, CalendarList } from '../../../common/requests/calendar-schemas.ts';
import { PublicCategories, PublicTownQuery } from '../../../common/requests/public-schemas.ts';
import * as S from '../../../common/requests/schemas.ts';
import { ListQuery, Ok } from '../../../common/shared/schemas.ts';
import { crudRoutes, statusColumn } from '../../platform/crud-routes.ts';
import { shanghaiTime } from '../../platform/excel.ts';
import { ctxOf } from '../../platform/request.ts';
import { secured } from '../../platform/session.ts';
import * as calendar from './calendar.service.ts';
import * as categories from './categories.service.ts';
import { publicCategories } from './public.service.ts';

export async function categoryRoutes(app: FastifyInstance): Promise<void> {
  crudRoutes(app, {
    path: '/api/categories',
    tag: 'requests',
    noun: 'category',
    read: 'requests.read',
    write: 'requests.config',
    query: ListQuery,
    input: S.CategoryInput,
    update: S.CategoryUpdate,
    output: S.Category,
    exportName: 'exports.categories',
    exportColumns: [
      { label: 'fields.name', width: 16, value: (r) => r.name },
      { label: 'fields.categoryCode', width: 14, value: (r) => r.code },
      { label: 'fields.description', width: 40, value: (r) => r.description },
      { label: 'fields.routeKind', value: (r, t) => (r.routeKind ? t(`enums.routeKind.${r.routeKind}`) : null) },
      { label: 'fields.routeId', width: 28, value: (r) => r.routeName },
      { label: 'fields.limitNormalDays', width: 12, value: (r) => r.limitNormalDays },
      { label: 'fields.limitUrgentDays', width: 12, value: (r) => r.limitUrgentDays },
      { label: 'fields.limitCriticalDays', width: 12, value: (r) => r.limitCriticalDays },
      { label: 'fields.sort', value: (r) => r.sort },
      statusColumn(),
      { label: 'fields.updatedAt', width: 18, value: (r) => shanghaiTime(r.updatedAt) },
    ],
    service: categories,
  });

  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/calendar',
    {
      ...secured('requests.read'),
      schema: {
        tags: ['requests'],
        summary: "A year's public holidays and make-up working days (调休), sorted by date",
        querystring: S.CalendarQuery,
        response: { 200: CalendarList },
      },
    },
    async (request) => calendar.listYear(ctxOf(request), request.query.year),
  );

  r.put(
    '/api/calendar/:date',
    {
      ...secured('requests.config'),
      schema: {
        tags: ['requests'],
        summary: 'Make a date a holiday or a make-up working day (replaces what was set)',
        params: CalendarDateParams,
        body: CalendarDayBody,
        response: { 200: S.CalendarDay },
      },
    },
    async (request) => calendar.setDay(ctxOf(request), request.params.date, request.body),
  );

  r.delete(
    '/api/calendar/:date',
    {
      ...secured('requests.config'),
      schema: {
        tags: ['requests'],
        summary: 'Return a date to the ordinary week',
        params: CalendarDateParams,
        response: { 200: Ok },
      },
    },
    async (request) => calendar.deleteDay(ctxOf(request), request.params.date),
  );

  r.get(
    '/api/public/categories',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: "The town's enabled categories and villages for the resident's report page (no personal data)",
        querystring: PublicTownQuery,
        response: { 200: PublicCategories },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'public, max-age=60');
      return publicCategories(app.deps, request.query.town);
    },
  );
}
