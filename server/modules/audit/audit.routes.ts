/** /api/audit: the auditor's search over the append-only trail. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditEntry, AuditListQuery } from '../../../common/audit/schemas.ts';
import { translate } from '../../../common/i18n/index.ts';
import { listOf } from '../../../common/shared/schemas.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { buildXlsx, shanghaiTime } from '../../platform/excel.ts';
import { ctxOf, sendXlsx } from '../../platform/request.ts';
import { secured } from '../../platform/session.ts';
import { type AuditRow, exportAudit, listAudit } from './audit.repo.ts';

function present(row: AuditRow): AuditEntry {
  let detail: Record<string, unknown> | null = null;
  try {
    detail = row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null;
  } catch {
    detail = { raw: row.detail };
  }
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    ip: row.ip,
    outcome: row.outcome === 'denied' || row.outcome === 'failed' ? row.outcome : 'ok',
    detail,
  };
}

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get(
    '/api/audit',
    {
      ...secured('audit.read'),
      schema: {
        tags,
        summary: 'Search the audit trail',
        querystring: AuditListQuery,
        response: { 200: listOf(AuditEntry) },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const page = await listAudit(ctx.db, ctx.actor.townId, request.query, request.query.page, request.query.pageSize);
      return { ...page, items: page.items.map(present) };
    },
  );

  r.get(
    '/api/audit/export',
    {
      ...secured('audit.read'),
      schema: {
        tags,
        summary: 'Export the matching audit entries (.xlsx); the export itself is audited',
        querystring: AuditListQuery,
      },
    },
    async (request, reply) => {
      const ctx: Ctx = ctxOf(request);
      const rows = (await exportAudit(ctx.db, ctx.actor.townId, request.query)).map(present);
      await writeAudit(ctx.db, auditEvent(ctx, 'audit.export', null, { rows: rows.length }));
      const t = (key: string) => translate(ctx.lang, key);
      const buffer = await buildXlsx(
        t('exports.audit'),
        [
          { header: t('fields.at'), width: 18, value: (e) => shanghaiTime(e.at) },
          { header: t('fields.actorName'), width: 12, value: (e) => e.actorName },
          { header: t('fields.action'), width: 22, value: (e) => e.action },
          { header: t('fields.entity'), width: 12, value: (e) => e.entity },
          { header: t('fields.entityId'), width: 38, value: (e) => e.entityId },
          { header: t('fields.ip'), width: 16, value: (e) => e.ip },
          { header: t('fields.outcome'), width: 8, value: (e) => t(`enums.outcome.${e.outcome}`) },
          { header: t('fields.detail'), width: 50, value: (e) => (e.detail ? JSON.stringify(e.detail) : null) },
        ],
        rows,
      );
      return sendXlsx(reply, t('exports.audit'), buffer);
    },
  );
}
