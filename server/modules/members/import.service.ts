/**
 * Members import: upload → validate row by row (in the background, with progress) → commit all
 * or nothing in one transaction. Jobs live in this process's memory for 30 minutes: the
 * embedded deployment is one process; behind several processes, pin the import to one.
 */
import { type Kysely, type Transaction, sql } from 'kysely';
import { ErrorCode } from '../../../common/errors/codes.ts';
import { type Lang, translate } from '../../../common/i18n/index.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import type { ImportIssue, ImportJob, ImportState } from '../../../common/members/schemas.ts';
import { Background, PoliticalStatus } from '../../../common/people/schemas.ts';
import {
  isValidIdNumber,
  isValidMobile,
  maskIdNumber,
  maskMobile,
  normaliseMobile,
} from '../../../common/privacy/identity.ts';
import { TeamRole } from '../../../common/teams/schemas.ts';
import type { DB } from '../../db/schema.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { type CellText, type SheetRow, readMembersSheet } from './import.sheet.ts';

const JOB_TTL_MS = 30 * 60_000;
const MAX_LISTED_ERRORS = 500;

interface ValidRow {
  name: string;
  gender: 'male' | 'female' | null;
  birthYear: number | null;
  mobile: string;
  idNumber: string | null;
  villageId: string | null;
  politicalStatus: string;
  backgrounds: string[];
  skills: string[];
  teamId: string | null;
  role: string;
  squadId: string | null;
}

interface Job {
  id: string;
  townId: string;
  userId: string;
  lang: Lang;
  state: ImportState;
  processed: number;
  total: number;
  errors: ImportIssue[];
  errorCount: number;
  valid: ValidRow[];
  imported: number;
  memberships: number;
  seconds: number | null;
  startedAt: number;
  expiresAt: number;
}

const jobs = new Map<string, Job>();

function sweep(now = Date.now()): void {
  for (const [id, job] of jobs) if (job.expiresAt <= now && job.state !== 'importing') jobs.delete(id);
}

/** Chinese labels (and the codes) of an enum, as accepted in a cell. */
function labels(map: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [code, label] of Object.entries(map)) {
    out.set(label, code);
    out.set(code, code);
  }
  return out;
}
const GENDERS = labels(zhCN.enums.gender);
const POLITICAL = labels(zhCN.enums.politicalStatus);
const BACKGROUNDS = labels(zhCN.enums.background);
const ROLES = labels(zhCN.enums.teamRole);
// Common spellings people type into the sheet.
POLITICAL.set('党员', 'cpc_member');
POLITICAL.set('团员', 'cyl_member');
POLITICAL.set('预备党员', 'cpc_probationary');
BACKGROUNDS.set('五老', 'other');

const splitList = (v: string) =>
  v
    .split(/[、,，;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function present(job: Job): ImportJob {
  return {
    jobId: job.id,
    state: job.state,
    processed: job.processed,
    total: job.total,
    errors: job.errors,
    moreErrors: Math.max(0, job.errorCount - job.errors.length),
    summary: {
      rows: job.total,
      imported: job.imported,
      newPeople: job.imported,
      memberships: job.memberships,
      seconds: job.seconds,
    },
  };
}

interface Lookups {
  villages: Map<string, string>;
  teams: Map<string, string>;
  /** `teamId|squad name` → squad id. */
  squads: Map<string, string>;
  mobiles: Set<string>;
  idNumbers: Set<string>;
}

async function lookups(db: Kysely<DB>, townId: string): Promise<Lookups> {
  const [villages, teams, squads, people] = await Promise.all([
    db.selectFrom('villages').select(['id', 'name']).where('town_id', '=', townId).where('disabled', '=', 0).execute(),
    db.selectFrom('teams').select(['id', 'name']).where('town_id', '=', townId).where('disabled', '=', 0).execute(),
    db
      .selectFrom('squads')
      .select(['id', 'name', 'team_id'])
      .where('town_id', '=', townId)
      .where('disabled', '=', 0)
      .execute(),
    db.selectFrom('people').select(['mobile_hash', 'id_number_hash']).where('town_id', '=', townId).execute(),
  ]);
  return {
    villages: new Map(villages.map((v) => [v.name, v.id])),
    teams: new Map(teams.map((t) => [t.name, t.id])),
    squads: new Map(squads.map((s) => [`${s.team_id}|${s.name}`, s.id])),
    mobiles: new Set(people.map((p) => p.mobile_hash).filter((h): h is string => !!h)),
    idNumbers: new Set(people.map((p) => p.id_number_hash).filter((h): h is string => !!h)),
  };
}

/** Checks one row; pushes its issues and returns the clean values when there were none. */
function checkRow(
  ctx: Pick<Ctx, 'sealer'>,
  lang: Lang,
  row: SheetRow,
  look: Lookups,
  seen: { mobiles: Map<string, number>; ids: Map<string, number> },
  issues: ImportIssue[],
): ValidRow | null {
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, `members.import.${key}`, params);
  const before = issues.length;
  const issue = (column: string, message: string) => issues.push({ row: row.row, column, message });
  const text = (key: keyof SheetRow['cells'], column: string): string => {
    const v: CellText | undefined = row.cells[key];
    if (v === undefined) return '';
    if (typeof v !== 'string') {
      issue(column, t('formula'));
      return '';
    }
    return v;
  };
  const name = text('name', '姓名');
  if (!name && row.cells.name === undefined) issue('姓名', t('required'));
  else if (name.length > 30) issue('姓名', t('tooLong', { max: 30 }));
  const genderText = text('gender', '性别');
  const gender = genderText ? GENDERS.get(genderText) : null;
  if (gender === undefined) issue('性别', t('unknownOption', { value: genderText }));
  const yearText = text('birthYear', '出生年份');
  const birthYear = yearText ? Number(yearText) : null;
  if (birthYear !== null && (!Number.isInteger(birthYear) || birthYear < 1900 || birthYear > new Date().getFullYear()))
    issue('出生年份', t('birthYear'));
  const mobileText = normaliseMobile(text('mobile', '手机号'));
  let mobileHash: string | null = null;
  if (!mobileText) {
    if (row.cells.mobile === undefined) issue('手机号', t('required'));
  } else if (!isValidMobile(mobileText)) issue('手机号', t('mobile'));
  else {
    mobileHash = ctx.sealer.hash(mobileText);
    const first = seen.mobiles.get(mobileHash);
    if (first !== undefined) issue('手机号', t('duplicateInFile', { row: first }));
    else if (look.mobiles.has(mobileHash)) issue('手机号', t('duplicateExisting'));
    else seen.mobiles.set(mobileHash, row.row);
  }
  const idText = text('idNumber', '身份证号').toUpperCase();
  if (idText) {
    if (!isValidIdNumber(idText)) issue('身份证号', t('idNumber'));
    else {
      const hash = ctx.sealer.hash(idText);
      const first = seen.ids.get(hash);
      if (first !== undefined) issue('身份证号', t('duplicateInFile', { row: first }));
      else if (look.idNumbers.has(hash)) issue('身份证号', t('duplicateExisting'));
      else seen.ids.set(hash, row.row);
    }
  }
  const villageText = text('village', '所属村');
  const villageId = villageText ? look.villages.get(villageText) : null;
  if (villageId === undefined) issue('所属村', t('unknownVillage', { value: villageText }));
  const politicalText = text('politicalStatus', '政治面貌');
  const political = politicalText ? POLITICAL.get(politicalText) : 'masses';
  if (political === undefined || !PoliticalStatus.safeParse(political).success)
    issue('政治面貌', t('unknownOption', { value: politicalText }));
  const backgrounds: string[] = [];
  for (const b of splitList(text('backgrounds', '人员类别'))) {
    const code = BACKGROUNDS.get(b);
    if (!code || !Background.safeParse(code).success) issue('人员类别', t('unknownOption', { value: b }));
    else if (!backgrounds.includes(code)) backgrounds.push(code);
  }
  const skills = splitList(text('skills', '技能特长')).slice(0, 20);
  if (skills.some((s) => s.length > 20)) issue('技能特长', t('tooLong', { max: 20 }));
  const teamText = text('team', '服务队');
  const teamId = teamText ? look.teams.get(teamText) : null;
  if (teamId === undefined) issue('服务队', t('unknownTeam', { value: teamText }));
  const roleText = text('role', '队内角色');
  const role = roleText ? ROLES.get(roleText) : 'member';
  if (role === undefined || !TeamRole.safeParse(role).success)
    issue('队内角色', t('unknownOption', { value: roleText }));
  else if (roleText && !teamText) issue('队内角色', t('teamNeeded'));
  const squadText = text('squad', '小队');
  let squadId: string | null = null;
  if (squadText) {
    if (!teamId) issue('小队', t('teamNeeded'));
    else {
      squadId = look.squads.get(`${teamId}|${squadText}`) ?? null;
      if (!squadId) issue('小队', t('unknownSquad', { value: squadText }));
    }
  }
  if (issues.length > before) return null;
  return {
    name,
    gender: gender === 'male' || gender === 'female' ? gender : null,
    birthYear,
    mobile: mobileText,
    idNumber: idText || null,
    villageId: villageId ?? null,
    politicalStatus: political ?? 'masses',
    backgrounds,
    skills,
    teamId: teamId ?? null,
    role: role ?? 'member',
    squadId,
  };
}

/** Validates in slices so progress polls are answered while a large file is checked. */
async function validate(ctx: Ctx, job: Job, rows: SheetRow[], missing: string[]): Promise<void> {
  const issues: ImportIssue[] = [];
  for (const header of missing)
    issues.push({ row: 0, column: header, message: translate(job.lang, 'members.import.missingHeader', { header }) });
  if (missing.length === 0) {
    const look = await lookups(ctx.db, job.townId);
    const seen = { mobiles: new Map<string, number>(), ids: new Map<string, number>() };
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (!row) continue;
      const valid = checkRow(ctx, job.lang, row, look, seen, issues);
      if (valid) job.valid.push(valid);
      job.processed = i + 1;
      if (i % 1000 === 999) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  if (rows.length === 0 && missing.length === 0)
    issues.push({ row: 0, column: '', message: translate(job.lang, 'members.import.empty') });
  job.errorCount = issues.length;
  job.errors = issues.slice(0, MAX_LISTED_ERRORS);
  job.processed = rows.length;
  job.state = 'ready';
  if (issues.length > 0) job.valid = [];
}

/** Reads the file (400 when it is not a usable .xlsx) and starts validating it. */
export async function start(ctx: Ctx, buffer: Buffer): Promise<{ jobId: string }> {
  sweep();
  const { rows, missing } = await readMembersSheet(buffer);
  const job: Job = {
    id: newId(),
    townId: ctx.actor.townId,
    userId: ctx.actor.userId,
    lang: ctx.lang,
    state: 'validating',
    processed: 0,
    total: rows.length,
    errors: [],
    errorCount: 0,
    valid: [],
    imported: 0,
    memberships: 0,
    seconds: null,
    startedAt: Date.now(),
    expiresAt: Date.now() + JOB_TTL_MS,
  };
  jobs.set(job.id, job);
  void validate(ctx, job, rows, missing).catch((error: unknown) => {
    job.state = 'failed';
    job.errors = [{ row: 0, column: '', message: translate(job.lang, 'errors.INTERNAL') }];
    console.error('members import validation failed', error);
  });
  return { jobId: job.id };
}

/** The caller's own job, in their town. */
export function get(ctx: Ctx, jobId: string): ImportJob {
  return present(own(ctx, jobId));
}

function own(ctx: Ctx, jobId: string): Job {
  const job = jobs.get(jobId);
  if (!job || job.townId !== ctx.actor.townId || job.userId !== ctx.actor.userId) throw notFound();
  return job;
}

/** Reserves `n` numbers of a town counter at once; returns the first. */
async function reserve(trx: Transaction<DB>, townId: string, name: string, n: number): Promise<number> {
  const row = await trx
    .insertInto('sequences')
    .values({ town_id: townId, name, value: n })
    .onConflict((oc) => oc.columns(['town_id', 'name']).doUpdateSet({ value: sql<number>`sequences.value + ${n}` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value) - n + 1;
}

const CHUNK = 1000;

async function commitRows(ctx: Ctx, job: Job): Promise<void> {
  const rows = job.valid;
  const now = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    const town = await trx.selectFrom('towns').select('prefix').where('id', '=', job.townId).executeTakeFirstOrThrow();
    const first = rows.length ? await reserve(trx, job.townId, 'volunteer_no', rows.length) : 0;
    let memberships = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const slice = rows.slice(i, i + CHUNK);
      const people = slice.map((r, j) => ({
        town_id: job.townId,
        id: newId(),
        version: 1,
        disabled: 0,
        created_at: now,
        updated_at: now,
        name: r.name,
        gender: r.gender,
        birth_year: r.birthYear,
        mobile_enc: ctx.sealer.encrypt(r.mobile),
        mobile_hash: ctx.sealer.hash(r.mobile),
        mobile_mask: maskMobile(r.mobile),
        id_number_enc: r.idNumber ? ctx.sealer.encrypt(r.idNumber) : null,
        id_number_hash: r.idNumber ? ctx.sealer.hash(r.idNumber) : null,
        id_number_mask: maskIdNumber(r.idNumber),
        village_id: r.villageId,
        political_status: r.politicalStatus,
        backgrounds: JSON.stringify(r.backgrounds),
        skills: JSON.stringify(r.skills),
        notes: null,
        volunteer_no: `${town.prefix}${String(first + i + j).padStart(6, '0')}`,
        status_since: now,
      }));
      await trx.insertInto('people').values(people).execute();
      const links = slice
        .map((r, j) => ({ r, person: people[j] }))
        .filter((x) => x.r.teamId && x.person)
        .map(({ r, person }) => ({
          town_id: job.townId,
          id: newId(),
          version: 1,
          team_id: r.teamId ?? '',
          person_id: person?.id ?? '',
          squad_id: r.squadId,
          role: r.role,
          joined_at: now,
          left_at: null,
          created_at: now,
          updated_at: now,
        }));
      if (links.length) await trx.insertInto('team_memberships').values(links).execute();
      memberships += links.length;
      job.processed = Math.min(rows.length, i + CHUNK);
    }
    await writeAudit(trx, auditEvent(ctx, 'members.import', null, { count: rows.length, memberships }));
    job.memberships = memberships;
  });
  job.imported = rows.length;
}

/** Imports a validated job with no errors; 409 otherwise. Returns at once; poll the job for the end. */
export function commit(ctx: Ctx, jobId: string): ImportJob {
  const job = own(ctx, jobId);
  if (job.state !== 'ready' || job.errorCount > 0 || job.valid.length === 0)
    throw new AppError(ErrorCode.CONFLICT, {
      fields: [
        {
          path: 'file',
          key: job.state === 'ready' ? 'members.import.hasErrors' : 'members.import.notReady',
        },
      ],
    });
  job.state = 'importing';
  job.processed = 0;
  job.total = job.valid.length;
  const started = Date.now();
  void commitRows(ctx, job)
    .then(() => {
      job.state = 'done';
      job.valid = [];
    })
    .catch((error: unknown) => {
      job.state = 'failed';
      job.imported = 0;
      job.errors = [{ row: 0, column: '', message: translate(job.lang, 'members.import.commitFailed') }];
      job.errorCount = 1;
      console.error('members import failed', error);
    })
    .finally(() => {
      job.seconds = Math.round((Date.now() - started) / 100) / 10;
      job.expiresAt = Date.now() + JOB_TTL_MS;
    });
  return present(job);
}
