/** The members import template: the data sheet with drop-down lists, and an instruction sheet. */
import ExcelJS from 'exceljs';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import { IMPORT_COLUMNS, IMPORT_MAX_ROWS } from '../../../common/members/schemas.ts';
import type { Ctx } from '../../platform/context.ts';

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

/** exceljs keeps range validations (one XML entry per range) but its typings omit them. */
const rangeValidations = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;

export async function buildTemplate(ctx: Ctx): Promise<Buffer> {
  const townId = ctx.actor.townId;
  const [villages, teams, squads] = await Promise.all([
    ctx.db
      .selectFrom('villages')
      .select('name')
      .where('town_id', '=', townId)
      .where('disabled', '=', 0)
      .orderBy('sort')
      .execute(),
    ctx.db
      .selectFrom('teams')
      .select('name')
      .where('town_id', '=', townId)
      .where('disabled', '=', 0)
      .orderBy('sort')
      .execute(),
    ctx.db
      .selectFrom('squads')
      .select('name')
      .distinct()
      .where('town_id', '=', townId)
      .where('disabled', '=', 0)
      .orderBy('name')
      .execute(),
  ]);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lianxin 连心';
  const sheet = workbook.addWorksheet('队员', { views: [{ state: 'frozen', ySplit: 1 }] });
  const help = workbook.addWorksheet('填写说明');
  const lists = workbook.addWorksheet('选项', { state: 'veryHidden' });
  sheet.columns = IMPORT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.key === 'idNumber' ? 22 : c.key === 'team' ? 24 : 14,
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  IMPORT_COLUMNS.forEach((c, i) => {
    if (c.required) sheet.getRow(1).getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  sheet.addRow({
    name: '张三',
    gender: '男',
    birthYear: '1968',
    mobile: '13800000000',
    idNumber: '',
    village: villages[0]?.name ?? '',
    politicalStatus: '中共党员',
    backgrounds: '党员、乡贤',
    skills: '调解、电工',
    team: teams[0]?.name ?? '',
    role: '队员',
    squad: '',
  });
  const choices: Partial<Record<string, string[]>> = {
    gender: Object.values(zhCN.enums.gender),
    village: villages.map((v) => v.name),
    politicalStatus: Object.values(zhCN.enums.politicalStatus),
    team: teams.map((t) => t.name),
    role: Object.values(zhCN.enums.teamRole),
    squad: squads.map((s) => s.name),
  };
  IMPORT_COLUMNS.forEach((c, i) => {
    const values = choices[c.key];
    if (!values?.length) return;
    const formula = listFormula(lists, i + 1, values);
    const letter = sheet.getColumn(i + 1).letter;
    rangeValidations(sheet).add(`${letter}2:${letter}${IMPORT_MAX_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorTitle: c.header,
      error: '请从下拉列表中选择',
    });
  });
  help.columns = [{ header: '说明', key: 'a', width: 100 }];
  const lines = [
    '1. 在“队员”表中每行填写一名队员；第 2 行是示例，导入前请删除。',
    '2. 红色表头为必填：姓名、手机号。列的顺序可以调整，但表头文字不能改。',
    '3. 手机号为 11 位；身份证号为 18 位（选填，会校验出生日期和校验位）。',
    '4. 所属村、服务队、小队、政治面貌、性别、队内角色请从下拉列表中选择，须与系统中的名称一致。',
    `5. 人员类别可填多个，用顿号分隔：${Object.values(zhCN.enums.background).join('、')}。`,
    '6. 请直接填写内容，不要使用公式。',
    `7. 每次最多 ${IMPORT_MAX_ROWS} 行，文件不超过 10 MB。上传后系统先逐行校验，全部无误后由您确认导入；导入要么全部成功，要么一条也不导入。`,
    '8. 手机号、身份证号加密保存，列表中只显示部分号码。',
  ];
  for (const line of lines) help.addRow({ a: line });
  help.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
