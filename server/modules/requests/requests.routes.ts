/** /api/requests: the staff list, figures, intake, detail, actions, export and reveal. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { translate } from '../../../common/i18n/index.ts';
import {
  ActionEnum,
  ActionInput,
  Figures,
  FiguresQuery,
  RequestDetail,
  RequestListQuery,
  RequestSummary,
  SimilarItem,
  SimilarQuery,
  StaffIntake,
  Upload,
} from '../../../common/requests/schemas.ts';
import { IdParams, listOf } from '../../../common/shared/schemas.ts';
import { buildXlsx, shanghaiTime } from '../../platform/excel.ts';
import { ctxOf, sendXlsx } from '../../platform/request.ts';
import { secured } from '../../platform/session.ts';
import { receivePhoto } from '../../platform/uploads.ts';
import { act } from './actions.service.ts';
import { figures } from './figures.service.ts';
import { intakeByStaff } from './intake.service.ts';
import * as requests from './requests.service.ts';

export async function requestRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['requests'];

  r.get(
    '/api/requests',
    {
      ...secured('requests.read'),
      schema: {
        tags,
        summary: 'List requests in my scope, with filters and saved views',
        querystring: RequestListQuery,
        response: { 200: listOf(RequestSummary) },
      },
    },
    async (request) => requests.list(ctxOf(request), request.query),
  );

  r.get(
    '/api/requests/export',
    {
      ...secured('requests.read'),
      schema: { tags, summary: 'Export the filtered requests (.xlsx; phones masked)', querystring: RequestListQuery },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const rows = await requests.exportAll(ctx, request.query);
      const t = (key: string) => translate(ctx.lang, key);
      const buffer = await buildXlsx(
        t('exports.requests'),
        [
          { header: t('fields.trackingCode'), width: 18, value: (x) => x.code },
          { header: t('fields.status'), width: 10, value: (x) => t(`enums.requestStatus.${x.status}`) },
          {
            header: t('fields.outcome'),
            width: 12,
            value: (x) => (x.outcome ? t(`enums.requestOutcome.${x.outcome}`) : null),
          },
          { header: t('fields.categoryId'), width: 12, value: (x) => x.categoryName },
          { header: t('fields.urgency'), width: 8, value: (x) => t(`enums.urgency.${x.urgency}`) },
          { header: t('fields.channel'), width: 12, value: (x) => t(`enums.channel.${x.channel}`) },
          { header: t('fields.description'), width: 50, value: (x) => x.description },
          { header: t('fields.villageId'), width: 12, value: (x) => x.villageName },
          { header: t('fields.displayName'), width: 10, value: (x) => x.reporterName },
          { header: t('fields.mobile'), width: 14, value: (x) => x.reporterMobile },
          { header: t('fields.assignee'), width: 20, value: (x) => x.assigneeName },
          { header: t('fields.createdAt'), width: 18, value: (x) => shanghaiTime(x.createdAt) },
          { header: t('fields.dueAt'), width: 18, value: (x) => shanghaiTime(x.dueAt) },
          { header: t('fields.resolvedAt'), width: 18, value: (x) => shanghaiTime(x.resolvedAt) },
          { header: t('fields.rating'), width: 8, value: (x) => x.rating },
        ],
        rows,
      );
      return sendXlsx(reply, `${t('exports.requests')}-${new Date().toISOString().slice(0, 10)}`, buffer);
    },
  );

  r.get(
    '/api/requests/figures',
    {
      ...secured('requests.read'),
      schema: {
        tags,
        summary: 'Counts and rates (completion, on-time, satisfaction, handling time) in my scope',
        querystring: FiguresQuery,
        response: { 200: Figures },
      },
    },
    async (request) => figures(ctxOf(request), request.query),
  );

  r.get(
    '/api/requests/similar',
    {
      ...secured('requests.read'),
      schema: {
        tags,
        summary: 'Open requests resembling a draft, in the same village',
        querystring: SimilarQuery,
        response: { 200: z.object({ items: z.array(SimilarItem) }) },
      },
    },
    async (request) => ({ items: await requests.similar(app.deps.db, ctxOf(request).actor.townId, request.query) }),
  );

  r.post(
    '/api/requests',
    {
      ...secured('requests.intake'),
      schema: {
        tags,
        summary: "Enter a request on a resident's behalf (desk, phone, stall, home visit)",
        body: StaffIntake,
        response: { 201: RequestDetail },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const id = await intakeByStaff(ctx, request.body);
      return reply.status(201).send(await requests.get(ctx, id));
    },
  );

  r.get(
    '/api/requests/:id',
    {
      ...secured('requests.read'),
      schema: {
        tags,
        summary: 'A request with its timeline, photos and the actions I may take now',
        params: IdParams,
        response: { 200: RequestDetail },
      },
    },
    async (request) => requests.get(ctxOf(request), request.params.id),
  );

  r.post(
    '/api/requests/:id/actions/:action',
    {
      ...secured('requests.read'),
      schema: {
        tags,
        summary:
          'Take a lifecycle action (send the version you read); 409 for a stale version or a forbidden transition',
        params: IdParams.extend({ action: ActionEnum }),
        body: ActionInput,
        response: { 200: RequestDetail },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      await act(ctx, request.params.id, request.params.action, request.body);
      // A handler who returns a request no longer sees it, yet the action succeeded: answer with its new state.
      return requests.get(ctx, request.params.id, true);
    },
  );

  r.post(
    '/api/requests/:id/reveal',
    {
      ...secured('people.reveal'),
      schema: {
        tags,
        summary: "Show the reporter's mobile number in full (audited)",
        params: IdParams,
        response: { 200: z.object({ value: z.string().nullable() }) },
      },
    },
    async (request) => requests.reveal(ctxOf(request), request.params.id),
  );

  r.post(
    '/api/uploads',
    {
      ...secured(),
      schema: {
        tags,
        summary: 'Upload a photo (multipart field `file`, ≤ 8 MB); re-encoded as JPEG without EXIF',
        consumes: ['multipart/form-data'],
        response: { 201: Upload },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      return reply.status(201).send(await receivePhoto(app.deps, request, ctx.actor.townId, ctx.actor.userId));
    },
  );
}
