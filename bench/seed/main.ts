/**
 * `npm run bench:seed -- --families 1000000 --requests 5000000 --complaints 500000 [--seed 1] [--reset]`
 * Fills the database the app would open (DATABASE_URL, else SQLite in SILA_DATA_DIR) with realistic
 * bench data; progress on stderr, a JSON summary on stdout. BENCH DATA ONLY (see principals.ts).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/platform/config.js';
import { NotEmptyError, seedDatabase } from './seed.js';

const USAGE = `usage: npm run bench:seed -- [--families N] [--requests N] [--complaints N] [--seed N] [--workers N] [--reset]
  defaults: 10000 families, 50000 requests, 5000 complaints, seed 1; requests are made in one worker
  thread per core from 20000 requests (--workers 0: in this thread)
  engine: DATABASE_URL (postgres://… or sqlite:…), else SQLite at SILA_DATA_DIR/sila.db`;

function count(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a whole number ≥ 0\n${USAGE}\n`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      families: { type: 'string' },
      requests: { type: 'string' },
      complaints: { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
      reset: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const sizes = {
    families: count(values.families, 'families', 10_000),
    requests: count(values.requests, 'requests', 50_000),
    complaints: count(values.complaints, 'complaints', 5_000),
  };
  if (sizes.families < 1) {
    process.stderr.write('--families must be at least 1\n');
    process.exit(2);
  }
  try {
    const report = await seedDatabase({
      config: loadConfig(process.env),
      sizes,
      seed: count(values.seed, 'seed', 1),
      reset: values.reset ?? false,
      ...(values.workers !== undefined ? { workers: count(values.workers, 'workers', 0) } : {}),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(`${JSON.stringify({ ...report, loadAverage: (await import('node:os')).loadavg() }, null, 2)}\n`);
  } catch (error) {
    if (error instanceof NotEmptyError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(3);
    }
    throw error;
  }
}

await main();
