/** /api/applications for reviewers, and /api/public/teams + /api/public/applications for residents. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorCode } from '../../../common/errors/codes.ts';
import * as S from '../../../common/members/recruitment.ts';
import { IdParams, listOf } from '../../../common/shared/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import { WindowCounter } from '../../platform/rate-limit.ts';
import { ctxOf } from '../../platform/request.ts';
import { secured } from '../../platform/session.ts';
import { resolveTown } from '../requests/public.service.ts';
import * as recruitment from './recruitment.service.ts';

/** Applications per address: a family applying together passes, a script does not. */
const applications = new WindowCounter(10, 60 * 60_000);

const CodeParams = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{1,10}-\d{8}-\d{4,6}$/, { message: 'validation.invalid' }),
});
const pub = { config: { public: true } };

export async function recruitmentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/public/teams',
    {
      ...pub,
      schema: {
        tags: ['public'],
        summary: 'The town’s teams a resident may apply to join',
        querystring: z.object({ town: z.string().max(32).optional() }),
        response: { 200: z.object({ items: z.array(S.PublicTeam) }) },
      },
    },
    async (request) => {
      const town = await resolveTown(app.deps, request.query.town);
      return { items: await recruitment.publicTeams(app.deps, town.id) };
    },
  );

  r.post(
    '/api/public/applications',
    {
      ...pub,
      schema: {
        tags: ['public'],
        summary: 'Apply to join one or more teams (with consent); returns the tracking code',
        body: S.PublicApplicationInput,
        response: { 201: S.ApplicationReceipt },
      },
    },
    async (request, reply) => {
      const wait = applications.retryAfter(request.ip);
      if (wait > 0) throw new AppError(ErrorCode.TOO_MANY_REQUESTS, { headers: { 'retry-after': String(wait) } });
      applications.hit(request.ip);
      const town = await resolveTown(app.deps, request.body.town);
      return reply.status(201).send(await recruitment.apply(app.deps, town.id, request.body, { ip: request.ip }));
    },
  );

  r.get(
    '/api/public/applications/:code',
    {
      ...pub,
      schema: {
        tags: ['public'],
        summary: 'Follow an application by its code and the last 4 digits of the mobile given',
        params: CodeParams,
        querystring: S.TrackApplicationQuery,
        response: { 200: S.PublicApplication },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return recruitment.track(app.deps, request.params.code, request.query.last4, request.ip, request.lang);
    },
  );

  const tags = ['recruitment'];
  r.get(
    '/api/applications',
    {
      ...secured('recruitment.review'),
      schema: {
        tags,
        summary: 'Applications the caller may review (the town: all; a leader: those naming their team)',
        querystring: S.ApplicationListQuery,
        response: { 200: listOf(S.Application) },
      },
    },
    async (request) => recruitment.list(ctxOf(request), request.query),
  );

  r.get(
    '/api/applications/:id',
    {
      ...secured('recruitment.review'),
      schema: { tags, summary: 'One application', params: IdParams, response: { 200: S.Application } },
    },
    async (request) => recruitment.get(ctxOf(request), request.params.id),
  );

  r.post(
    '/api/applications/:id/approve',
    {
      ...secured('recruitment.review'),
      schema: {
        tags,
        summary: 'Approve: creates or links the person, memberships and a member login; the temporary password once',
        params: IdParams,
        body: S.ApproveInput,
        response: { 200: S.ApproveResult },
      },
    },
    async (request) => recruitment.approve(ctxOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/applications/:id/decline',
    {
      ...secured('recruitment.review'),
      schema: {
        tags,
        summary: 'Decline with a reason (sent to the applicant)',
        params: IdParams,
        body: S.DeclineInput,
        response: { 200: S.Application },
      },
    },
    async (request) => recruitment.decline(ctxOf(request), request.params.id, request.body),
  );
}
