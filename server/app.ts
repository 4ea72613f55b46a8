/** buildApp: plugins, then every module's routes. Used by the CLI, the tests and the benchmarks. */
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { careRoutes } from './modules/care/care.routes.ts';
import { categoryRoutes } from './modules/categories/categories.routes.ts';
import { activityRoutes, publicActivityRoutes } from './modules/activities/activities.routes.ts';
import { dutyRoutes } from './modules/duty/duty.routes.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { open311Routes } from './modules/open311/open311.routes.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import { memberRoutes } from './modules/members/members.routes.ts';
import { peopleRoutes } from './modules/people/people.routes.ts';
import { recruitmentRoutes } from './modules/recruitment/recruitment.routes.ts';
import { publicRequestRoutes } from './modules/requests/public.routes.ts';
import { requestRoutes } from './modules/requests/requests.routes.ts';
import { statsRoutes } from './modules/stats/stats.routes.ts';
import { teamRoutes } from './modules/teams/teams.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import type { Sealer } from './platform/crypto.ts';
import { installErrorHandling } from './platform/errors.ts';
import { sessionHook } from './platform/session.ts';
import './platform/context.ts';

export interface BuildOptions {
  config: Config;
  database: Database;
  sealer: Sealer;
  /** pino logger options, or false for none (tests). */
  logger?: boolean | object;
}

/** The request as it may appear in logs: method and path only — queries can hold names or numbers. */
const logSerializers = {
  req(request: FastifyRequest) {
    return { method: request.method, url: request.url.split('?')[0] };
  },
};

export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { config, database, sealer } = options;
  const app = Fastify({
    logger: options.logger === undefined ? { level: config.logLevel, serializers: logSerializers } : options.logger,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
  });
  app.decorate('deps', { db: database.db, dialect: database.dialect, sealer, config });
  app.decorateRequest('actor', null);
  app.decorateRequest('lang', 'zh-CN');
  app.decorateRequest('sessionExpired', false);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Before any route plugin: encapsulated plugins take the handlers in force when registered.
  installErrorHandling(app, await webFallback(app, config.webDist));
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: 8 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Lianxin 连心 API',
        description: 'Grassroots service and governance for Chinese towns. Errors: `{code, message, fields?}`.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'lx_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', sessionHook(database.db, config));
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (!request.url.startsWith('/api/docs')) reply.header('x-frame-options', 'DENY');
    if (request.url.startsWith('/api/') && !reply.getHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['system'], summary: 'Liveness and database kind', hide: false } },
    async () => {
      await database.db.selectFrom('towns').select('id').limit(1).execute();
      return { status: 'ok', db: database.dialect };
    },
  );

  await app.register(authRoutes);
  await app.register(orgRoutes);
  await app.register(teamRoutes);
  await app.register(peopleRoutes);
  await app.register(memberRoutes);
  await app.register(recruitmentRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(statsRoutes);
  await app.register(categoryRoutes);
  await app.register(notificationRoutes);
  await app.register(requestRoutes);
  await app.register(publicRequestRoutes);
  await app.register(open311Routes);
  await app.register(dutyRoutes);
  await app.register(careRoutes);
  await app.register(activityRoutes);
  await app.register(publicActivityRoutes);

  return app;
}

/**
 * Serves the built web app: assets as files (brotli or gzip copies made at build time, chosen by
 * Accept-Encoding), and every page path as the right index.html so client routes work on reload.
 */
async function webFallback(
  app: FastifyInstance,
  dist: string,
): Promise<((request: FastifyRequest, reply: FastifyReply) => FastifyReply | null) | undefined> {
  if (!fs.existsSync(path.join(dist, 'index.html'))) return undefined;
  await app.register(fastifyStatic, {
    root: dist,
    wildcard: true,
    index: false,
    preCompressed: true,
    setHeaders(res, file) {
      if (file.includes(`${path.sep}assets${path.sep}`))
        res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  const page = (reply: FastifyReply, h5: boolean) =>
    reply.header('cache-control', 'no-cache').sendFile(h5 ? 'h5/index.html' : 'index.html');
  // Directory paths would otherwise reach the static handler, which refuses directories.
  app.get('/', { schema: { hide: true } }, (_request, reply) => page(reply, false));
  app.get('/h5', { schema: { hide: true } }, (_request, reply) => page(reply, true));
  app.get('/h5/', { schema: { hide: true } }, (_request, reply) => page(reply, true));
  return (request, reply) => {
    if (request.method !== 'GET' || request.url.startsWith('/api/') || request.url.startsWith('/open311/')) return null;
    if (/\.[a-z0-9]+$/i.test(request.url.split('?')[0] ?? '')) return null;
    const h5 = request.url === '/h5' || request.url.startsWith('/h5/') || request.url.startsWith('/h5?');
    return page(reply, h5);
  };
}
