/** /api/auth: sign in and out, the current user, password and language. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ChangePasswordInput, LocaleInput, LoginInput, Me } from '../../../common/auth/schemas.ts';
import { Ok } from '../../../common/shared/schemas.ts';
import { ctxOf } from '../../platform/request.ts';
import { SESSION_COOKIE, secured } from '../../platform/session.ts';
import { changePassword, login, logout, meOf, setLocale } from './auth.service.ts';

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username or mobile number',
        body: LoginInput,
        response: { 200: Me },
      },
    },
    async (request, reply) => {
      const { cookie, me } = await login(app.deps, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      void reply.setCookie(SESSION_COOKIE, cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
      });
      return me;
    },
  );

  r.post(
    '/api/auth/logout',
    { ...secured(), schema: { tags: ['auth'], summary: 'Sign out', response: { 200: Ok } } },
    async (request, reply) => {
      await logout(ctxOf(request));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/me',
    {
      ...secured(),
      schema: { tags: ['auth'], summary: 'The signed-in user, roles and permissions', response: { 200: Me } },
    },
    async (request) => meOf(app.deps, ctxOf(request).actor),
  );

  r.post(
    '/api/auth/password',
    {
      ...secured(),
      schema: { tags: ['auth'], summary: 'Change my password', body: ChangePasswordInput, response: { 200: Ok } },
    },
    async (request) => {
      await changePassword(ctxOf(request), request.body.currentPassword, request.body.newPassword);
      return { ok: true as const };
    },
  );

  r.put(
    '/api/auth/locale',
    { ...secured(), schema: { tags: ['auth'], summary: 'Set my language', body: LocaleInput, response: { 200: Ok } } },
    async (request) => {
      await setLocale(ctxOf(request), request.body.locale);
      return { ok: true as const };
    },
  );
}
