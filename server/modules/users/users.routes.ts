/** /api/users: accounts and roles, for the security admin only. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TemporaryPassword, User, UserInput, UserListQuery, UserUpdate } from '../../../common/auth/schemas.ts';
import { translate } from '../../../common/i18n/index.ts';
import { IdParams, listOf } from '../../../common/shared/schemas.ts';
import { buildXlsx, shanghaiTime } from '../../platform/excel.ts';
import { ctxOf, sendXlsx } from '../../platform/request.ts';
import { secured } from '../../platform/session.ts';
import * as users from './users.service.ts';

const Choice = z.array(z.object({ id: z.string(), name: z.string() }));

export async function userRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  const guard = secured('users.manage');

  r.get(
    '/api/users',
    {
      ...guard,
      schema: { tags, summary: 'List accounts', querystring: UserListQuery, response: { 200: listOf(User) } },
    },
    async (request) => users.list(ctxOf(request), request.query),
  );

  r.get(
    '/api/users/export',
    { ...guard, schema: { tags, summary: 'Export accounts (.xlsx)', querystring: UserListQuery } },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const rows = await users.exportAll(ctx, request.query);
      const t = (key: string) => translate(ctx.lang, key);
      const buffer = await buildXlsx(
        t('exports.users'),
        [
          { header: t('fields.username'), width: 16, value: (u) => u.username },
          { header: t('fields.displayName'), width: 12, value: (u) => u.displayName },
          { header: t('fields.mobile'), width: 14, value: (u) => u.mobile },
          {
            header: t('fields.roles'),
            width: 36,
            value: (u) =>
              u.roles.map((g) => `${t(`enums.role.${g.role}`)}${g.scopeName ? `（${g.scopeName}）` : ''}`).join('、'),
          },
          { header: t('fields.lastLoginAt'), width: 18, value: (u) => shanghaiTime(u.lastLoginAt) },
          {
            header: t('fields.status'),
            width: 8,
            value: (u) => t(u.disabled ? 'enums.status.disabled' : 'enums.status.active'),
          },
        ],
        rows,
      );
      return sendXlsx(reply, t('exports.users'), buffer);
    },
  );

  r.get(
    '/api/users/scopes',
    {
      ...guard,
      schema: {
        tags,
        summary: 'Villages, teams and departments a role can be scoped to',
        response: { 200: z.object({ villages: Choice, teams: Choice, departments: Choice }) },
      },
    },
    async (request) => users.scopes(ctxOf(request)),
  );

  r.get(
    '/api/users/:id',
    { ...guard, schema: { tags, summary: 'Read an account', params: IdParams, response: { 200: User } } },
    async (request) => users.get(ctxOf(request), request.params.id),
  );

  r.post(
    '/api/users',
    {
      ...guard,
      schema: {
        tags,
        summary: 'Create an account; its temporary password is shown once',
        body: UserInput,
        response: { 201: TemporaryPassword },
      },
    },
    async (request, reply) => reply.status(201).send(await users.create(ctxOf(request), request.body)),
  );

  r.patch(
    '/api/users/:id',
    {
      ...guard,
      schema: {
        tags,
        summary: 'Edit roles, name, mobile; disable or enable',
        params: IdParams,
        body: UserUpdate,
        response: { 200: User },
      },
    },
    async (request) => users.update(ctxOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/users/:id/unlock',
    { ...guard, schema: { tags, summary: 'Lift a sign-in lockout', params: IdParams, response: { 200: User } } },
    async (request) => users.unlock(ctxOf(request), request.params.id),
  );

  r.post(
    '/api/users/:id/reset-password',
    {
      ...guard,
      schema: {
        tags,
        summary: 'Issue a temporary password (shown once); sessions end',
        params: IdParams,
        response: { 200: TemporaryPassword },
      },
    },
    async (request) => users.resetPassword(ctxOf(request), request.params.id),
  );
}
