/** /api/people and the audited reveal of protected numbers. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as S from '../../../common/people/schemas.ts';
import { IdParams } from '../../../common/shared/schemas.ts';
import { crudRoutes, statusColumn } from '../../platform/crud-routes.ts';
import { ctxOf } from '../../platform/request.ts';
import { secured } from '../../platform/session.ts';
import * as people from './people.service.ts';

export async function peopleRoutes(app: FastifyInstance): Promise<void> {
  crudRoutes(app, {
    path: '/api/people',
    tag: 'people',
    noun: 'person',
    read: 'people.read',
    write: 'people.write',
    query: S.PersonListQuery,
    input: S.PersonInput,
    update: S.PersonUpdate,
    output: S.Person,
    exportName: 'exports.people',
    exportColumns: [
      { label: 'fields.volunteerNo', width: 12, value: (r) => r.volunteerNo },
      { label: 'fields.displayName', width: 10, value: (r) => r.name },
      { label: 'fields.gender', width: 6, value: (r, t) => (r.gender ? t(`enums.gender.${r.gender}`) : null) },
      { label: 'fields.birthYear', width: 8, value: (r) => r.birthYear },
      { label: 'fields.mobile', width: 14, value: (r) => r.mobile },
      { label: 'fields.idNumber', width: 20, value: (r) => r.idNumber },
      { label: 'fields.villageId', width: 12, value: (r) => r.villageName },
      { label: 'fields.politicalStatus', width: 12, value: (r, t) => t(`enums.politicalStatus.${r.politicalStatus}`) },
      {
        label: 'fields.backgrounds',
        width: 20,
        value: (r, t) => r.backgrounds.map((b) => t(`enums.background.${b}`)).join('、'),
      },
      { label: 'fields.teams', width: 30, value: (r) => r.teams.map((x) => x.name).join('、') },
      { label: 'fields.skills', width: 16, value: (r) => r.skills.join('、') },
      statusColumn(),
    ],
    service: people,
  });

  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/people/:id/reveal',
    {
      ...secured('people.reveal'),
      schema: {
        tags: ['people'],
        summary: 'Show a mobile or ID number in full (audited)',
        params: IdParams,
        body: S.RevealInput,
        response: { 200: S.RevealOutput },
      },
    },
    async (request) => people.reveal(ctxOf(request), request.params.id, request.body.field),
  );
}
