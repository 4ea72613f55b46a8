/** Duty rosters: rules, months, shifts, check-in/out, on duty now, leave, swaps and service hours. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as S from '../../../common/duty/schemas.ts';
import { translate } from '../../../common/i18n/index.ts';
import { IdParams } from '../../../common/shared/schemas.ts';
import { buildXlsx } from '../../platform/excel.ts';
import { ctxOf, sendXlsx } from '../../platform/request.ts';
import { secured } from '../../platform/session.ts';
import * as attendance from './attendance.service.ts';
import { installDutyErrors } from './duty.shared.ts';
import * as hours from './hours.service.ts';
import * as ls from './leave-swap.service.ts';
import * as roster from './roster.service.ts';
import * as rules from './rules.service.ts';

const tags = ['duty'];
const TownQuery = z.object({ town: z.string().trim().max(32).optional() });

export async function dutyRoutes(app: FastifyInstance): Promise<void> {
  installDutyErrors(app);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/workstations/:id/roster-rule',
    {
      ...secured('duty.read'),
      schema: {
        tags,
        summary: "A workstation's roster rule and pool",
        params: IdParams,
        response: { 200: S.RosterRule },
      },
    },
    async (request) => rules.getRosterRule(ctxOf(request), request.params.id),
  );
  r.put(
    '/api/workstations/:id/roster-rule',
    {
      ...secured('duty.manage'),
      schema: {
        tags,
        summary: 'Set the shifts, staffed weekdays, holidays and pool of a workstation',
        params: IdParams,
        body: S.RosterRuleInput,
        response: { 200: S.RosterRule },
      },
    },
    async (request) => rules.putRosterRule(ctxOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/workstations/:id/roster/generate',
    {
      ...secured('duty.manage'),
      schema: {
        tags,
        summary: 'Generate a month fairly (keeps existing shifts unless replace)',
        params: IdParams,
        body: S.GenerateInput,
        response: { 200: S.GenerateResult },
      },
    },
    async (request) => roster.generateMonth(ctxOf(request), request.params.id, request.body),
  );
  r.get(
    '/api/workstations/:id/roster',
    {
      ...secured('duty.read'),
      schema: {
        tags,
        summary: 'A month as days × shifts with the people (masked phones)',
        params: IdParams,
        querystring: S.RosterQuery,
        response: { 200: S.Roster },
      },
    },
    async (request) => roster.getRoster(ctxOf(request), request.params.id, request.query.month),
  );
  r.get(
    '/api/workstations/:id/roster/export',
    {
      ...secured('duty.read'),
      schema: { tags, summary: 'The month as an .xlsx grid', params: IdParams, querystring: S.RosterQuery },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const data = await roster.getRoster(ctx, request.params.id, request.query.month);
      const t = (key: string) => translate(ctx.lang, key);
      const buffer = await buildXlsx(
        `${t('exports.roster')} ${data.month}`,
        [
          { header: t('fields.date'), width: 12, value: (d: (typeof data.days)[number]) => d.date },
          { header: t('fields.weekdays'), width: 8, value: (d) => t(`duty.weekday.${d.weekday}`) },
          ...data.shifts.map((s) => ({
            header: `${s.name} ${s.start}–${s.end}`,
            width: 28,
            value: (d: (typeof data.days)[number]) =>
              d.holiday && !d.slots.some((x) => x.people.length)
                ? d.holiday
                : (d.slots
                    .find((x) => x.key === s.key)
                    ?.people.map((p) => p.personName)
                    .join('、') ?? ''),
          })),
        ],
        data.days.filter((d) => d.staffed || d.slots.some((s) => s.people.length)),
      );
      return sendXlsx(reply, `${data.workstationName}-${t('exports.roster')}-${data.month}`, buffer);
    },
  );

  r.get(
    '/api/workstations/:id/on-duty',
    {
      ...secured(),
      schema: {
        tags,
        summary: 'Who is on duty now (names, masked phones, shift, checked in)',
        params: IdParams,
        response: { 200: S.OnDuty },
      },
    },
    async (request) => attendance.onDuty(ctxOf(request), request.params.id),
  );
  r.get(
    '/api/workstations/:id/handover',
    {
      ...secured('duty.self'),
      schema: { tags, summary: 'The last handover note', params: IdParams, response: { 200: S.Handover } },
    },
    async (request) => attendance.lastHandover(ctxOf(request), request.params.id),
  );
  r.get(
    '/api/duty/board',
    {
      ...secured('duty.read'),
      schema: { tags, summary: 'Every workstation with who is on duty now', response: { 200: S.DutyBoard } },
    },
    async (request) => attendance.dutyBoard(ctxOf(request)),
  );

  r.post(
    '/api/shifts',
    {
      ...secured('duty.manage'),
      schema: {
        tags,
        summary: 'Put a member in a shift (warns when not in the pool)',
        body: S.ShiftInput,
        response: { 201: S.ShiftWithWarnings },
      },
    },
    async (request, reply) => reply.status(201).send(await roster.addShift(ctxOf(request), request.body)),
  );
  r.patch(
    '/api/shifts/:id',
    {
      ...secured('duty.manage'),
      schema: {
        tags,
        summary: "Change a shift's member",
        params: IdParams,
        body: S.ShiftUpdate,
        response: { 200: S.ShiftWithWarnings },
      },
    },
    async (request) => roster.changeShiftPerson(ctxOf(request), request.params.id, request.body),
  );
  r.delete(
    '/api/shifts/:id',
    {
      ...secured('duty.manage'),
      schema: { tags, summary: 'Cancel a scheduled shift', params: IdParams, response: { 200: S.ShiftView } },
    },
    async (request) => roster.cancelShift(ctxOf(request), request.params.id),
  );
  r.post(
    '/api/shifts/:id/check-in',
    {
      ...secured('duty.manage'),
      schema: { tags, summary: 'The desk checks a member in', params: IdParams, response: { 200: S.ShiftView } },
    },
    async (request) => attendance.deskCheck(ctxOf(request), request.params.id, 'in', null),
  );
  r.post(
    '/api/shifts/:id/check-out',
    {
      ...secured('duty.manage'),
      schema: {
        tags,
        summary: 'The desk checks a member out',
        params: IdParams,
        body: S.DeskCheckOutInput.optional(),
        response: { 200: S.ShiftView },
      },
    },
    async (request) =>
      attendance.deskCheck(ctxOf(request), request.params.id, 'out', request.body?.handoverNote ?? null),
  );
  r.post(
    '/api/duty/check-in',
    {
      ...secured('duty.self'),
      schema: { tags, summary: 'Check in at a workstation now', body: S.CheckInInput, response: { 200: S.ShiftView } },
    },
    async (request) => attendance.checkIn(ctxOf(request), request.body.workstationId),
  );
  r.post(
    '/api/duty/check-out',
    {
      ...secured('duty.self'),
      schema: {
        tags,
        summary: 'Check out with a handover note',
        body: S.CheckOutInput,
        response: { 200: S.ShiftView },
      },
    },
    async (request) => attendance.checkOut(ctxOf(request), request.body.shiftId, request.body.handoverNote),
  );

  r.get(
    '/api/leaves',
    {
      ...secured('duty.self'),
      schema: {
        tags,
        summary: 'Leave requests I may decide (and my own)',
        querystring: S.DecisionListQuery,
        response: { 200: z.object({ items: z.array(S.Leave) }) },
      },
    },
    async (request) => ls.listLeaves(ctxOf(request), request.query),
  );
  r.post(
    '/api/leaves',
    {
      ...secured('duty.self'),
      schema: { tags, summary: 'Ask for leave', body: S.LeaveInput, response: { 201: S.Leave } },
    },
    async (request, reply) => reply.status(201).send(await ls.createLeave(ctxOf(request), request.body)),
  );
  r.post(
    '/api/leaves/:id/decide',
    {
      ...secured('duty.manage'),
      schema: {
        tags,
        summary: 'Approve (cancelling the shifts in the range) or decline leave',
        params: IdParams,
        body: S.DecideInput,
        response: { 200: S.Leave },
      },
    },
    async (request) => ls.decideLeave(ctxOf(request), request.params.id, request.body),
  );
  r.get(
    '/api/swaps',
    {
      ...secured('duty.self'),
      schema: {
        tags,
        summary: 'Swap requests I may decide (and my own)',
        querystring: S.DecisionListQuery,
        response: { 200: z.object({ items: z.array(S.Swap) }) },
      },
    },
    async (request) => ls.listSwaps(ctxOf(request), request.query),
  );
  r.post(
    '/api/swaps',
    {
      ...secured('duty.self'),
      schema: {
        tags,
        summary: 'Ask to hand a shift over or exchange it',
        body: S.SwapInput,
        response: { 201: S.Swap },
      },
    },
    async (request, reply) => reply.status(201).send(await ls.createSwap(ctxOf(request), request.body)),
  );
  r.get(
    '/api/shifts/:id/swap-options',
    {
      ...secured('duty.self'),
      schema: {
        tags,
        summary: 'For my shift: pool colleagues to hand it to, and their shifts to exchange with',
        params: IdParams,
        response: {
          200: z.object({
            people: z.array(z.object({ id: z.string(), name: z.string() })),
            shifts: z.array(S.ShiftView),
          }),
        },
      },
    },
    async (request) => ls.swapOptions(ctxOf(request), request.params.id),
  );
  r.post(
    '/api/swaps/:id/decide',
    {
      ...secured('duty.manage'),
      schema: {
        tags,
        summary: 'Approve (applying the swap, re-checking conflicts) or decline',
        params: IdParams,
        body: S.DecideInput,
        response: { 200: S.Swap },
      },
    },
    async (request) => ls.decideSwap(ctxOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/service-hours',
    {
      ...secured('duty.hours'),
      schema: {
        tags,
        summary: 'Service hours of the members I approve for',
        querystring: S.HoursQuery,
        response: { 200: z.object({ items: z.array(S.ServiceHour), total: z.number().int() }) },
      },
    },
    async (request) => hours.listHours(ctxOf(request), request.query),
  );
  r.post(
    '/api/service-hours/approve',
    {
      ...secured('duty.hours'),
      schema: {
        tags,
        summary: 'Approve several pending rows at once (all or nothing)',
        body: S.BatchApproveInput,
        response: { 200: z.object({ approved: z.number().int() }) },
      },
    },
    async (request) => hours.approveMany(ctxOf(request), request.body.ids),
  );
  r.post(
    '/api/service-hours/:id/decide',
    {
      ...secured('duty.hours'),
      schema: {
        tags,
        summary: 'Approve or reject one row',
        params: IdParams,
        body: S.DecideInput,
        response: { 200: S.ServiceHour },
      },
    },
    async (request) => hours.decideHours(ctxOf(request), request.params.id, request.body),
  );
  r.get(
    '/api/me/hours',
    {
      ...secured('duty.self'),
      schema: { tags, summary: 'My service-hours ledger and totals', response: { 200: S.MyHours } },
    },
    async (request) => hours.myHours(ctxOf(request)),
  );
  r.get(
    '/api/me/shifts',
    {
      ...secured('duty.self'),
      schema: { tags, summary: 'My shifts, teams, leave and swaps', response: { 200: S.MyShifts } },
    },
    async (request) => hours.myShifts(ctxOf(request)),
  );

  r.get(
    '/api/public/workstations/:id/on-duty',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: 'Who is on duty now at a workstation (name or alias, masked phone; no ID numbers)',
        params: IdParams,
        querystring: TownQuery,
        response: { 200: S.PublicOnDuty },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'public, max-age=60');
      return attendance.publicOnDuty(app.deps, request.params.id, request.query.town);
    },
  );
  r.get(
    '/api/public/on-duty',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: 'Who is on duty now at every workstation of the town (for the H5 home)',
        querystring: TownQuery,
        response: { 200: S.PublicTownOnDuty },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'public, max-age=60');
      return attendance.publicTownOnDuty(app.deps, request.query.town);
    },
  );
}
