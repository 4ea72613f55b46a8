/** Reads an exported .xlsx answer back into rows of cell texts, for asserting exports. */
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';

/** The first sheet's rows, each cell as text ('' when empty). */
export async function readXlsx(res: LightMyRequestResponse): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => cells.push(cell.text ?? ''));
    rows.push(cells);
  });
  return rows;
}

/** True when the answer is an .xlsx file (spreadsheet content type, zip magic). */
export function isXlsx(res: LightMyRequestResponse): boolean {
  return (
    res.statusCode === 200 &&
    String(res.headers['content-type']).startsWith(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ) &&
    res.rawPayload.subarray(0, 2).toString('latin1') === 'PK'
  );
}
