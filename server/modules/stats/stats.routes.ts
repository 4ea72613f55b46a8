/** /api/stats/overview: the home page's live counts, within the caller's scope. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Overview } from '../../../common/stats/schemas.ts';
import { ctxOf } from '../../platform/request.ts';
import { secured } from '../../platform/session.ts';
import { overview } from './stats.service.ts';

export async function statsRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/stats/overview',
    {
      ...secured('stats.read'),
      schema: { tags: ['stats'], summary: 'Live counts for the home page', response: { 200: Overview } },
    },
    async (request) => overview(ctxOf(request)),
  );
}
