/**
 * Reading an uploaded members workbook: the first sheet, columns matched by header text, cells
 * as text, formulas flagged. Stops at the last non-empty row; rows without content are skipped
 * as exceljs hands them over, never counted or looped over afterwards.
 */
import ExcelJS from 'exceljs';
import { ErrorCode } from '../../../common/errors/codes.ts';
import { IMPORT_COLUMNS, IMPORT_MAX_ROWS, type ImportColumnKey } from '../../../common/members/schemas.ts';
import { AppError } from '../../platform/errors.ts';

/** A cell as text, or a formula marker. */
export type CellText = string | { formula: true };

export interface SheetRow<K extends string = ImportColumnKey> {
  /** The row number Excel shows. */
  row: number;
  cells: Partial<Record<K, CellText>>;
}

/** A column of an import template: matched by its header text, `*` and spaces ignored. */
export interface SheetColumn<K extends string> {
  key: K;
  header: string;
  required: boolean;
}

export interface ReadSheet<K extends string = ImportColumnKey> {
  rows: SheetRow<K>[];
  /** Required headers that are missing. */
  missing: string[];
}

const badFile = (key: string, params?: Record<string, string | number>) =>
  new AppError(ErrorCode.VALIDATION, { fields: [{ path: 'file', key, ...(params ? { params } : {}) }] });

function cellText(value: ExcelJS.CellValue): CellText {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return { formula: true };
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('error' in value) return '';
  }
  return '';
}

/** Reads the members workbook; throws a 400 for a file that is not a readable .xlsx or has too many rows. */
export const readMembersSheet = (buffer: Buffer): Promise<ReadSheet> =>
  readSheet(buffer, IMPORT_COLUMNS, IMPORT_MAX_ROWS);

/** Reads an import workbook with the given template columns (members, care recipients…). */
export async function readSheet<K extends string>(
  buffer: Buffer,
  columns: readonly SheetColumn<K>[],
  maxRows: number,
): Promise<ReadSheet<K>> {
  const headerKey = (text: string): K | undefined => columns.find((c) => c.header === text.replace(/\s|\*/g, ''))?.key;
  if (buffer.length < 4 || buffer.subarray(0, 2).toString('latin1') !== 'PK') throw badFile('members.import.notXlsx');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw badFile('members.import.notXlsx');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badFile('members.import.noSheet');
  let header: Map<number, K> | null = null;
  const rows: SheetRow<K>[] = [];
  let tooMany = false;
  // eachRow visits only rows that exist in the file with values: trailing blank rows cost nothing here.
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (tooMany) return;
    const values = row.values as ExcelJS.CellValue[];
    if (!header) {
      const found = new Map<number, K>();
      values.forEach((v, col) => {
        const text = cellText(v);
        const key = typeof text === 'string' ? headerKey(text) : undefined;
        if (key) found.set(col, key);
      });
      if (found.size > 0) header = found;
      return;
    }
    const cells: SheetRow<K>['cells'] = {};
    let any = false;
    for (const [col, key] of header) {
      const text = cellText(values[col]);
      if (text !== '') {
        cells[key] = text;
        any = true;
      }
    }
    if (!any) return;
    if (rows.length >= maxRows) {
      tooMany = true;
      return;
    }
    rows.push({ row: rowNumber, cells });
  });
  if (tooMany) throw badFile('members.import.tooManyRows', { max: maxRows });
  if (!header) throw badFile('members.import.noHeader');
  const present = new Set((header as Map<number, K>).values());
  const missing = columns.filter((c) => c.required && !present.has(c.key)).map((c) => c.header);
  return { rows, missing };
}
