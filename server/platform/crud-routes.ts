/**
 * The five routes every kept list shares — list, export, read, create, edit — declared once,
 * each with its permission, schemas and OpenAPI tags. Services do the scope checks.
 */
import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import { z } from 'zod';
import type { Permission } from '../../common/auth/roles.ts';
import { translate } from '../../common/i18n/index.ts';
import { IdParams, listOf } from '../../common/shared/schemas.ts';
import type { Ctx } from './context.ts';
import { type Column, buildXlsx } from './excel.ts';
import type { Page } from './paging.ts';
import { ctxOf, sendXlsx } from './request.ts';
import { secured } from './session.ts';

/** An export column: an i18n key for the header and the cell value. */
export interface ExportColumn<T> {
  label: string;
  width?: number;
  value: (row: T, t: (key: string) => string) => string | number | null;
}

export interface CrudSpec<Q extends z.ZodType, I extends z.ZodType, U extends z.ZodType, O extends z.ZodType> {
  /** Collection path, e.g. `/api/villages`. */
  path: string;
  tag: string;
  /** Singular noun for summaries. */
  noun: string;
  read: Permission;
  write: Permission;
  query: Q;
  input: I;
  update: U;
  output: O;
  /** Sheet and file name key (i18n), e.g. `exports.villages`. */
  exportName: string;
  exportColumns: ExportColumn<z.infer<O>>[];
  service: {
    list(ctx: Ctx, query: z.output<Q>): Promise<Page<z.infer<O>>>;
    exportAll(ctx: Ctx, query: z.output<Q>): Promise<z.infer<O>[]>;
    get(ctx: Ctx, id: string): Promise<z.infer<O>>;
    create(ctx: Ctx, input: z.output<I>): Promise<z.infer<O>>;
    update(ctx: Ctx, id: string, input: z.output<U>): Promise<z.infer<O>>;
  };
}

/** Erases a schema's static type so generic routes type-check; validation is unchanged. */
const schemaOf = (schema: FastifySchema & { tags?: string[]; summary?: string; produces?: string[] }): FastifySchema =>
  schema;

export function crudRoutes<Q extends z.ZodType, I extends z.ZodType, U extends z.ZodType, O extends z.ZodType>(
  app: FastifyInstance,
  spec: CrudSpec<Q, I, U, O>,
): void {
  // Plain Fastify typing here: the zod provider cannot resolve generic schemas; the schemas still
  // validate and serialise every request and response at run time.
  const r = app;
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
  const tags = [spec.tag];

  r.get(
    spec.path,
    {
      ...secured(spec.read),
      schema: schemaOf({
        tags,
        summary: `List ${spec.noun}s`,
        querystring: spec.query,
        response: { 200: listOf(spec.output) },
      }),
    },
    async (request) => await spec.service.list(ctxOf(request), request.query as z.output<Q>),
  );

  r.get(
    `${spec.path}/export`,
    {
      ...secured(spec.read),
      schema: schemaOf({
        tags,
        summary: `Export ${spec.noun}s as Excel (.xlsx), same filters as the list`,
        querystring: spec.query,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      }),
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const rows = await spec.service.exportAll(ctx, request.query as z.output<Q>);
      const t = (key: string) => translate(ctx.lang, key);
      const columns: Column<z.infer<O>>[] = spec.exportColumns.map((c) => ({
        header: t(c.label),
        ...(c.width ? { width: c.width } : {}),
        value: (row) => c.value(row, t),
      }));
      const name = t(spec.exportName);
      return sendXlsx(reply, `${name}-${new Date().toISOString().slice(0, 10)}`, await buildXlsx(name, columns, rows));
    },
  );

  r.get(
    `${spec.path}/:id`,
    {
      ...secured(spec.read),
      schema: schemaOf({ tags, summary: `Read one ${spec.noun}`, params: IdParams, response: { 200: spec.output } }),
    },
    async (request) => await spec.service.get(ctxOf(request), idOf(request)),
  );

  r.post(
    spec.path,
    {
      ...secured(spec.write),
      schema: schemaOf({ tags, summary: `Create a ${spec.noun}`, body: spec.input, response: { 201: spec.output } }),
    },
    async (request, reply) =>
      reply.status(201).send(await spec.service.create(ctxOf(request), request.body as z.output<I>)),
  );

  r.patch(
    `${spec.path}/:id`,
    {
      ...secured(spec.write),
      schema: schemaOf({
        tags,
        summary: `Edit, disable or enable a ${spec.noun} (send the version you read)`,
        params: IdParams,
        body: spec.update,
        response: { 200: spec.output },
      }),
    },
    async (request) => await spec.service.update(ctxOf(request), idOf(request), request.body as z.output<U>),
  );
}

/** Common export columns. */
export const statusColumn = <T extends { disabled: boolean }>(): ExportColumn<T> => ({
  label: 'fields.status',
  width: 10,
  value: (row, t) => t(row.disabled ? 'enums.status.disabled' : 'enums.status.active'),
});
