/**
 * The families' sheets at their limits (issue 3 §6, issue 7 §5: the server's memory): reading an
 * import of MAX_IMPORT_ROWS rows and writing an export of MAX_EXPORT_ROWS rows, each in a fresh
 * process so its peak memory is its own. Run: `npx tsx bench/spreadsheet.bench.ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HEADERS, MAX_EXPORT_ROWS } from '../src/modules/families/families.export.js';
import { MAX_IMPORT_ROWS, readSheet, writeCsv, writeXlsx } from '../src/platform/spreadsheet.js';

const HEADER = HEADERS.ar;

/** A row as an export writes it (masked ID and mobile, names resolved). */
function row(i: number): string[] {
  return [
    `FAM-2026-${String(i).padStart(7, '0')}`,
    i % 2 ? 'فاطمة عبدالله محمد الغامدي' : 'أحمد سعيد علي الدوسري',
    i % 3 ? '' : 'Fatimah Abdullah Al-Ghamdi',
    `******${String(1000 + (i % 9000))}`,
    `05*****${String(100 + (i % 900))}`,
    'الدمام',
    'مكتب الدمام',
    'أسرة منتجة',
    'التدريب، التسويق',
    'web',
    '2026-01-01',
  ];
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => row(i));

type Case = 'import-xlsx' | 'import-csv' | 'export-xlsx' | 'export-csv';
const CASES: Case[] = ['import-xlsx', 'import-csv', 'export-xlsx', 'export-csv'];

/** One case in this process: its seconds, its peak RSS and the largest heap in use seen. */
async function runCase(name: Case, dir: string): Promise<{ seconds: number; peakRssMb: number; peakHeapMb: number }> {
  let peakHeap = 0;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 10);
  const input = name.startsWith('import') ? readFileSync(path.join(dir, `import.${name.slice(7)}`)) : null;
  const started = performance.now();
  if (input) {
    const sheet = await readSheet(input);
    if (sheet.rows.length !== MAX_IMPORT_ROWS) throw new Error(`read ${sheet.rows.length} rows`);
  } else {
    const data = rows(MAX_EXPORT_ROWS);
    const bytes = name === 'export-xlsx' ? await writeXlsx(HEADER, data) : writeCsv(HEADER, data);
    if (bytes.length < MAX_EXPORT_ROWS * 50) throw new Error(`wrote only ${bytes.length} bytes`);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return {
    seconds: Math.round(seconds * 100) / 100,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    peakHeapMb: Math.round(Math.max(peakHeap, process.memoryUsage().heapUsed) / 2 ** 20),
  };
}

async function main(): Promise<void> {
  const [caseName, dir] = process.argv.slice(2);
  if (caseName && dir) {
    console.log(JSON.stringify(await runCase(caseName as Case, dir)));
    return;
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'sila-sheets-'));
  try {
    writeFileSync(path.join(work, 'import.xlsx'), await writeXlsx(HEADER, rows(MAX_IMPORT_ROWS)));
    writeFileSync(path.join(work, 'import.csv'), writeCsv(HEADER, rows(MAX_IMPORT_ROWS)));
    const self = fileURLToPath(import.meta.url);
    console.log(`case          rows    seconds  peak RSS MB  peak heap MB`);
    for (const name of CASES) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', self, name, work], { encoding: 'utf8' });
      const result = JSON.parse(out.trim().split('\n').at(-1) as string) as Awaited<ReturnType<typeof runCase>>;
      const n = name.startsWith('import') ? MAX_IMPORT_ROWS : MAX_EXPORT_ROWS;
      console.log(
        `${name.padEnd(12)} ${String(n).padStart(6)} ${result.seconds.toFixed(2).padStart(9)} ${String(result.peakRssMb).padStart(12)} ${String(result.peakHeapMb).padStart(13)}`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
