/** Activities 服务活动: the staff and member API under /api/activities, and the public calendar. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as S from '../../../common/activities/schemas.ts';
import { translate } from '../../../common/i18n/index.ts';
import { IdParams, listOf } from '../../../common/shared/schemas.ts';
import { buildXlsx, shanghaiTime } from '../../platform/excel.ts';
import { exportRows } from '../../platform/paging.ts';
import { ctxOf, sendXlsx } from '../../platform/request.ts';
import { secured } from '../../platform/session.ts';
import { resolveTown } from '../requests/public.service.ts';
import { installActivityErrors } from './activities.shared.ts';
import * as A from './activities.service.ts';
import { activityFigures, publicCalendar } from './figures.service.ts';
import { buildReport, buildReportDocx } from './report.service.ts';
import * as series from './series.service.ts';
import * as signups from './signups.service.ts';

const tags = ['activities'];

export async function activityRoutes(app: FastifyInstance): Promise<void> {
  installActivityErrors(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/activities',
    {
      ...secured('activities.read'),
      schema: {
        tags,
        summary: 'Activities with filters and paging (members: published and later)',
        querystring: S.ActivityListQuery,
        response: { 200: listOf(S.ActivitySummary) },
      },
    },
    async (request) => A.listActivities(ctxOf(request), request.query),
  );
  r.post(
    '/api/activities',
    {
      ...secured('activities.manage'),
      schema: {
        tags,
        summary: 'Plan an activity (with stalls for a service day)',
        body: S.ActivityInput,
        response: { 201: S.ActivityDetail },
      },
    },
    async (request, reply) => reply.status(201).send(await A.createActivity(ctxOf(request), request.body)),
  );
  r.get(
    '/api/activities/figures',
    {
      ...secured('activities.read'),
      schema: {
        tags,
        summary: 'Activities held, person-times, deeds, attendance and hours, by team/village/month/kind',
        querystring: S.FiguresQuery,
        response: { 200: S.ActivityFigures },
      },
    },
    async (request) => activityFigures(ctxOf(request), request.query),
  );
  r.get(
    '/api/activities/export.xlsx',
    {
      ...secured('activities.manage'),
      schema: { tags, summary: 'The filtered list as an .xlsx file', querystring: S.ActivityListQuery },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const t = (key: string) => translate(ctx.lang, key);
      const rows = await exportRows(A.listBase(ctx, request.query), (b) =>
        b
          .selectAll('a')
          .select(['w.name as workstation_name', 'v.name as village_name'])
          .orderBy('a.start_at', 'desc')
          .orderBy('a.id', 'desc'),
      );
      type Row = (typeof rows)[number];
      const buffer = await buildXlsx<Row>(
        t('exports.activities'),
        [
          { header: t('fields.title'), width: 28, value: (a) => a.title },
          { header: t('fields.kind'), width: 12, value: (a) => t(`enums.activityKind.${a.kind}`) },
          { header: t('fields.state'), width: 10, value: (a) => t(`enums.activityState.${a.state}`) },
          { header: t('fields.startAt'), width: 18, value: (a) => shanghaiTime(a.start_at) },
          { header: t('fields.endAt'), width: 18, value: (a) => shanghaiTime(a.end_at) },
          { header: t('fields.villageId'), width: 12, value: (a) => a.village_name },
          { header: t('fields.place'), width: 24, value: (a) => a.workstation_name ?? a.address },
          { header: t('fields.signups'), width: 10, value: (a) => a.signups },
          { header: t('fields.attended'), width: 10, value: (a) => a.attended },
          { header: t('fields.personTimes'), width: 10, value: (a) => a.served + (a.reach ?? 0) },
          { header: t('fields.deeds'), width: 10, value: (a) => a.deeds },
          { header: t('fields.hours'), width: 10, value: (a) => Number(a.hours) },
        ],
        rows,
      );
      return sendXlsx(reply, t('exports.activities'), buffer);
    },
  );

  // ---- stall kinds
  r.get(
    '/api/activities/stall-kinds',
    {
      ...secured('activities.read'),
      schema: { tags, summary: "The town's stall kinds", response: { 200: z.array(S.StallKind) } },
    },
    async (request) => A.listStallKinds(ctxOf(request)),
  );
  r.post(
    '/api/activities/stall-kinds',
    {
      ...secured('activities.manage'),
      schema: {
        tags,
        summary: 'Add a stall kind (town admin)',
        body: S.StallKindInput,
        response: { 201: S.StallKind },
      },
    },
    async (request, reply) => reply.status(201).send(await A.createStallKind(ctxOf(request), request.body)),
  );
  r.patch(
    '/api/activities/stall-kinds/:id',
    {
      ...secured('activities.manage'),
      schema: {
        tags,
        summary: 'Rename, reorder or disable a stall kind (town admin)',
        params: IdParams,
        body: S.StallKindUpdate,
        response: { 200: S.StallKind },
      },
    },
    async (request) => A.updateStallKind(ctxOf(request), request.params.id, request.body),
  );

  // ---- series
  r.post(
    '/api/activities/series',
    {
      ...secured('activities.manage'),
      schema: {
        tags,
        summary: 'A monthly series (e.g. the 22nd of each month) and its occurrences for the next months',
        body: S.SeriesInput,
        response: { 201: S.SeriesDetail },
      },
    },
    async (request, reply) => reply.status(201).send(await series.createSeries(ctxOf(request), request.body)),
  );
  r.get(
    '/api/activities/series/:id',
    {
      ...secured('activities.read'),
      schema: { tags, summary: 'A series and its occurrences', params: IdParams, response: { 200: S.SeriesDetail } },
    },
    async (request) => series.getSeries(ctxOf(request), request.params.id),
  );
  r.patch(
    '/api/activities/series/:id',
    {
      ...secured('activities.manage'),
      schema: {
        tags,
        summary: 'Edit a series; its future, unedited, planned or published occurrences follow',
        params: IdParams,
        body: S.SeriesUpdate,
        response: { 200: S.SeriesDetail },
      },
    },
    async (request) => series.updateSeries(ctxOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/activities/series/:id/extend',
    {
      ...secured('activities.manage'),
      schema: {
        tags,
        summary: 'Generate more months of a series',
        params: IdParams,
        body: S.SeriesExtendInput,
        response: { 200: S.SeriesDetail },
      },
    },
    async (request) => series.extendSeries(ctxOf(request), request.params.id, request.body),
  );

  // ---- one activity
  r.get(
    '/api/activities/:id',
    {
      ...secured('activities.read'),
      schema: {
        tags,
        summary: 'An activity with stalls, photos, requests and the caller’s sign-up',
        params: IdParams,
        response: { 200: S.ActivityDetail },
      },
    },
    async (request) => A.getDetail(ctxOf(request), request.params.id),
  );
  r.patch(
    '/api/activities/:id',
    {
      ...secured('activities.manage'),
      schema: {
        tags,
        summary: 'Edit a planned or published activity (an occurrence then leaves series edits)',
        params: IdParams,
        body: S.ActivityUpdate,
        response: { 200: S.ActivityDetail },
      },
    },
    async (request) => A.updateActivity(ctxOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/activities/:id/transitions/:transition',
    {
      ...secured('activities.manage'),
      schema: {
        tags,
        summary: 'publish / start / finish / report / cancel (with a reason)',
        params: S.TransitionParams,
        body: S.TransitionInput,
        response: { 200: S.ActivityDetail },
      },
    },
    async (request) => A.transition(ctxOf(request), request.params.id, request.params.transition, request.body),
  );
  r.post(
    '/api/activities/:id/stalls',
    {
      ...secured('activities.manage'),
      schema: {
        tags,
        summary: 'Add a stall',
        params: IdParams,
        body: S.StallInput,
        response: { 200: S.ActivityDetail },
      },
    },
    async (request) => A.addStall(ctxOf(request), request.params.id, request.body),
  );
  r.patch(
    '/api/activities/:id/stalls/:stallId',
    {
      ...secured('activities.manage'),
      schema: {
        tags,
        summary: 'Edit a stall',
        params: S.StallParams,
        body: S.StallUpdate,
        response: { 200: S.ActivityDetail },
      },
    },
    async (request) => A.updateStall(ctxOf(request), request.params.id, request.params.stallId, request.body),
  );
  r.delete(
    '/api/activities/:id/stalls/:stallId',
    {
      ...secured('activities.manage'),
      schema: {
        tags,
        summary: 'Remove a stall nobody signed up for',
        params: S.StallParams,
        response: { 200: S.ActivityDetail },
      },
    },
    async (request) => A.removeStall(ctxOf(request), request.params.id, request.params.stallId),
  );
  r.put(
    '/api/activities/:id/stalls/:stallId/results',
    {
      ...secured('activities.manage'),
      schema: {
        tags,
        summary: 'People served (人次), deeds (实事) and notes of a stall',
        params: S.StallParams,
        body: S.StallResultsInput,
        response: { 200: S.ActivityDetail },
      },
    },
    async (request) => A.putStallResults(ctxOf(request), request.params.id, request.params.stallId, request.body),
  );
  r.put(
    '/api/activities/:id/summary',
    {
      ...secured('activities.manage'),
      schema: {
        tags,
        summary: 'The summary and campaign reach',
        params: IdParams,
        body: S.SummaryInput,
        response: { 200: S.ActivityDetail },
      },
    },
    async (request) => A.putSummary(ctxOf(request), request.params.id, request.body),
  );

  // ---- sign-ups and attendance
  r.get(
    '/api/activities/:id/signups',
    {
      ...secured('activities.manage'),
      schema: {
        tags,
        summary: 'Sign-ups (masked mobiles)',
        params: IdParams,
        querystring: S.SignupListQuery,
        response: { 200: z.array(S.Signup) },
      },
    },
    async (request) => signups.listSignups(ctxOf(request), request.params.id, request.query),
  );
  r.post(
    '/api/activities/:id/sign-up',
    {
      ...secured('activities.join'),
      schema: {
        tags,
        summary: 'Sign up (or join the waiting list) for the activity or a stall slot',
        params: IdParams,
        body: S.SignUpInput,
        response: { 201: S.Signup },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await signups.signUp(ctxOf(request), request.params.id, request.body)),
  );
  r.post(
    '/api/activities/:id/withdraw',
    {
      ...secured('activities.join'),
      schema: {
        tags,
        summary: 'Withdraw one’s sign-up (the first waiting moves up)',
        params: IdParams,
        response: { 200: S.Signup },
      },
    },
    async (request) => signups.withdraw(ctxOf(request), request.params.id),
  );
  r.post(
    '/api/activities/:id/assign',
    {
      ...secured('activities.manage'),
      schema: {
        tags,
        summary: 'Assign members to the activity or a stall',
        params: IdParams,
        body: S.AssignInput,
        response: { 200: z.array(S.Signup) },
      },
    },
    async (request) => signups.assign(ctxOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/activities/:id/signups/:signupId/cancel',
    {
      ...secured('activities.manage'),
      schema: {
        tags,
        summary: 'Cancel someone’s sign-up',
        params: S.SignupParams,
        body: S.CancelSignupInput,
        response: { 200: S.Signup },
      },
    },
    async (request) => signups.cancelSignup(ctxOf(request), request.params.id, request.params.signupId, request.body),
  );
  r.post(
    '/api/activities/:id/check-in',
    {
      ...secured(),
      schema: {
        tags,
        summary: 'Check in while under way (oneself, or a member by an organiser)',
        params: IdParams,
        body: S.CheckInInput,
        response: { 200: S.Signup },
      },
    },
    async (request) => signups.checkIn(ctxOf(request), request.params.id, request.body.personId),
  );
  r.post(
    '/api/activities/:id/check-out',
    {
      ...secured(),
      schema: {
        tags,
        summary: 'Check out; the hours go to the member’s ledger (pending approval)',
        params: IdParams,
        body: S.CheckInInput,
        response: { 200: S.Signup },
      },
    },
    async (request) => signups.checkOut(ctxOf(request), request.params.id, request.body.personId),
  );

  // ---- photos, problems, report
  r.post(
    '/api/activities/:id/photos',
    {
      ...secured('activities.manage'),
      schema: {
        tags,
        summary: 'Attach photos uploaded with POST /api/uploads',
        params: IdParams,
        body: S.PhotosInput,
        response: { 200: S.ActivityDetail },
      },
    },
    async (request) => A.addPhotos(ctxOf(request), request.params.id, request.body),
  );
  r.delete(
    '/api/activities/:id/photos/:photoId',
    {
      ...secured('activities.manage'),
      schema: { tags, summary: 'Remove a photo', params: S.PhotoParams, response: { 200: S.ActivityDetail } },
    },
    async (request) => A.removePhoto(ctxOf(request), request.params.id, request.params.photoId),
  );
  r.post(
    '/api/activities/:id/requests',
    {
      ...secured('requests.intake'),
      schema: {
        tags,
        summary: 'A problem found at a stall becomes a request (channel stall, origin this activity)',
        params: IdParams,
        body: S.ProblemInput,
        response: { 201: S.ProblemResult },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await A.raiseRequest(ctxOf(request), request.params.id, request.body)),
  );
  r.get(
    '/api/activities/:id/report',
    {
      ...secured('activities.read'),
      schema: {
        tags,
        summary: 'The activity report (for the printable page)',
        params: IdParams,
        response: { 200: S.ActivityReport },
      },
    },
    async (request) => buildReport(ctxOf(request), request.params.id),
  );
  r.get(
    '/api/activities/:id/report.docx',
    {
      ...secured('activities.read'),
      schema: { tags, summary: 'The activity report as a Word document', params: IdParams },
    },
    async (request, reply) => {
      const { buffer, fileName } = await buildReportDocx(ctxOf(request), request.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header(
          'content-disposition',
          `attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent(fileName)}.docx`,
        )
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );
}

/** Residents' calendar of upcoming service days and campaigns: no personal data. */
export async function publicActivityRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/public/activities',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: 'Upcoming published service days and campaigns: place, time, teams, stall kinds',
        querystring: S.PublicActivitiesQuery,
        response: { 200: z.object({ items: z.array(S.PublicActivity) }) },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'public, max-age=300');
      const town = await resolveTown(app.deps, request.query.town);
      return { items: await publicCalendar(app.deps, town.id, request.query) };
    },
  );
}
