/** The resident's endpoints under /api/public: report, follow, rate, reopen, similar, figures; and photos. */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorCode } from '../../../common/errors/codes.ts';
import {
  Figures,
  IntakeReceipt,
  PublicIntake,
  PublicRateInput,
  PublicReopenInput,
  PublicRequest,
  SimilarItem,
  SimilarQuery,
  TrackQuery,
  Upload,
} from '../../../common/requests/schemas.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { WindowCounter } from '../../platform/rate-limit.ts';
import { receivePhoto, uploadPath } from '../../platform/uploads.ts';
import { computeFigures, townScope } from './figures.service.ts';
import { createRequest, fromPublic } from './intake.service.ts';
import { findForResident, present, rateByResident, reopenByResident, resolveTown } from './public.service.ts';
import { similar } from './requests.service.ts';

/** Reports and uploads per address: generous for a village office, a wall for a script. */
const writes = new WindowCounter(60, 10 * 60_000);
function limitWrites(ip: string): void {
  const wait = writes.retryAfter(ip);
  if (wait > 0) throw new AppError(ErrorCode.TOO_MANY_REQUESTS, { headers: { 'retry-after': String(wait) } });
  writes.hit(ip);
}

const CodeParams = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{1,8}-\d{8}-\d{4,6}$/, { message: 'validation.invalid' }),
});
const pub = { config: { public: true } };

export async function publicRequestRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['public'];

  r.post(
    '/api/public/uploads',
    {
      ...pub,
      schema: {
        tags,
        summary: "Upload a photo for a resident's report (multipart `file`, ≤ 8 MB)",
        querystring: z.object({ town: z.string().max(32).optional() }),
        consumes: ['multipart/form-data'],
        response: { 201: Upload },
      },
    },
    async (request, reply) => {
      limitWrites(request.ip);
      const town = await resolveTown(app.deps, request.query.town);
      return reply.status(201).send(await receivePhoto(app.deps, request, town.id, null));
    },
  );

  r.get(
    '/api/public/requests/similar',
    {
      ...pub,
      schema: {
        tags,
        summary: 'Open requests like this one in the same village (no personal data)',
        querystring: SimilarQuery,
        response: { 200: z.object({ items: z.array(SimilarItem) }) },
      },
    },
    async (request) => {
      const town = await resolveTown(app.deps, request.query.town);
      return { items: await similar(app.deps.db, town.id, request.query) };
    },
  );

  r.post(
    '/api/public/requests',
    {
      ...pub,
      schema: {
        tags,
        summary: 'Report a problem or need; returns the tracking code',
        body: PublicIntake,
        response: { 201: IntakeReceipt },
      },
    },
    async (request, reply) => {
      limitWrites(request.ip);
      const town = await resolveTown(app.deps, request.body.town);
      const receipt = await createRequest(app.deps, town.id, fromPublic(request.body), null, {
        ip: request.ip,
        lang: request.lang,
      });
      return reply.status(201).send({ code: receipt.code, status: receipt.status, dueAt: receipt.dueAt });
    },
  );

  r.get(
    '/api/public/requests/:code',
    {
      ...pub,
      schema: {
        tags,
        summary: 'Follow a request by its code and the last 4 digits of the mobile given',
        params: CodeParams,
        querystring: TrackQuery,
        response: { 200: PublicRequest },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      const row = await findForResident(app.deps, request.params.code, request.query.last4, request.ip);
      return present(app.deps, row, request.lang);
    },
  );

  r.post(
    '/api/public/requests/:code/rate',
    {
      ...pub,
      schema: {
        tags,
        summary: 'Rate the result 1–5',
        params: CodeParams,
        body: PublicRateInput,
        response: { 200: PublicRequest },
      },
    },
    async (request) => {
      const row = await findForResident(app.deps, request.params.code, request.body.last4, request.ip);
      await rateByResident(app.deps, row, request.body.rating, request.body.comment, request.lang, request.ip);
      return present(
        app.deps,
        await findForResident(app.deps, request.params.code, request.body.last4, request.ip),
        request.lang,
      );
    },
  );

  r.post(
    '/api/public/requests/:code/reopen',
    {
      ...pub,
      schema: {
        tags,
        summary: 'Ask for the request to be handled again (within 7 days of resolution)',
        params: CodeParams,
        body: PublicReopenInput,
        response: { 200: PublicRequest },
      },
    },
    async (request) => {
      const row = await findForResident(app.deps, request.params.code, request.body.last4, request.ip);
      await reopenByResident(app.deps, row, request.body.reason, request.lang, request.ip);
      return present(
        app.deps,
        await findForResident(app.deps, request.params.code, request.body.last4, request.ip),
        request.lang,
      );
    },
  );

  r.get(
    '/api/public/figures',
    {
      ...pub,
      schema: {
        tags,
        summary: "The town's request figures by month (no personal data)",
        querystring: z.object({ town: z.string().max(32).optional() }),
        response: { 200: Figures },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'public, max-age=300');
      const town = await resolveTown(app.deps, request.query.town);
      const since = new Date(Date.now() - 365 * 86400_000).toISOString().slice(0, 10);
      return computeFigures(app.deps.db, town.id, townScope(), { groupBy: 'month', from: since });
    },
  );

  // Photos are for staff of the town: they may show people and homes.
  app.get('/uploads/:townId/:file', { schema: { hide: true } }, async (request, reply) => {
    const { townId, file } = request.params as { townId: string; file: string };
    const actor = request.actor;
    if (!actor || actor.townId !== townId || !/^[0-9a-f-]{36}\.jpg$/.test(file)) throw notFound();
    const target = uploadPath(app.deps.config.dataDir, townId, file.slice(0, -4));
    if (!fs.existsSync(target)) throw notFound();
    void reply.header('content-type', 'image/jpeg').header('cache-control', 'private, max-age=86400');
    return reply.send(fs.createReadStream(path.resolve(target)));
  });
}
