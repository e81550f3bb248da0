import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/platform/http/app-error.js';
import { readSheet, writeXlsx } from '../../src/platform/spreadsheet.js';

/** The families' sheets (issue 3 §6), read in a worker thread and written row by row (issue 7 §5). */
describe('families sheets', () => {
  it('reads back what the export writes: Arabic text, empty cells, a neutralised formula', async () => {
    const bytes = await writeXlsx(
      ['الاسم', 'رقم الهوية', 'ملاحظة'],
      [
        ['فاطمة الغامدي', '1000000156', ''],
        ['=HYPERLINK("x")', '', 'نص'],
      ],
    );
    const sheet = await readSheet(bytes);
    expect(sheet.columns).toEqual(['الاسم', 'رقم الهوية', 'ملاحظة']);
    expect(sheet.rows).toEqual([
      ['فاطمة الغامدي', '1000000156', ''],
      [`'=HYPERLINK("x")`, '', 'نص'],
    ]);
  });

  it('reports a formula cell without evaluating it, and gives a nameless column a number', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('s');
    ws.addRow(['الاسم', null, 'المدينة']);
    ws.addRow([{ formula: '1+1', result: 2 }, 'x', new Date(Date.UTC(2026, 0, 5))]);
    const sheet = await readSheet(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(sheet.columns).toEqual(['الاسم', '#2', 'المدينة']);
    expect(sheet.rows).toEqual([[{ formula: true }, 'x', '2026-01-05']]);
  });

  it('refuses a zip that is not a workbook, and a workbook with no rows, with their codes', async () => {
    const notAWorkbook = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]);
    await expect(readSheet(notAWorkbook)).rejects.toMatchObject({ code: 'import.unreadable' });
    await expect(readSheet(notAWorkbook)).rejects.toBeInstanceOf(AppError);
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('s').addRow(['الاسم']);
    await expect(readSheet(Buffer.from(await empty.xlsx.writeBuffer()))).rejects.toMatchObject({ code: 'import.empty' });
    // Three reads, each starting a worker that loads exceljs: seconds on a loaded two-core machine.
  }, 60_000);
});
