/** /api/care: the registry, pairings, visits, the member's own pairings, overdue, figures, import/export. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Permission } from '../../../common/auth/roles.ts';
import * as S from '../../../common/care/schemas.ts';
import { ErrorCode } from '../../../common/errors/codes.ts';
import { translate } from '../../../common/i18n/index.ts';
import { IdParams, listOf } from '../../../common/shared/schemas.ts';
import { buildXlsx, shanghaiTime } from '../../platform/excel.ts';
import { AppError, invalidField } from '../../platform/errors.ts';
import { ctxOf, sendXlsx } from '../../platform/request.ts';
import { authorise, secured } from '../../platform/session.ts';
import { buildCareTemplate, importRecipients } from './care.import.ts';
import { installCareErrors } from './care.shared.ts';
import { careFigures } from './figures.service.ts';
import * as pairing from './pairing.service.ts';
import * as registry from './registry.service.ts';
import * as visits from './visits.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['care'];

/** Signed in with any one of the permissions (a refusal is audited like `secured`). */
function securedAny(...permissions: [Permission, ...Permission[]]) {
  return {
    ...secured(),
    preHandler: [
      async (request: FastifyRequest) => {
        if (permissions.some((p) => request.actor?.permissions.includes(p))) return;
        await authorise(permissions[0])(request);
      },
    ],
  };
}

export async function careRoutes(app: FastifyInstance): Promise<void> {
  installCareErrors(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/care/recipients',
    {
      ...secured('care.read'),
      schema: {
        tags,
        summary: 'Care recipients in the caller’s scope (masked; children’s names partly hidden)',
        querystring: S.RecipientListQuery,
        response: { 200: listOf(S.CareRecipient) },
      },
    },
    async (request) => registry.listRecipients(ctxOf(request), request.query),
  );

  r.get(
    '/api/care/recipients/export',
    {
      ...secured('care.read'),
      schema: {
        tags,
        summary: 'Export care recipients (.xlsx, masked, no health notes)',
        querystring: S.RecipientListQuery,
        produces: [XLSX],
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const rows = await registry.exportRecipients(ctx, request.query);
      const t = (key: string) => translate(ctx.lang, key);
      const name = t('care.exportName');
      type Row = (typeof rows)[number];
      const buffer = await buildXlsx<Row>(
        name,
        [
          { header: t('fields.name'), width: 10, value: (x) => x.row.name },
          {
            header: t('fields.kinds'),
            width: 18,
            value: (x) => x.row.kinds.map((k) => t(`care.kinds.${k}`)).join('、'),
          },
          {
            header: t('fields.gender'),
            width: 6,
            value: (x) => (x.row.gender ? t(`care.gender.${x.row.gender}`) : null),
          },
          { header: t('fields.birthYear'), width: 8, value: (x) => x.row.birthYear },
          { header: t('fields.villageId'), width: 10, value: (x) => x.row.villageName },
          { header: t('fields.hamletId'), width: 10, value: (x) => x.row.hamletName },
          {
            header: t('fields.address'),
            width: 20,
            value: (x) => (x.row.child ? t('care.childMasked') : x.row.address),
          },
          { header: t('fields.mobile'), width: 14, value: (x) => x.row.mobile },
          { header: t('fields.idNumber'), width: 20, value: (x) => x.idNumber },
          { header: t('fields.guardian'), width: 10, value: (x) => x.guardianName },
          { header: t('fields.relation'), width: 8, value: (x) => x.guardianRelation },
          { header: `${t('fields.guardian')}${t('fields.mobile')}`, width: 14, value: (x) => x.guardianMobile },
          { header: t('fields.needTags'), width: 14, value: (x) => x.row.needTags.join('、') },
          { header: t('fields.riskLevel'), width: 8, value: (x) => t(`care.risk.${x.row.riskLevel}`) },
          {
            header: t('fields.frequency'),
            width: 8,
            value: (x) => (x.row.frequency ? t(`care.frequency.${x.row.frequency}`) : String(x.row.frequencyDays)),
          },
          { header: '结对队员', width: 16, value: (x) => x.row.pairedMembers.map((p) => p.name).join('、') },
          { header: '最近走访', width: 16, value: (x) => shanghaiTime(x.row.lastVisitAt) },
          { header: '下次应访', width: 16, value: (x) => shanghaiTime(x.row.nextDueAt) },
          { header: '是否逾期', width: 8, value: (x) => (x.row.overdue ? '是' : '否') },
          { header: t('fields.status'), width: 8, value: (x) => t(`care.status.${x.row.status}`) },
        ],
        rows,
      );
      return sendXlsx(reply, name, buffer);
    },
  );

  r.post(
    '/api/care/recipients',
    {
      ...secured('care.manage'),
      schema: {
        tags,
        summary: 'Register a care recipient (lawful basis and consent date required)',
        body: S.RecipientInput,
        response: { 201: S.CareRecipientDetail },
      },
    },
    async (request, reply) => reply.status(201).send(await registry.createRecipient(ctxOf(request), request.body)),
  );

  r.get(
    '/api/care/recipients/:id',
    {
      ...securedAny('care.read', 'care.visit'),
      schema: {
        tags,
        summary: 'A recipient’s full record with pairings (current and history); every view is audited',
        params: IdParams,
        response: { 200: S.CareRecipientDetail },
      },
    },
    async (request) => registry.getRecipient(ctxOf(request), request.params.id),
  );

  r.patch(
    '/api/care/recipients/:id',
    {
      ...secured('care.manage'),
      schema: {
        tags,
        summary: 'Edit a recipient, or end care (status inactive with a reason); stale version → 409',
        params: IdParams,
        body: S.RecipientUpdate,
        response: { 200: S.CareRecipientDetail },
      },
    },
    async (request) => registry.updateRecipient(ctxOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/care/recipients/:id/reveal',
    {
      ...secured('care.sensitive'),
      schema: {
        tags,
        summary: 'Reveal a recipient’s mobile, ID number or guardian’s mobile (audited)',
        params: IdParams,
        body: S.RevealInput,
        response: { 200: S.RevealOutput },
      },
    },
    async (request) => registry.reveal(ctxOf(request), request.params.id, request.body.field),
  );

  r.get(
    '/api/care/recipients/:id/visits',
    {
      ...securedAny('care.read', 'care.visit'),
      schema: {
        tags,
        summary: 'A recipient’s visits, newest first',
        params: IdParams,
        querystring: S.RecipientVisitsQuery,
        response: { 200: listOf(S.CareVisit) },
      },
    },
    async (request) => visits.recipientVisits(ctxOf(request), request.params.id, request.query),
  );

  r.post(
    '/api/care/recipients/:id/reassign',
    {
      ...secured('care.manage'),
      schema: {
        tags,
        summary: 'End one pairing (with a reason) and pair another member in its place',
        params: IdParams,
        body: S.ReassignInput,
        response: { 200: S.CarePairing },
      },
    },
    async (request) => pairing.reassign(ctxOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/care/pairings',
    {
      ...securedAny('care.read', 'care.visit'),
      schema: {
        tags,
        summary: 'Pairings per recipient or per member (a member sees only their own)',
        querystring: S.PairingListQuery,
        response: { 200: listOf(S.CarePairing) },
      },
    },
    async (request) => pairing.listPairings(ctxOf(request), request.query),
  );

  r.post(
    '/api/care/pairings',
    {
      ...secured('care.manage'),
      schema: {
        tags,
        summary: 'Pair a member with a recipient',
        body: S.PairingInput,
        response: { 201: S.CarePairing },
      },
    },
    async (request, reply) => reply.status(201).send(await pairing.createPairing(ctxOf(request), request.body)),
  );

  r.post(
    '/api/care/pairings/:id/end',
    {
      ...secured('care.manage'),
      schema: {
        tags,
        summary: 'End a pairing (kept as history)',
        params: S.PairingIdParams,
        body: S.PairingEndInput,
        response: { 200: S.CarePairing },
      },
    },
    async (request) => pairing.endPairing(ctxOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/care/visits',
    {
      ...securedAny('care.visit', 'care.manage'),
      schema: {
        tags,
        summary: 'Log a visit; a problem becomes a request (channel visit); hours go to the ledger as pending',
        body: S.VisitInput,
        response: { 201: S.VisitCreated },
      },
    },
    async (request, reply) => reply.status(201).send(await visits.logVisit(ctxOf(request), request.body)),
  );

  r.get(
    '/api/care/visits',
    {
      ...secured('care.read'),
      schema: {
        tags,
        summary: 'Visits in the caller’s scope',
        querystring: S.VisitListQuery,
        response: { 200: listOf(S.CareVisit) },
      },
    },
    async (request) => visits.listVisits(ctxOf(request), request.query),
  );

  r.get(
    '/api/care/visits/:id',
    {
      ...securedAny('care.read', 'care.visit'),
      schema: {
        tags,
        summary: 'One visit (as in its recipient’s history)',
        params: IdParams,
        response: { 200: S.CareVisit },
      },
    },
    async (request) => visits.getVisit(ctxOf(request), request.params.id),
  );

  r.get(
    '/api/care/my',
    {
      ...secured('care.visit'),
      schema: {
        tags,
        summary: 'My pairings with the last visit, next due date and overdue flag (member H5)',
        response: { 200: S.MyCare },
      },
    },
    async (request) => registry.myCare(ctxOf(request)),
  );

  r.get(
    '/api/care/overdue',
    {
      ...secured('care.read'),
      schema: {
        tags,
        summary: 'Recipients without a visit within their frequency',
        querystring: S.OverdueQuery,
        response: { 200: listOf(S.OverdueItem) },
      },
    },
    async (request) => registry.listOverdue(ctxOf(request), request.query),
  );

  r.get(
    '/api/care/figures',
    {
      ...secured('care.read'),
      schema: {
        tags,
        summary: 'Care figures by kind, month, team and village',
        querystring: S.FiguresQuery,
        response: { 200: S.CareFigures },
      },
    },
    async (request) => careFigures(ctxOf(request), request.query),
  );

  r.get(
    '/api/care/import/template',
    {
      ...secured('care.manage'),
      schema: { tags, summary: 'The care recipients import template (.xlsx)', produces: [XLSX] },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      return sendXlsx(reply, translate(ctx.lang, 'care.templateName'), await buildCareTemplate(ctx));
    },
  );

  r.post(
    '/api/care/import',
    {
      ...secured('care.manage'),
      schema: {
        tags,
        summary: 'Import care recipients (multipart `file`, .xlsx ≤ 10 MB, ≤ 20,000 rows); all or nothing',
        consumes: ['multipart/form-data'],
        querystring: S.CareImportQuery,
        response: { 200: S.CareImportReport, 422: S.CareImportReport },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      if (!request.isMultipart()) throw invalidField('file', 'members.import.notXlsx');
      const file = await request.file({ limits: { fileSize: S.CARE_IMPORT_MAX_BYTES, files: 1 } });
      if (!file) throw invalidField('file', 'validation.required');
      let buffer: Buffer;
      try {
        buffer = await file.toBuffer();
      } catch {
        throw new AppError(ErrorCode.PAYLOAD_TOO_LARGE, { fields: [{ path: 'file', key: 'members.import.tooLarge' }] });
      }
      const report = await importRecipients(ctx, buffer, request.query.dryRun ?? false);
      return reply.status(report.ok ? 200 : 422).send(report);
    },
  );
}
