/** /api/villages, /api/hamlets, /api/workstations, /api/departments and the public town page's data. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as S from '../../../common/org/schemas.ts';
import { shanghaiTime } from '../../platform/excel.ts';
import { crudRoutes, statusColumn } from '../../platform/crud-routes.ts';
import * as departments from './departments.service.ts';
import * as hamlets from './hamlets.service.ts';
import { publicTown } from './public.service.ts';
import * as villages from './villages.service.ts';
import * as workstations from './workstations.service.ts';

export async function orgRoutes(app: FastifyInstance): Promise<void> {
  crudRoutes(app, {
    path: '/api/villages',
    tag: 'org',
    noun: 'village',
    read: 'org.read',
    write: 'org.write',
    query: S.VillageListQuery,
    input: S.VillageInput,
    update: S.VillageUpdate,
    output: S.Village,
    exportName: 'exports.villages',
    exportColumns: [
      { label: 'fields.name', width: 20, value: (r) => r.name },
      { label: 'fields.kind', value: (r, t) => t(`enums.villageKind.${r.kind}`) },
      { label: 'fields.divisionCode', width: 16, value: (r) => r.code },
      { label: 'fields.hamletCount', value: (r) => r.hamletCount },
      { label: 'fields.workstationCount', value: (r) => r.workstationCount },
      statusColumn(),
      { label: 'fields.updatedAt', width: 18, value: (r) => shanghaiTime(r.updatedAt) },
    ],
    service: villages,
  });

  crudRoutes(app, {
    path: '/api/hamlets',
    tag: 'org',
    noun: 'hamlet',
    read: 'org.read',
    write: 'org.write',
    query: S.HamletListQuery,
    input: S.HamletInput,
    update: S.HamletUpdate,
    output: S.Hamlet,
    exportName: 'exports.hamlets',
    exportColumns: [
      { label: 'fields.name', width: 20, value: (r) => r.name },
      { label: 'fields.villageId', width: 20, value: (r) => r.villageName },
      statusColumn(),
      { label: 'fields.updatedAt', width: 18, value: (r) => shanghaiTime(r.updatedAt) },
    ],
    service: hamlets,
  });

  crudRoutes(app, {
    path: '/api/workstations',
    tag: 'org',
    noun: 'workstation',
    read: 'org.read',
    write: 'org.write',
    query: S.WorkstationListQuery,
    input: S.WorkstationInput,
    update: S.WorkstationUpdate,
    output: S.Workstation,
    exportName: 'exports.workstations',
    exportColumns: [
      { label: 'fields.name', width: 28, value: (r) => r.name },
      { label: 'fields.level', value: (r, t) => t(`enums.workstationLevel.${r.level}`) },
      { label: 'fields.villageId', width: 14, value: (r) => r.villageName },
      { label: 'fields.address', width: 32, value: (r) => r.address },
      { label: 'fields.openingHours', width: 32, value: (r) => r.openingHours },
      { label: 'fields.phone', width: 16, value: (r) => r.phone },
      statusColumn(),
    ],
    service: workstations,
  });

  crudRoutes(app, {
    path: '/api/departments',
    tag: 'org',
    noun: 'department',
    read: 'org.read',
    write: 'org.write',
    query: S.DepartmentListQuery,
    input: S.DepartmentInput,
    update: S.DepartmentUpdate,
    output: S.Department,
    exportName: 'exports.departments',
    exportColumns: [
      { label: 'fields.name', width: 20, value: (r) => r.name },
      { label: 'fields.phone', width: 16, value: (r) => r.phone },
      { label: 'fields.duties', width: 48, value: (r) => r.duties },
      statusColumn(),
    ],
    service: departments,
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/public/town',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: "The town's name and its workstations with opening hours (no personal data)",
        querystring: z.object({ code: z.string().trim().max(32).optional() }),
        response: { 200: S.PublicTown },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'public, max-age=60');
      return publicTown(app.deps, request.query.code);
    },
  );
}
