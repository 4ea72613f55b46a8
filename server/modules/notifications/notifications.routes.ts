/** /api/notifications: the caller's own in-app notices, for any signed-in role. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotificationList } from '../../../common/requests/schemas.ts';
import { IdParams, Ok } from '../../../common/shared/schemas.ts';
import { ctxOf } from '../../platform/request.ts';
import { secured } from '../../platform/session.ts';
import * as notifications from './notifications.service.ts';

export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];

  r.get(
    '/api/notifications',
    {
      ...secured(),
      schema: {
        tags,
        summary: "The caller's latest 50 notices and the unread count",
        response: { 200: NotificationList },
      },
    },
    async (request) => notifications.list(ctxOf(request)),
  );

  r.post(
    '/api/notifications/read-all',
    { ...secured(), schema: { tags, summary: "Mark all the caller's notices read", response: { 200: Ok } } },
    async (request) => notifications.readAll(ctxOf(request)),
  );

  r.post(
    '/api/notifications/:id/read',
    {
      ...secured(),
      schema: {
        tags,
        summary: "Mark one of the caller's notices read (another user's is not found)",
        params: IdParams,
        response: { 200: Ok },
      },
    },
    async (request) => notifications.read(ctxOf(request), request.params.id),
  );
}
