import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type ExcelJS from 'exceljs';
import { AppError } from './http/app-error.js';

/**
 * Reading and writing the sheets families come in and go out in (issue 3 §6), and the worklists' exports (issue 19 §5). Cells are read as
 * text; a formula is never evaluated (its cell is reported as an error), and text that a
 * spreadsheet program would take for a formula is neutralised on export.
 */
export const MAX_IMPORT_ROWS = 20_000;
/** The largest sheet file accepted for import (the reading thread's heap is sized for it); one byte more answers 413. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export interface Sheet {
  columns: string[];
  rows: Grid;
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

type Grid = Array<Array<string | { formula: true }>>;

/**
 * Reads an .xlsx in a worker thread: exceljs parses a 20 000-row sheet in ~3 s of CPU and ~140 MB
 * of heap, which on the server's own thread would stop every other request for those seconds and
 * count against the server's heap. The worker has its own heap limit; it answers the grid of cell
 * texts (a formula is reported, never evaluated) or why it could not.
 */
const XLSX_READER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ExcelJS = require(workerData.excelPath);
function cellText(value) {
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
(async () => {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(workerData.bytes);
  } catch {
    return parentPort.postMessage({ problem: 'unreadable' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return parentPort.postMessage({ problem: 'empty' });
  if (sheet.actualRowCount > workerData.maxRows + 1) return parentPort.postMessage({ problem: 'too-many', count: sheet.actualRowCount - 1 });
  // exceljs computes columnCount by walking every row: read once, not per row (20 000 rows took 200 s).
  const columnCount = sheet.columnCount;
  const grid = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells = [];
    for (let c = 1; c <= columnCount; c++) cells.push(cellText(row.getCell(c).value));
    grid.push(cells);
  });
  parentPort.postMessage({ grid });
})();
`;

/** Heap of the reading thread: the largest sheet accepted (5 MB, 20 000 rows) needs ~140 MB. */
const READER_HEAP_MB = 384;

function readXlsx(bytes: Buffer): Promise<Grid> {
  const excelPath = createRequire(import.meta.url).resolve('exceljs');
  return new Promise((resolve, reject) => {
    const worker = new Worker(XLSX_READER_SOURCE, {
      eval: true,
      workerData: { bytes, excelPath, maxRows: MAX_IMPORT_ROWS },
      resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB },
    });
    let isSettled = false;
    const settle = (action: () => void) => {
      if (isSettled) return;
      isSettled = true;
      action();
      void worker.terminate();
    };
    worker.on('message', (answer: { grid?: Grid; problem?: 'unreadable' | 'empty' | 'too-many'; count?: number }) =>
      settle(() => {
        if (answer.grid) resolve(answer.grid);
        else if (answer.problem === 'too-many') reject(tooMany(answer.count ?? 0));
        else if (answer.problem === 'empty') reject(AppError.unprocessable('import.empty', 'The workbook has no sheet'));
        else reject(unreadable());
      }),
    );
    // Out of its heap (ERR_WORKER_OUT_OF_MEMORY) or any other failure: the file could not be read.
    worker.on('error', () => settle(() => reject(unreadable())));
    worker.on('exit', () => settle(() => reject(unreadable())));
  });
}

function unreadable(): AppError {
  return AppError.unprocessable('import.unreadable', 'The file could not be read as an Excel workbook');
}

export async function readSheet(bytes: Buffer): Promise<Sheet> {
  let grid: Grid;
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    grid = await readXlsx(bytes);
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
export async function writeXlsx(
  columns: string[],
  rows: string[][],
  { sheetName = 'families' }: { sheetName?: string } = {},
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new (await excel()).stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ rightToLeft: true }] });
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
