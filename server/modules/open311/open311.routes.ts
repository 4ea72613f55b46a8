/**
 * Open311 GeoReport v2 at /open311/v2/ (discovery, services, requests, tokens; `.json` or `.xml`),
 * and the town admin's API keys at /api/open311-keys. GeoReport answers and errors follow the
 * spec, not our `{code, message}` shape, so they live in their own encapsulated plugin.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiKeyRoutes } from './api-keys.routes.ts';
import { answer, installOpen311Errors, Open311Error } from './open311.http.ts';
import {
  FormatParams,
  JurisdictionQuery,
  Open311Intake,
  PostQuery,
  RequestParams,
  RequestsQuery,
  ServiceParams,
  TokenParams,
} from './open311.schemas.ts';
import * as open311 from './open311.service.ts';

const BODY_LIMIT = 1024 * 1024;
const tags = ['open311'];
const pub = { config: { public: true } };

/** Fields a POST may send in the body or in the query string (as the spec's swagger has them). */
function postField(request: FastifyRequest, name: 'api_key' | 'jurisdiction_id'): string | undefined {
  const body = request.body;
  const fromBody = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.[name];
  const value = typeof fromBody === 'string' && fromBody ? fromBody : fromQuery;
  return typeof value === 'string' && value ? value : undefined;
}

async function georeportRoutes(app: FastifyInstance): Promise<void> {
  installOpen311Errors(app);
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (_request, body, done) => {
      const fields: Record<string, string> = {};
      for (const [key, value] of new URLSearchParams(String(body))) fields[key] = value;
      done(null, fields);
    },
  );
  // `.csv` and the like: the route matched the extension as a parameter, but it names no format we have.
  app.addHook('onRequest', async (request) => {
    const format = (request.params as { format?: string } | undefined)?.format;
    if (format !== undefined && format !== 'json' && format !== 'xml')
      throw new Open311Error(404, 'open311.errors.notFound');
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const town = (code: string | undefined) => open311.resolveJurisdiction(app.deps, code);
  /** The town the POST's preValidation resolved, so the handler need not look it up again. */
  const posted = new WeakMap<FastifyRequest, open311.Town>();

  r.get(
    '/discovery.:format',
    {
      ...pub,
      schema: {
        tags,
        summary: 'GeoReport v2 discovery: endpoints, formats and where to get an API key',
        params: FormatParams,
        querystring: JurisdictionQuery,
      },
    },
    async (request, reply) => {
      const t = await town(request.query.jurisdiction_id);
      const base = `${request.protocol}://${request.host}/open311/v2`;
      return answer(
        reply,
        request.params.format,
        'discovery',
        await open311.discovery(app.deps, t, base, request.lang),
      );
    },
  );

  r.get(
    '/services.:format',
    {
      ...pub,
      schema: {
        tags,
        summary: "The town's services (enabled request categories)",
        params: FormatParams,
        querystring: JurisdictionQuery,
      },
    },
    async (request, reply) => {
      const t = await town(request.query.jurisdiction_id);
      return answer(reply, request.params.format, 'services', await open311.services(app.deps, t));
    },
  );

  r.get(
    '/services/:service_code.:format',
    {
      ...pub,
      schema: {
        tags,
        summary: 'Definition of a service (no extra attributes: an empty list)',
        params: ServiceParams,
        querystring: JurisdictionQuery,
      },
    },
    async (request, reply) => {
      const t = await town(request.query.jurisdiction_id);
      const definition = await open311.serviceDefinition(app.deps, t, request.params.service_code);
      return answer(reply, request.params.format, 'service_definition', definition);
    },
  );

  r.get(
    '/requests.:format',
    {
      ...pub,
      schema: {
        tags,
        summary: 'Requests by ids, or by service, status and date (default: the last 90 days; at most 1000)',
        params: FormatParams,
        querystring: RequestsQuery,
      },
    },
    async (request, reply) => {
      const t = await town(request.query.jurisdiction_id);
      const items = await open311.searchRequests(app.deps, t, request.query, request.lang);
      return answer(reply, request.params.format, 'service_requests', items);
    },
  );

  r.post(
    '/requests.:format',
    {
      ...pub,
      // Before validation: an unknown jurisdiction is 404 and a bad key 403, whatever else is wrong.
      preValidation: async (request) => {
        const t = await town(postField(request, 'jurisdiction_id'));
        await open311.checkApiKey(app.deps, t, postField(request, 'api_key'));
        posted.set(request, t);
      },
      schema: {
        tags,
        summary: 'Submit a request (api_key required; form-urlencoded or JSON); answers its service_request_id',
        params: FormatParams,
        querystring: PostQuery,
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: Open311Intake,
      },
    },
    async (request, reply) => {
      const t = posted.get(request) ?? (await town(postField(request, 'jurisdiction_id')));
      const created = await open311.submit(app.deps, t, request.body, { ip: request.ip, lang: request.lang });
      return answer(reply, request.params.format, 'service_requests', created);
    },
  );

  r.get(
    '/requests/:service_request_id.:format',
    {
      ...pub,
      schema: {
        tags,
        summary: 'One request by its service_request_id (a list of one)',
        params: RequestParams,
        querystring: JurisdictionQuery,
      },
    },
    async (request, reply) => {
      const t = await town(request.query.jurisdiction_id);
      const items = await open311.getRequest(app.deps, t, request.params.service_request_id, request.lang);
      return answer(reply, request.params.format, 'service_requests', items);
    },
  );

  r.get(
    '/tokens/:token.:format',
    {
      ...pub,
      schema: {
        tags,
        summary: 'The service_request_id of a token (requests are created at once: the token is that id)',
        params: TokenParams,
        querystring: JurisdictionQuery,
      },
    },
    async (request, reply) => {
      const t = await town(request.query.jurisdiction_id);
      const items = await open311.token(app.deps, t, request.params.token);
      return answer(reply, request.params.format, 'service_requests', items);
    },
  );
}

/** Registers both parts; one line in app.ts. */
export async function open311Routes(app: FastifyInstance): Promise<void> {
  await app.register(apiKeyRoutes);
  await app.register(georeportRoutes, { prefix: '/open311/v2' });
}
