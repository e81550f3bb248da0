import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { AppError } from '../../platform/http/app-error.js';

/**
 * Reading and writing the sheets families come in and go out in (issue 3 §6). Cells are read as
 * text; a formula is never evaluated (its cell is reported as an error), and text that a
 * spreadsheet program would take for a formula is neutralised on export.
 */
export const MAX_IMPORT_ROWS = 20_000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export interface Sheet {
  columns: string[];
  rows: Array<Array<string | { formula: true }>>;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function tooMany(count: number): AppError {
  return AppError.unprocessable('import.too-many-rows', `The sheet has ${count} rows; import at most ${MAX_IMPORT_ROWS} at a time`);
}

/** Minimal RFC 4180 reader: quoted fields, doubled quotes, commas or semicolons, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.slice(0, body.indexOf('\n') === -1 ? body.length : body.indexOf('\n'));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let isQuoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (isQuoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') isQuoted = false;
      else field += c;
    } else if (c === '"' && field === '') isQuoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (rows.length > MAX_IMPORT_ROWS + 1) throw tooMany(rows.length);
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

/** exceljs is loaded on the first workbook: it is ~30 MB of the server's memory otherwise (issue 7 §5). */
async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

function cellText(value: ExcelJS.CellValue): string | { formula: true } {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return { formula: true };
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if ('error' in value) return '';
  }
  return String(value);
}

export async function readSheet(bytes: Buffer): Promise<Sheet> {
  let grid: Array<Array<string | { formula: true }>>;
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    const workbook = new (await excel()).Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw AppError.unprocessable('import.unreadable', 'The file could not be read as an Excel workbook');
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw AppError.unprocessable('import.empty', 'The workbook has no sheet');
    if (sheet.actualRowCount > MAX_IMPORT_ROWS + 1) throw tooMany(sheet.actualRowCount - 1);
    grid = [];
    // exceljs computes columnCount by walking every row: read once, not per row (20 000 rows took 200 s).
    const columnCount = sheet.columnCount;
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: Array<string | { formula: true }> = [];
      for (let c = 1; c <= columnCount; c++) cells.push(cellText(row.getCell(c).value));
      grid.push(cells);
    });
  } else {
    const text = bytes.toString('utf8');
    if (text.includes('\u0000') || text.includes('\uFFFD'))
      throw AppError.unprocessable('import.unsupported-type', 'Upload an .xlsx workbook or a UTF-8 .csv file');
    grid = parseCsv(text);
  }
  const [header, ...rows] = grid;
  if (!header || !rows.length) throw AppError.unprocessable('import.empty', 'The sheet has no rows under its header');
  if (rows.length > MAX_IMPORT_ROWS) throw tooMany(rows.length);
  const columns = header.map((h, i) => (typeof h === 'string' && h.trim() ? h.trim() : `#${i + 1}`));
  return { columns, rows };
}

/** A cell that starts like a formula is written with a leading apostrophe (CSV/formula injection). */
export function safeCell(value: string | null | undefined): string {
  const text = value ?? '';
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * Written with exceljs' streaming writer: each row goes to the zip as it is added. Its in-memory
 * Workbook kept an object per cell, 680 MB of heap for a 50 000-row export (bench/spreadsheet.bench.ts).
 */
export async function writeXlsx(columns: string[], rows: string[][]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new (await excel()).stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('families', { views: [{ rightToLeft: true }] });
  const header = sheet.addRow(columns);
  header.font = { bold: true };
  header.commit();
  for (const row of rows) sheet.addRow(row.map(safeCell)).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

export function writeCsv(columns: string[], rows: string[][]): Buffer {
  const quote = (value: string) => (/[",\r\n;]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = [columns, ...rows.map((row) => row.map(safeCell))].map((row) => row.map(quote).join(','));
  // A BOM so spreadsheet programs read Arabic as UTF-8.
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
