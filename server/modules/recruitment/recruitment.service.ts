/**
 * Recruitment: a resident applies on H5; the town, or a leader of a team the application names,
 * approves (creating or linking the person, their memberships and a member login, in one
 * transaction) or declines with a reason. The applicant is told by SMS and on the tracking page.
 */
import type { z } from 'zod';
import { ErrorCode } from '../../../common/errors/codes.ts';
import { type Lang, translate } from '../../../common/i18n/index.ts';
import type {
  Application,
  ApplicationListQuery,
  ApproveInput,
  ApproveResult,
  DeclineInput,
  PublicApplication,
  PublicApplicationInput,
} from '../../../common/members/recruitment.ts';
import type { Background, PoliticalStatus } from '../../../common/people/schemas.ts';
import { maskIdNumber, maskMobile } from '../../../common/privacy/identity.ts';
import { shanghaiDate } from '../../../common/requests/calendar.ts';
import type { TeamColour, TeamRole } from '../../../common/teams/schemas.ts';
import { scopeOf } from '../../platform/actor.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx, Deps } from '../../platform/context.ts';
import { AppError, forbidden, invalidField, notFound, staleVersion } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { queueSms } from '../../platform/notify.ts';
import type { Page } from '../../platform/paging.ts';
import { hashPassword, randomPassword } from '../../platform/passwords.ts';
import { WindowCounter } from '../../platform/rate-limit.ts';
import { guardConstraints } from '../../platform/records.ts';
import { nextSequence } from '../../platform/sequences.ts';
import { parseList } from '../members/members.service.ts';
import {
  type ApplicationRow,
  getApplication,
  getApplicationByCode,
  listApplications,
  personByMobileHash,
  teamsByIds,
} from './recruitment.repo.ts';

const guesses = new WindowCounter(30, 15 * 60_000);

/** The teams a reviewer may approve into: null for the town, else their own teams. */
function reviewTeams(ctx: Ctx): string[] | null {
  const scope = scopeOf(ctx.actor);
  return scope.town ? null : scope.teamIds;
}

async function present(ctx: Pick<Ctx, 'db' | 'sealer'> & Partial<Ctx>, row: ApplicationRow): Promise<Application> {
  const ids = parseList<string>(row.team_ids);
  const teams = await teamsByIds(ctx.db, row.town_id, ids);
  const existing = row.person_id ? null : await personByMobileHash(ctx.db, row.town_id, row.mobile_hash);
  const mine = ctx.actor ? reviewTeams(ctx as Ctx) : [];
  return {
    id: row.id,
    version: row.version,
    code: row.code,
    status: row.status as Application['status'],
    name: row.name,
    gender: row.gender === 'male' || row.gender === 'female' ? row.gender : null,
    birthYear: row.birth_year,
    mobile: row.mobile_mask,
    idNumber: row.id_number_mask,
    villageId: row.village_id,
    villageName: row.village_name ?? null,
    politicalStatus: row.political_status as PoliticalStatus,
    backgrounds: parseList<Background>(row.backgrounds),
    skills: parseList<string>(row.skills),
    teams: teams.map((t) => ({ id: t.id, name: t.name, colour: t.colour as TeamColour })),
    motivation: row.motivation,
    createdAt: row.created_at,
    reviewedAt: row.reviewed_at,
    reviewerName: row.reviewer_name ?? null,
    declineReason: row.decline_reason,
    personId: row.person_id,
    existingPersonId: existing?.id ?? null,
    can: {
      review:
        row.status === 'pending' &&
        !!ctx.actor?.permissions.includes('recruitment.review') &&
        (mine === null || ids.some((id) => mine.includes(id))),
    },
  };
}

/** Teams a resident may choose: the town's active teams. */
export async function publicTeams(deps: Deps, townId: string) {
  const rows = await deps.db
    .selectFrom('teams')
    .select(['id', 'name', 'colour', 'focus'])
    .where('town_id', '=', townId)
    .where('disabled', '=', 0)
    .orderBy('sort')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, colour: r.colour as TeamColour, focus: r.focus }));
}

/** Files an application; returns its tracking code. */
export async function apply(
  deps: Deps,
  townId: string,
  input: z.output<typeof PublicApplicationInput>,
  meta: { ip: string },
): Promise<{ code: string }> {
  const teamIds = [...new Set(input.teamIds)];
  const teams = await teamsByIds(deps.db, townId, teamIds);
  if (teams.length !== teamIds.length || teams.some((t) => t.disabled)) throw invalidField('teamIds', 'validation.id');
  if (input.villageId) {
    const v = await deps.db
      .selectFrom('villages')
      .select('id')
      .where('town_id', '=', townId)
      .where('id', '=', input.villageId)
      .where('disabled', '=', 0)
      .executeTakeFirst();
    if (!v) throw invalidField('villageId', 'validation.id');
  }
  const now = nowIso();
  const id = newId();
  return deps.db.transaction().execute(async (trx) => {
    const town = await trx.selectFrom('towns').select('prefix').where('id', '=', townId).executeTakeFirstOrThrow();
    const day = shanghaiDate(now).replace(/-/g, '');
    const seq = await nextSequence(trx, townId, `application:${day}`);
    const code = `${town.prefix}RX-${day}-${String(seq).padStart(4, '0')}`;
    await trx
      .insertInto('applications')
      .values({
        town_id: townId,
        id,
        version: 1,
        created_at: now,
        updated_at: now,
        code,
        status: 'pending',
        name: input.name,
        gender: input.gender,
        birth_year: input.birthYear,
        mobile_enc: deps.sealer.encrypt(input.mobile),
        mobile_hash: deps.sealer.hash(input.mobile),
        mobile_mask: maskMobile(input.mobile) ?? '',
        id_number_enc: input.idNumber ? deps.sealer.encrypt(input.idNumber) : null,
        id_number_hash: input.idNumber ? deps.sealer.hash(input.idNumber) : null,
        id_number_mask: maskIdNumber(input.idNumber),
        village_id: input.villageId,
        political_status: input.politicalStatus,
        backgrounds: JSON.stringify(input.backgrounds),
        skills: JSON.stringify(input.skills),
        team_ids: JSON.stringify(teamIds),
        motivation: input.motivation,
        consent_at: now,
      })
      .execute();
    await writeAudit(trx, {
      townId,
      action: 'application.create',
      entity: 'application',
      entityId: id,
      ip: meta.ip,
      detail: { code, teams: teamIds.length },
    });
    return { code };
  });
}

/** The applicant follows their application with the code and the last 4 digits of their mobile. */
export async function track(
  deps: Deps,
  code: string,
  last4: string,
  ip: string,
  lang: Lang,
): Promise<z.infer<typeof PublicApplication>> {
  const wait = guesses.retryAfter(ip);
  if (wait > 0) throw new AppError(ErrorCode.TOO_MANY_REQUESTS, { headers: { 'retry-after': String(wait) } });
  const prefix = (code.split('-')[0] ?? '').toUpperCase().replace(/RX$/, '');
  const town = await deps.db.selectFrom('towns').select('id').where('prefix', '=', prefix).executeTakeFirst();
  const row = town ? await getApplicationByCode(deps.db, town.id, code.toUpperCase()) : undefined;
  if (!row || deps.sealer.decrypt(row.mobile_enc).slice(-4) !== last4) {
    guesses.hit(ip);
    throw notFound();
  }
  const teams = await teamsByIds(deps.db, row.town_id, parseList<string>(row.team_ids));
  return {
    code: row.code,
    status: row.status as Application['status'],
    statusText: translate(lang, `recruitment.statusText.${row.status}`, { reason: row.decline_reason ?? '' }),
    declineReason: row.decline_reason,
    teams: teams.map((t) => t.name),
    createdAt: row.created_at,
    reviewedAt: row.reviewed_at,
  };
}

export async function list(ctx: Ctx, query: z.output<typeof ApplicationListQuery>): Promise<Page<Application>> {
  const page = await listApplications(
    ctx.db,
    ctx.actor.townId,
    { ...query, teamIds: reviewTeams(ctx) },
    query.page,
    query.pageSize,
  );
  return { ...page, items: await Promise.all(page.items.map((r) => present(ctx, r))) };
}

async function visibleRow(ctx: Ctx, id: string): Promise<ApplicationRow> {
  const row = await getApplication(ctx.db, ctx.actor.townId, id);
  const mine = reviewTeams(ctx);
  if (!row || (mine !== null && !parseList<string>(row.team_ids).some((t) => mine.includes(t)))) throw notFound();
  return row;
}

export async function get(ctx: Ctx, id: string): Promise<Application> {
  return present(ctx, await visibleRow(ctx, id));
}

function pending(row: ApplicationRow, action: string, lang: Lang): void {
  if (row.status !== 'pending')
    throw new AppError(ErrorCode.INVALID_TRANSITION, {
      params: {
        status: translate(lang, `recruitment.status.${row.status}`),
        action: translate(lang, `recruitment.action.${action}`),
      },
    });
}

/** Approves: person (new or linked by mobile), memberships and a member login, all in one transaction. */
export async function approve(
  ctx: Ctx,
  id: string,
  input: z.output<typeof ApproveInput>,
): Promise<z.infer<typeof ApproveResult>> {
  const row = await visibleRow(ctx, id);
  pending(row, 'approve', ctx.lang);
  const mine = reviewTeams(ctx);
  const applied = parseList<string>(row.team_ids);
  const teamRoles: { teamId: string; role: TeamRole }[] =
    input.teamRoles ??
    applied.filter((t) => mine === null || mine.includes(t)).map((teamId) => ({ teamId, role: 'member' as const }));
  if (teamRoles.length === 0) throw invalidField('teamRoles', 'validation.required');
  if (mine !== null && teamRoles.some((tr) => !mine.includes(tr.teamId))) throw forbidden();
  const teams = await teamsByIds(ctx.db, ctx.actor.townId, [...new Set(teamRoles.map((t) => t.teamId))]);
  if (teams.length !== new Set(teamRoles.map((t) => t.teamId)).size || teams.some((t) => t.disabled))
    throw invalidField('teamRoles', 'validation.id');
  let squadTeam: string | null = null;
  if (input.squadId) {
    const squad = await ctx.db
      .selectFrom('squads')
      .select('team_id')
      .where('town_id', '=', ctx.actor.townId)
      .where('id', '=', input.squadId)
      .executeTakeFirst();
    if (!squad || !teamRoles.some((t) => t.teamId === squad.team_id)) throw invalidField('squadId', 'validation.id');
    squadTeam = squad.team_id;
  }
  const mobile = ctx.sealer.decrypt(row.mobile_enc);
  const temporary = randomPassword();
  const passwordHash = await hashPassword(temporary);
  const now = nowIso();
  const townId = ctx.actor.townId;
  const result = await guardConstraints({ username: 'username', mobile: 'mobile', id_number: 'idNumber' }, () =>
    ctx.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('applications')
        .set({
          status: 'approved',
          reviewed_by: ctx.actor.userId,
          reviewed_at: now,
          updated_at: now,
          version: input.version + 1,
        })
        .where('town_id', '=', townId)
        .where('id', '=', id)
        .where('version', '=', input.version)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw staleVersion();
      const town = await trx
        .selectFrom('towns')
        .select(['prefix', 'name'])
        .where('id', '=', townId)
        .executeTakeFirstOrThrow();
      let person = await personByMobileHash(trx, townId, row.mobile_hash);
      if (!person) {
        const seq = await nextSequence(trx, townId, 'volunteer_no');
        const personId = newId();
        const volunteerNo = `${town.prefix}${String(seq).padStart(6, '0')}`;
        await trx
          .insertInto('people')
          .values({
            town_id: townId,
            id: personId,
            version: 1,
            disabled: 0,
            created_at: now,
            updated_at: now,
            name: row.name,
            gender: row.gender,
            birth_year: row.birth_year,
            mobile_enc: row.mobile_enc,
            mobile_hash: row.mobile_hash,
            mobile_mask: row.mobile_mask,
            id_number_enc: row.id_number_enc,
            id_number_hash: row.id_number_hash,
            id_number_mask: row.id_number_mask,
            village_id: row.village_id,
            political_status: row.political_status,
            backgrounds: row.backgrounds,
            skills: row.skills,
            notes: null,
            volunteer_no: volunteerNo,
            status_since: now,
          })
          .execute();
        await writeAudit(trx, auditEvent(ctx, 'person.create', personId, { name: row.name, from: row.code }));
        person = { id: personId, name: row.name, volunteer_no: volunteerNo };
      } else {
        await trx
          .updateTable('people')
          .set((eb) => ({
            member_status: 'active',
            status_since: now,
            updated_at: now,
            version: eb('version', '+', 1),
          }))
          .where('town_id', '=', townId)
          .where('id', '=', person.id)
          .execute();
      }
      const current = await trx
        .selectFrom('team_memberships')
        .select('team_id')
        .where('town_id', '=', townId)
        .where('person_id', '=', person.id)
        .where('left_at', 'is', null)
        .execute();
      for (const tr of teamRoles) {
        if (current.some((c) => c.team_id === tr.teamId)) continue;
        const membershipId = newId();
        await trx
          .insertInto('team_memberships')
          .values({
            town_id: townId,
            id: membershipId,
            version: 1,
            team_id: tr.teamId,
            person_id: person.id,
            squad_id: squadTeam === tr.teamId ? (input.squadId ?? null) : null,
            role: tr.role,
            joined_at: now,
            left_at: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await writeAudit(
          trx,
          auditEvent(ctx, 'membership.create', membershipId, { teamId: tr.teamId, personId: person.id, role: tr.role }),
        );
      }
      const user = await trx
        .selectFrom('users')
        .select(['id', 'username'])
        .where('town_id', '=', townId)
        .where((eb) =>
          eb.or([
            eb('person_id', '=', person.id),
            eb('username', '=', mobile),
            eb('mobile_hash', '=', row.mobile_hash),
          ]),
        )
        .executeTakeFirst();
      let username = user?.username ?? mobile;
      let userId = user?.id ?? null;
      let password: string | null = null;
      if (!user) {
        userId = newId();
        username = mobile;
        password = temporary;
        await trx
          .insertInto('users')
          .values({
            town_id: townId,
            id: userId,
            version: 1,
            disabled: 0,
            created_at: now,
            updated_at: now,
            username,
            display_name: row.name,
            person_id: person.id,
            mobile_enc: row.mobile_enc,
            mobile_hash: row.mobile_hash,
            mobile_mask: row.mobile_mask,
            password_hash: passwordHash,
            must_change_password: 1,
            locale: 'zh-CN',
            failed_logins: 0,
          })
          .execute();
        await trx
          .insertInto('user_roles')
          .values({
            town_id: townId,
            id: newId(),
            user_id: userId,
            role: 'member',
            village_id: null,
            team_id: null,
            department_id: null,
          })
          .execute();
        await writeAudit(
          trx,
          auditEvent(ctx, 'user.create', userId, { username: maskMobile(username), roles: ['member'] }),
        );
      }
      await trx
        .updateTable('applications')
        .set({ person_id: person.id, user_id: userId })
        .where('town_id', '=', townId)
        .where('id', '=', id)
        .execute();
      await writeAudit(
        trx,
        auditEvent(ctx, 'application.approve', id, { code: row.code, personId: person.id, teams: teamRoles }),
      );
      await queueSms(trx, ctx.sealer, {
        townId,
        to: mobile,
        body: translate('zh-CN', 'recruitment.sms.approved', { town: town.name, code: row.code, username }),
        ref: row.code,
      });
      return { personId: person.id, username, temporaryPassword: password };
    }),
  );
  return { application: await get(ctx, id), ...result };
}

export async function decline(ctx: Ctx, id: string, input: z.output<typeof DeclineInput>): Promise<Application> {
  const row = await visibleRow(ctx, id);
  pending(row, 'decline', ctx.lang);
  const townId = ctx.actor.townId;
  const now = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('applications')
      .set({
        status: 'declined',
        decline_reason: input.reason,
        reviewed_by: ctx.actor.userId,
        reviewed_at: now,
        updated_at: now,
        version: input.version + 1,
      })
      .where('town_id', '=', townId)
      .where('id', '=', id)
      .where('version', '=', input.version)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw staleVersion();
    const town = await trx.selectFrom('towns').select('name').where('id', '=', townId).executeTakeFirstOrThrow();
    await writeAudit(trx, auditEvent(ctx, 'application.decline', id, { code: row.code, reason: input.reason }));
    await queueSms(trx, ctx.sealer, {
      townId,
      to: ctx.sealer.decrypt(row.mobile_enc),
      body: translate('zh-CN', 'recruitment.sms.declined', { town: town.name, code: row.code, reason: input.reason }),
      ref: row.code,
    });
  });
  return get(ctx, id);
}
