/** /api/members: list, export, profile, status, availability, households, and the Excel import. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorCode } from '../../../common/errors/codes.ts';
import { translate } from '../../../common/i18n/index.ts';
import * as S from '../../../common/members/schemas.ts';
import { IdParams, Ok, listOf } from '../../../common/shared/schemas.ts';
import { buildXlsx } from '../../platform/excel.ts';
import { AppError, invalidField } from '../../platform/errors.ts';
import { ctxOf, sendXlsx } from '../../platform/request.ts';
import { secured } from '../../platform/session.ts';
import * as households from './households.service.ts';
import * as imports from './import.service.ts';
import { buildTemplate } from './import.template.ts';
import * as members from './members.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function memberRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['members'];

  r.get(
    '/api/members',
    {
      ...secured('people.read'),
      schema: {
        tags,
        summary: 'Team members in the caller’s scope; `q` matches a name, a full mobile or a volunteer number',
        querystring: S.MemberListQuery,
        response: { 200: listOf(S.MemberSummary) },
      },
    },
    async (request) => members.list(ctxOf(request), request.query),
  );

  r.get(
    '/api/members/export',
    {
      ...secured('people.read'),
      schema: {
        tags,
        summary: 'Export members (.xlsx, numbers masked)',
        querystring: S.MemberListQuery,
        produces: [XLSX],
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const rows = await members.exportAll(ctx, request.query);
      const t = (key: string) => translate(ctx.lang, key);
      const name = t('exports.members');
      const buffer = await buildXlsx(
        name,
        [
          { header: t('fields.volunteerNo'), width: 12, value: (m) => m.volunteerNo },
          { header: t('fields.displayName'), width: 10, value: (m) => m.name },
          { header: t('fields.gender'), width: 6, value: (m) => (m.gender ? t(`enums.gender.${m.gender}`) : null) },
          { header: t('fields.birthYear'), width: 8, value: (m) => m.birthYear },
          { header: t('fields.mobile'), width: 14, value: (m) => m.mobile },
          { header: t('fields.villageId'), width: 12, value: (m) => m.villageName },
          {
            header: t('fields.politicalStatus'),
            width: 12,
            value: (m) => t(`enums.politicalStatus.${m.politicalStatus}`),
          },
          {
            header: t('fields.backgrounds'),
            width: 20,
            value: (m) => m.backgrounds.map((b) => t(`enums.background.${b}`)).join('、'),
          },
          {
            header: t('fields.teams'),
            width: 36,
            value: (m) => m.teams.map((x) => `${x.name}（${t(`enums.teamRole.${x.role}`)}）`).join('、'),
          },
          { header: t('members.status'), width: 8, value: (m) => t(`members.statuses.${m.status}`) },
        ],
        rows,
      );
      return sendXlsx(reply, `${name}-${new Date().toISOString().slice(0, 10)}`, buffer);
    },
  );

  r.get(
    '/api/members/import/template',
    {
      ...secured('members.import'),
      schema: {
        tags,
        summary: 'The members import template (.xlsx with drop-down lists and instructions)',
        produces: [XLSX],
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      return sendXlsx(reply, translate(ctx.lang, 'members.templateName'), await buildTemplate(ctx));
    },
  );

  r.post(
    '/api/members/import',
    {
      ...secured('members.import'),
      schema: {
        tags,
        summary: 'Upload a members workbook (multipart `file`, .xlsx ≤ 10 MB, ≤ 20,000 rows); starts validation',
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ jobId: z.string() }) },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      if (!request.isMultipart()) throw invalidField('file', 'members.import.notXlsx');
      const file = await request.file({ limits: { fileSize: S.IMPORT_MAX_BYTES, files: 1 } });
      if (!file) throw invalidField('file', 'validation.required');
      let buffer: Buffer;
      try {
        buffer = await file.toBuffer();
      } catch {
        throw new AppError(ErrorCode.PAYLOAD_TOO_LARGE, { fields: [{ path: 'file', key: 'members.import.tooLarge' }] });
      }
      return reply.status(202).send(await imports.start(ctx, buffer));
    },
  );

  r.get(
    '/api/members/import/:jobId',
    {
      ...secured('members.import'),
      schema: {
        tags,
        summary: 'An import job: state, progress and the row-by-row report',
        params: S.JobParams,
        response: { 200: S.ImportJob },
      },
    },
    async (request) => imports.get(ctxOf(request), request.params.jobId),
  );

  r.post(
    '/api/members/import/:jobId/commit',
    {
      ...secured('members.import'),
      schema: {
        tags,
        summary: 'Import a validated file with no errors, all or nothing (409 when it has errors)',
        params: S.JobParams,
        response: { 202: S.ImportJob },
      },
    },
    async (request, reply) => reply.status(202).send(imports.commit(ctxOf(request), request.params.jobId)),
  );

  r.get(
    '/api/members/:id',
    {
      ...secured('people.read'),
      schema: { tags, summary: "A member's full profile", params: IdParams, response: { 200: S.Member } },
    },
    async (request) => members.get(ctxOf(request), request.params.id),
  );

  r.patch(
    '/api/members/:id/status',
    {
      ...secured('people.write'),
      schema: {
        tags,
        summary: 'Set a member active, paused or left (leaving ends current memberships)',
        params: IdParams,
        body: S.MemberStatusInput,
        response: { 200: S.Member },
      },
    },
    async (request) => members.setStatus(ctxOf(request), request.params.id, request.body),
  );

  r.patch(
    '/api/members/:id/profile',
    {
      ...secured('people.write'),
      schema: {
        tags,
        summary: 'Edit availability (weekdays and parts of the day) and the public alias',
        params: IdParams,
        body: S.MemberProfileInput,
        response: { 200: S.Member },
      },
    },
    async (request) => members.updateProfile(ctxOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/members/:id/households',
    {
      ...secured('people.read'),
      schema: {
        tags,
        summary: 'Households the member is responsible for (党员联系户)',
        params: IdParams,
        response: { 200: z.object({ items: z.array(S.Household) }) },
      },
    },
    async (request) => ({ items: await households.list(ctxOf(request), request.params.id) }),
  );

  r.post(
    '/api/members/:id/households',
    {
      ...secured('people.write'),
      schema: {
        tags,
        summary: 'Add a household',
        params: IdParams,
        body: S.HouseholdInput,
        response: { 201: S.Household },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await households.create(ctxOf(request), request.params.id, request.body)),
  );

  r.patch(
    '/api/members/:id/households/:householdId',
    {
      ...secured('people.write'),
      schema: {
        tags,
        summary: 'Edit a household',
        params: S.HouseholdParams,
        body: S.HouseholdUpdate,
        response: { 200: S.Household },
      },
    },
    async (request) => households.update(ctxOf(request), request.params.id, request.params.householdId, request.body),
  );

  r.delete(
    '/api/members/:id/households/:householdId',
    {
      ...secured('people.write'),
      schema: {
        tags,
        summary: 'Remove a household from the member’s list',
        params: S.HouseholdParams,
        response: { 200: Ok },
      },
    },
    async (request) => {
      await households.remove(ctxOf(request), request.params.id, request.params.householdId);
      return { ok: true as const };
    },
  );
}
