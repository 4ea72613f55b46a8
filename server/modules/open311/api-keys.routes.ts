/** /api/open311-keys: the town admin lists, issues and disables the keys outside systems use. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiKeyInput } from '../../../common/requests/schemas.ts';
import { IdParams } from '../../../common/shared/schemas.ts';
import { ctxOf } from '../../platform/request.ts';
import { secured } from '../../platform/session.ts';
import * as keys from './api-keys.service.ts';
import { ApiKeyCreatedRecord, ApiKeyRecord, ApiKeyUpdate } from './open311.schemas.ts';

export async function apiKeyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['open311'];

  r.get(
    '/api/open311-keys',
    {
      ...secured('requests.config'),
      schema: {
        tags,
        summary: "The town's Open311 API keys (never their secrets)",
        response: { 200: z.object({ items: z.array(ApiKeyRecord) }) },
      },
    },
    async (request) => keys.list(ctxOf(request)),
  );

  r.post(
    '/api/open311-keys',
    {
      ...secured('requests.config'),
      schema: {
        tags,
        summary: 'Issue an API key; its secret is in this answer only',
        body: ApiKeyInput,
        response: { 201: ApiKeyCreatedRecord },
      },
    },
    async (request, reply) => reply.status(201).send(await keys.create(ctxOf(request), request.body)),
  );

  r.patch(
    '/api/open311-keys/:id',
    {
      ...secured('requests.config'),
      schema: {
        tags,
        summary: 'Disable or enable an API key',
        params: IdParams,
        body: ApiKeyUpdate,
        response: { 200: ApiKeyRecord },
      },
    },
    async (request) => keys.update(ctxOf(request), request.params.id, request.body),
  );
}
