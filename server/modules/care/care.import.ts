/**
 * Excel import of care recipients, by the member import's rules: the template with drop-down lists
 * and instructions, columns matched by header text, every row checked with field-level messages
 * (row, column header, message), all or nothing in one transaction, at most 20,000 rows and 10 MB.
 * `dryRun` only checks. Numbers are sealed and hashed like the registry's form.
 */
import ExcelJS from 'exceljs';
import {
  CARE_IMPORT_COLUMNS,
  CARE_IMPORT_MAX_ROWS,
  type CareImportColumnKey,
  type CareImportReport,
  RecipientInput,
} from '../../../common/care/schemas.ts';
import { type Lang, translate } from '../../../common/i18n/index.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import { isValidIdNumber, isValidMobile, normaliseMobile } from '../../../common/privacy/identity.ts';
import type { CareRecipientTable } from '../../db/schema-care.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { readSheet } from '../members/import.sheet.ts';
import { recipientRow } from './registry.service.ts';

/** The first sheet's rows, columns matched by header (the member import's reader); a 400 for an unreadable file or too many rows. */
export const readCareSheet = (buffer: Buffer) => readSheet(buffer, CARE_IMPORT_COLUMNS, CARE_IMPORT_MAX_ROWS);

/** Chinese labels (and the codes) of an enum, as accepted in a cell. */
function labels(map: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [code, label] of Object.entries(map)) {
    out.set(label, code);
    out.set(code, code);
  }
  return out;
}
const KINDS = labels(zhCN.care.kinds);
const RISKS = labels(zhCN.care.risk);
const FREQS = labels(zhCN.care.frequency);
const BASES = labels(zhCN.care.lawfulBasis);
const GENDERS = labels(zhCN.care.gender);
KINDS.set('独居', 'elderly_alone');
KINDS.set('空巢老人', 'elderly_alone');
KINDS.set('残疾', 'disabled');
KINDS.set('脱贫', 'poverty_alleviated');
BASES.set('同意', 'consent');
BASES.set('法定职责', 'statutory_duty');
FREQS.set('每半月', 'fortnightly');
FREQS.set('每周一次', 'weekly');
FREQS.set('每月一次', 'monthly');

const splitList = (v: string) =>
  v
    .split(/[、,，;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

const MAX_LISTED = 500;
const CHUNK = 200;
const headerOf = (key: CareImportColumnKey) => CARE_IMPORT_COLUMNS.find((c) => c.key === key)?.header ?? key;

export async function importRecipients(ctx: Ctx, buffer: Buffer, dryRun: boolean): Promise<CareImportReport> {
  const lang: Lang = ctx.lang;
  const townId = ctx.actor.townId;
  const { rows, missing } = await readCareSheet(buffer);
  const errors: CareImportReport['errors'] = [];
  let errorCount = 0;
  const issue = (row: number, key: CareImportColumnKey | '', message: string) => {
    errorCount++;
    if (errors.length < MAX_LISTED) errors.push({ row, column: key ? headerOf(key) : '', message });
  };
  for (const header of missing) issue(0, '', translate(lang, 'members.import.missingHeader', { header }));
  if (!missing.length && rows.length === 0) issue(0, '', translate(lang, 'members.import.empty'));
  const [villages, hamlets, existing] = await Promise.all([
    ctx.db
      .selectFrom('villages')
      .select(['id', 'name'])
      .where('town_id', '=', townId)
      .where('disabled', '=', 0)
      .execute(),
    ctx.db.selectFrom('hamlets').select(['id', 'name', 'village_id']).where('town_id', '=', townId).execute(),
    ctx.db
      .selectFrom('care_recipients')
      .select('id_number_hash')
      .where('town_id', '=', townId)
      .where('id_number_hash', 'is not', null)
      .execute(),
  ]);
  const villageIds = new Map(villages.map((v) => [v.name, v.id]));
  const hamletIds = new Map(hamlets.map((h) => [`${h.village_id}|${h.name}`, h.id]));
  const idsExisting = new Set(existing.map((e) => e.id_number_hash));
  const idsInFile = new Map<string, number>();
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const values: CareRecipientTable[] = [];
  const now = new Date().toISOString();
  for (const r of rows) {
    const before = errorCount;
    const text = (key: CareImportColumnKey): string => {
      const v = r.cells[key];
      if (v === undefined) return '';
      if (typeof v !== 'string') {
        issue(r.row, key, translate(lang, 'members.import.formula'));
        return '';
      }
      return v;
    };
    const required = (key: CareImportColumnKey) => {
      const v = text(key);
      if (!v && r.cells[key] === undefined) issue(r.row, key, translate(lang, 'members.import.required'));
      return v;
    };
    const option = (key: CareImportColumnKey, map: Map<string, string>, value: string) => {
      if (!value) return undefined;
      const code = map.get(value);
      if (!code) issue(r.row, key, translate(lang, 'members.import.unknownOption', { value }));
      return code;
    };
    const tooLong = (key: CareImportColumnKey, value: string, max: number) => {
      if ([...value].length > max) issue(r.row, key, translate(lang, 'members.import.tooLong', { max }));
      return value || null;
    };
    const name = tooLong('name', required('name'), 30);
    const kindCells = splitList(required('kinds'));
    const kinds: string[] = [];
    for (const k of kindCells) {
      const code = KINDS.get(k);
      if (!code) issue(r.row, 'kinds', translate(lang, 'care.import.unknownKind', { value: k }));
      else kinds.push(code);
    }
    const gender = option('gender', GENDERS, text('gender'));
    const birthText = text('birthYear');
    let birthYear: number | null = null;
    if (birthText) {
      const y = Number(birthText);
      if (!/^\d{4}$/.test(birthText) || y < 1900 || y > new Date().getFullYear())
        issue(r.row, 'birthYear', translate(lang, 'members.import.birthYear'));
      else birthYear = y;
    }
    const villageName = required('village');
    const villageId = villageName ? villageIds.get(villageName) : undefined;
    if (villageName && !villageId)
      issue(r.row, 'village', translate(lang, 'members.import.unknownVillage', { value: villageName }));
    const hamletName = text('hamlet');
    let hamletId: string | null = null;
    if (hamletName && villageId) {
      hamletId = hamletIds.get(`${villageId}|${hamletName}`) ?? null;
      if (!hamletId) issue(r.row, 'hamlet', translate(lang, 'care.import.unknownHamlet', { value: hamletName }));
    }
    const address = tooLong('address', text('address'), 200);
    const mobileText = text('mobile');
    const mobile = mobileText ? normaliseMobile(mobileText) : null;
    if (mobile && !isValidMobile(mobile)) issue(r.row, 'mobile', translate(lang, 'members.import.mobile'));
    const idText = text('idNumber').toUpperCase();
    if (idText) {
      if (!isValidIdNumber(idText)) issue(r.row, 'idNumber', translate(lang, 'members.import.idNumber'));
      else {
        const hash = ctx.sealer.hash(idText);
        const first = idsInFile.get(hash);
        if (first !== undefined)
          issue(r.row, 'idNumber', translate(lang, 'care.import.duplicateIdInFile', { row: first }));
        else if (idsExisting.has(hash)) issue(r.row, 'idNumber', translate(lang, 'care.import.duplicateIdExisting'));
        else idsInFile.set(hash, r.row);
      }
    }
    const guardianName = tooLong('guardianName', text('guardianName'), 30);
    const guardianRelation = tooLong('guardianRelation', text('guardianRelation'), 20);
    const gmText = text('guardianMobile');
    const guardianMobile = gmText ? normaliseMobile(gmText) : null;
    if (guardianMobile && !isValidMobile(guardianMobile))
      issue(r.row, 'guardianMobile', translate(lang, 'members.import.mobile'));
    const needs = tooLong('needs', text('needs'), 500);
    const healthNotes = tooLong('healthNotes', text('healthNotes'), 1000);
    const riskLevel = option('riskLevel', RISKS, text('riskLevel')) ?? 'low';
    const frequency = option('frequency', FREQS, required('frequency'));
    const lawfulBasis = option('lawfulBasis', BASES, required('lawfulBasis'));
    const consentDate = required('consentDate')
      .replace(/[/.年月]/g, '-')
      .replace(/日$/, '');
    const consentOk = /^\d{4}-\d{1,2}-\d{1,2}$/.test(consentDate);
    const consentIso = consentOk
      ? consentDate
          .split('-')
          .map((p, i) => (i ? p.padStart(2, '0') : p))
          .join('-')
      : '';
    if (r.cells.consentDate !== undefined && (!consentOk || consentIso > today || Number.isNaN(Date.parse(consentIso))))
      issue(r.row, 'consentDate', translate(lang, 'care.import.consentDate'));
    const age = birthYear === null ? null : new Date().getUTCFullYear() - birthYear;
    if (lawfulBasis === 'consent' && age !== null && age < 14)
      issue(r.row, 'lawfulBasis', translate(lang, 'care.childConsent'));
    const consentRecordedBy = tooLong('consentRecordedBy', text('consentRecordedBy'), 30);
    if (errorCount !== before || !name || !villageId || !frequency || !lawfulBasis || !kinds.length) continue;
    const parsed = RecipientInput.safeParse({
      kinds,
      name,
      gender: gender ?? null,
      birthYear,
      villageId,
      hamletId,
      address,
      mobile,
      idNumber: idText || null,
      guardian: guardianName
        ? { name: guardianName, relation: guardianRelation ?? '其他', mobile: guardianMobile }
        : null,
      needs,
      needTags: [],
      healthNotes,
      riskLevel,
      frequency,
      lawfulBasis,
      consentDate: consentIso,
      consentRecordedBy,
    });
    if (!parsed.success) {
      issue(r.row, '', translate(lang, 'validation.invalid'));
      continue;
    }
    values.push(recipientRow(ctx, parsed.data, undefined, now));
  }
  const report: CareImportReport = {
    ok: errorCount === 0,
    dryRun,
    rows: rows.length,
    imported: 0,
    errors,
    moreErrors: Math.max(0, errorCount - errors.length),
  };
  if (errorCount || dryRun) return report;
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < values.length; i += CHUNK)
      await trx
        .insertInto('care_recipients')
        .values(values.slice(i, i + CHUNK))
        .execute();
    await writeAudit(trx, auditEvent(ctx, 'care.import', null, { rows: values.length }));
  });
  return { ...report, imported: values.length };
}

/** Excel caps an inline list at 255 characters; longer lists go to a hidden sheet. */
function listFormula(lists: ExcelJS.Worksheet, col: number, values: string[]): string {
  const inline = `"${values.join(',')}"`;
  if (inline.length <= 250 && !values.some((v) => v.includes(','))) return inline;
  values.forEach((v, i) => {
    lists.getCell(i + 1, col).value = v;
  });
  const letter = lists.getColumn(col).letter;
  return `'${lists.name}'!$${letter}$1:$${letter}$${Math.max(1, values.length)}`;
}
const rangeValidations = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;

export async function buildCareTemplate(ctx: Ctx): Promise<Buffer> {
  const villages = await ctx.db
    .selectFrom('villages')
    .select('name')
    .where('town_id', '=', ctx.actor.townId)
    .where('disabled', '=', 0)
    .orderBy('sort')
    .execute();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lianxin 连心';
  const sheet = workbook.addWorksheet('关爱对象', { views: [{ state: 'frozen', ySplit: 1 }] });
  const help = workbook.addWorksheet('填写说明');
  const lists = workbook.addWorksheet('选项', { state: 'veryHidden' });
  sheet.columns = CARE_IMPORT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.key === 'idNumber' ? 22 : c.key === 'needs' || c.key === 'healthNotes' || c.key === 'address' ? 28 : 14,
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  CARE_IMPORT_COLUMNS.forEach((c, i) => {
    if (c.required) sheet.getRow(1).getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  sheet.addRow({
    name: '张桂英',
    kinds: '独居老人、脱贫户',
    gender: '女',
    birthYear: '1942',
    village: villages[0]?.name ?? '',
    hamlet: '',
    address: '3 组 12 号',
    mobile: '13800000000',
    idNumber: '',
    guardianName: '张建国',
    guardianRelation: '儿子',
    guardianMobile: '13900000000',
    needs: '行动不便，需要代购和打扫',
    healthNotes: '高血压，按时服药',
    riskLevel: '中',
    frequency: '每周',
    lawfulBasis: '本人同意',
    consentDate: today(),
    consentRecordedBy: '村委会',
  });
  const choices: Partial<Record<CareImportColumnKey, string[]>> = {
    gender: Object.values(zhCN.care.gender),
    village: villages.map((v) => v.name),
    riskLevel: Object.values(zhCN.care.risk),
    frequency: Object.values(zhCN.care.frequency),
    lawfulBasis: Object.values(zhCN.care.lawfulBasis),
  };
  CARE_IMPORT_COLUMNS.forEach((c, i) => {
    const values = choices[c.key];
    if (!values?.length) return;
    const formula = listFormula(lists, i + 1, values);
    const letter = sheet.getColumn(i + 1).letter;
    rangeValidations(sheet).add(`${letter}2:${letter}${CARE_IMPORT_MAX_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorTitle: c.header,
      error: '请从下拉列表中选择',
    });
  });
  help.columns = [{ header: '说明', key: 'a', width: 110 }];
  const lines = [
    '1. 在“关爱对象”表中每行填写一名关爱对象；第 2 行是示例，导入前请删除。',
    '2. 红色表头为必填：姓名、对象类别、所属村、探访频次、处理依据、同意日期。表头文字不能改，列的顺序可以调整。',
    `3. 对象类别可填多个，用顿号分隔：${Object.values(zhCN.care.kinds).join('、')}。`,
    `4. 探访频次：${Object.values(zhCN.care.frequency).join('、')}；风险等级：${Object.values(zhCN.care.risk).join('、')}（默认低）。`,
    `5. 处理依据（个人信息保护法）：${Object.values(zhCN.care.lawfulBasis).join('、')}；未满 14 周岁须为监护人同意或履行法定职责。同意日期格式 2026-01-31。`,
    '6. 联系电话为 11 位手机号；身份证号为 18 位（选填，会校验出生日期和校验位）。',
    '7. 健康状况和未成年人信息属于敏感个人信息，加密保存，只有关爱专员和结对队员可以查看。',
    `8. 每次最多 ${CARE_IMPORT_MAX_ROWS} 行，文件不超过 10 MB。系统逐行校验，全部无误才导入；导入要么全部成功，要么一条也不导入。`,
  ];
  for (const line of lines) help.addRow({ a: line });
  help.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
