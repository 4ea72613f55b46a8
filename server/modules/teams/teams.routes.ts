/** /api/teams, /api/squads, /api/teams/:id/members and /api/memberships/:id. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { translate } from '../../../common/i18n/index.ts';
import { IdParams, Ok, listOf } from '../../../common/shared/schemas.ts';
import * as S from '../../../common/teams/schemas.ts';
import { crudRoutes, statusColumn } from '../../platform/crud-routes.ts';
import { buildXlsx, shanghaiTime } from '../../platform/excel.ts';
import { ctxOf, sendXlsx } from '../../platform/request.ts';
import { secured } from '../../platform/session.ts';
import { TeamFigures } from '../../../common/members/schemas.ts';
import { figures } from './figures.service.ts';
import * as memberships from './memberships.service.ts';
import * as squads from './squads.service.ts';
import * as teams from './teams.service.ts';

export async function teamRoutes(app: FastifyInstance): Promise<void> {
  crudRoutes(app, {
    path: '/api/teams',
    tag: 'teams',
    noun: 'team',
    read: 'teams.read',
    write: 'teams.write',
    query: S.TeamListQuery,
    input: S.TeamInput,
    update: S.TeamUpdate,
    output: S.Team,
    exportName: 'exports.teams',
    exportColumns: [
      { label: 'fields.name', width: 26, value: (r) => r.name },
      { label: 'fields.colour', value: (r, t) => t(`enums.colour.${r.colour}`) },
      { label: 'fields.focus', width: 24, value: (r) => r.focus },
      { label: 'fields.leaders', width: 20, value: (r) => r.leaders.map((l) => l.name).join('、') },
      { label: 'fields.memberCount', value: (r) => r.memberCount },
      { label: 'fields.squadCount', value: (r) => r.squadCount },
      statusColumn(),
    ],
    service: teams,
  });

  crudRoutes(app, {
    path: '/api/squads',
    tag: 'teams',
    noun: 'squad',
    read: 'teams.read',
    write: 'teams.write',
    query: S.SquadListQuery,
    input: S.SquadInput,
    update: S.SquadUpdate,
    output: S.Squad,
    exportName: 'exports.squads',
    exportColumns: [
      { label: 'fields.name', width: 26, value: (r) => r.name },
      { label: 'fields.teamName', width: 26, value: (r) => r.teamName },
      { label: 'fields.villageId', width: 16, value: (r) => r.villageName },
      { label: 'fields.memberCount', value: (r) => r.memberCount },
      statusColumn(),
    ],
    service: squads,
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['teams'];

  r.get(
    '/api/teams/:id/members',
    {
      ...secured('teams.read'),
      schema: {
        tags,
        summary: "A team's current members",
        params: IdParams,
        querystring: S.MembershipListQuery,
        response: { 200: listOf(S.Membership) },
      },
    },
    async (request) => memberships.list(ctxOf(request), request.params.id, request.query),
  );

  r.get(
    '/api/teams/:id/figures',
    {
      ...secured('teams.read'),
      schema: {
        tags,
        summary: "A team's figures: members, squads, shifts covered and hours (30 days), next shifts",
        params: IdParams,
        response: { 200: TeamFigures },
      },
    },
    async (request) => figures(ctxOf(request), request.params.id),
  );

  r.get(
    '/api/teams/:id/members/export',
    {
      ...secured('teams.read'),
      schema: {
        tags,
        summary: "Export a team's members (.xlsx)",
        params: IdParams,
        querystring: S.MembershipListQuery,
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const rows = await memberships.exportAll(ctx, request.params.id, request.query);
      const t = (key: string) => translate(ctx.lang, key);
      const name = `${rows[0]?.teamName ?? t('exports.members')}`;
      const buffer = await buildXlsx(
        name,
        [
          { header: t('fields.displayName'), width: 12, value: (m) => m.personName },
          { header: t('fields.role'), value: (m) => t(`enums.teamRole.${m.role}`) },
          { header: t('fields.squadId'), width: 24, value: (m) => m.squadName },
          { header: t('fields.villageId'), width: 14, value: (m) => m.villageName },
          { header: t('fields.mobile'), width: 14, value: (m) => m.mobile },
          { header: t('fields.joinedAt'), width: 18, value: (m) => shanghaiTime(m.joinedAt) },
        ],
        rows,
      );
      return sendXlsx(reply, `${name}-${t('exports.members')}`, buffer);
    },
  );

  r.post(
    '/api/teams/:id/members',
    {
      ...secured('teams.write'),
      schema: {
        tags,
        summary: 'Add a person to a team',
        params: IdParams,
        body: S.MembershipInput,
        response: { 201: S.Membership },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await memberships.add(ctxOf(request), request.params.id, request.body)),
  );

  r.patch(
    '/api/memberships/:id',
    {
      ...secured('teams.write'),
      schema: {
        tags,
        summary: "Change a member's role or squad",
        params: IdParams,
        body: S.MembershipUpdate,
        response: { 200: S.Membership },
      },
    },
    async (request) => memberships.update(ctxOf(request), request.params.id, request.body),
  );

  r.delete(
    '/api/memberships/:id',
    {
      ...secured('teams.write'),
      schema: { tags, summary: 'The member leaves the team (history kept)', params: IdParams, response: { 200: Ok } },
    },
    async (request) => {
      await memberships.remove(ctxOf(request), request.params.id);
      return { ok: true as const };
    },
  );
}
