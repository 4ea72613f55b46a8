/** Excel exports: one sheet, a bold frozen header row, filters on, widths set. */
import ExcelJS from 'exceljs';

export interface Column<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null;
}

/** Builds an .xlsx workbook buffer from rows. */
export async function buildXlsx<T>(sheetName: string, columns: Column<T>[], rows: T[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lianxin 连心';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width ?? 16 }));
  for (const row of rows) {
    const values: Record<string, string | number | null> = {};
    columns.forEach((c, i) => {
      const v = c.value(row);
      // A cell that starts like a formula is written as text so Excel never evaluates it.
      values[`c${i}`] = typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v;
    });
    sheet.addRow(values);
  }
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A UTC instant shown as Asia/Shanghai `YYYY-MM-DD HH:mm`. */
export function shanghaiTime(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
