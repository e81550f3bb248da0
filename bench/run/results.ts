import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { CalendarBench } from '../calendar.bench.js';
import type { LoadResult } from './load.js';
import type { Target } from './options.js';
import type { QueryPlan } from './plans.js';
import { ROOT } from './processes.js';

export interface Sizes {
  families: number;
  requests: number;
  complaints: number;
  auditRows: number;
  databaseMb: number | null;
  /** The engine's version and the settings that decide its speed (PostgreSQL's durability and memory). */
  databaseServer: string | null;
}

export interface TargetCheck {
  what: string;
  value: number | null;
  limit: string;
  isMet: boolean | null;
}

export interface PathResult {
  name: string;
  description: string;
  sila: LoadResult;
  silaFew: LoadResult | null;
  /** Dashboards: one connection, the wait of one person (their target is on this p50). */
  silaOne?: LoadResult | null;
  ceiling: LoadResult | null;
  /** Sila's requests/s ÷ the ceiling's. */
  ratio: number | null;
  bytes: { sila: number; ceiling: number | null };
  peakRssMb: number | null;
  growth: { sila: LoadResult; p50Ratio: number | null } | null;
  targets: TargetCheck[];
}

export interface BenchResults {
  date: string;
  engine: 'sqlite' | 'postgres';
  isSmoke: boolean;
  machine: { cpus: number; cpuModel: string; memoryMb: number; node: string; os: string; loadAverage: number[] };
  gitSha: string;
  silaEntry: 'dist/server' | 'src (tsx)';
  options: { duration: number; connections: number; fewConnections: number };
  sizes: Sizes;
  growthSizes: Sizes | null;
  serverPeakRssMb: number | null;
  paths: PathResult[];
  calendar: CalendarBench | null;
  plans: QueryPlan[];
  problems: string[];
}

export function machine(): BenchResults['machine'] {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryMb: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export function gitSha(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const isDirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return isDirty ? `${sha}+uncommitted-src` : sha;
  } catch {
    return 'unknown';
  }
}

const COUNTED = { families: 'families', requests: 'requests', complaints: 'complaints', auditRows: 'audit_events' } as const;

/** Rows in the main tables and the database's size on disk. */
export async function sizesOf(target: Target): Promise<Sizes> {
  const sizes: Sizes = { families: 0, requests: 0, complaints: 0, auditRows: 0, databaseMb: null, databaseServer: null };
  if (target.engine === 'sqlite') {
    const db = new SQLite(target.file, { readonly: true });
    try {
      for (const [key, table] of Object.entries(COUNTED)) {
        sizes[key as keyof typeof COUNTED] = (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
      }
      sizes.databaseServer = `SQLite ${(db.prepare('select sqlite_version() as v').get() as { v: string }).v}`;
    } finally {
      db.close();
    }
    const wal = `${target.file}-wal`;
    const bytes = statSync(target.file).size + (existsSync(wal) ? statSync(wal).size : 0);
    sizes.databaseMb = Math.round(bytes / 1024 / 102.4) / 10;
    return sizes;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    for (const [key, table] of Object.entries(COUNTED)) {
      const { rows } = await client.query(`select count(*)::int as n from ${table}`);
      sizes[key as keyof typeof COUNTED] = rows[0].n;
    }
    const { rows } = await client.query('select pg_database_size(current_database())::bigint as b');
    sizes.databaseMb = Math.round(Number(rows[0].b) / 1024 / 102.4) / 10;
    const settings = await client.query(
      `select name, current_setting(name) as setting from pg_settings where name in ('fsync', 'synchronous_commit', 'shared_buffers', 'work_mem', 'max_connections') order by name`,
    );
    const version = await client.query('show server_version');
    sizes.databaseServer = `PostgreSQL ${version.rows[0].server_version}; ${settings.rows
      .map((r: { name: string; setting: string }) => `${r.name} ${r.setting}`)
      .join(', ')}`;
  } finally {
    await client.end();
  }
  return sizes;
}

export function writeResults(dir: string, name: string, results: BenchResults): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

const fmt = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined ? '—' : n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The README table of one engine's results (issue 7 §4). */
export function markdownTable(r: BenchResults): string {
  const lines = [
    `${r.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${r.date}: ${fmt(r.sizes.families)} families, ${fmt(r.sizes.requests)} requests, ${fmt(r.sizes.complaints)} complaints and inquiries` +
      ` (${fmt(r.sizes.databaseMb)} MB, ${r.sizes.databaseServer ?? 'engine unknown'}); ${r.machine.cpus} CPUs (${r.machine.cpuModel}), ${fmt(r.machine.memoryMb / 1024, 1)} GB, Node ${r.machine.node}, load ${r.machine.loadAverage.join(' ')};` +
      ` Sila from ${r.silaEntry}, ${r.options.connections} connections × ${r.options.duration} s; git ${r.gitSha.slice(0, 12)}.`,
    '',
    `| path | Sila req/s | ceiling req/s | ratio | p50 ms | p99 ms (${r.options.connections}) | p99 ms (${r.options.fewConnections}) | p50 ms (1) | peak RSS MB | p50 growth${r.growthSizes ? ` (${fmt(r.growthSizes.families)} → ${fmt(r.sizes.families)})` : ''} | target | met? |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const p of r.paths) {
    const targets = p.targets.map((t) => t.limit).join('; ');
    const met = p.targets.map((t) => (t.isMet === null ? '—' : t.isMet ? 'yes' : `**no** (${t.what} ${fmt(t.value, 2)})`)).join('; ');
    lines.push(
      `| ${p.name} | ${fmt(p.sila.requestsPerSecond)} | ${fmt(p.ceiling?.requestsPerSecond)} | ${fmt(p.ratio, 2)} | ${fmt(p.sila.p50Ms)} | ${fmt(p.sila.p99Ms)} | ${fmt(p.silaFew?.p99Ms)} | ${fmt(p.silaOne?.p50Ms)} | ${fmt(p.peakRssMb)} | ${p.growth ? `${fmt(p.growth.p50Ratio, 2)}×` : '—'} | ${targets} | ${met} |`,
    );
  }
  const other: string[] = [];
  if (r.calendar)
    other.push(
      `deadline calculation: ${fmt(r.calendar.speedup, 1)}× the naive loop (target ≥ 20×: ${r.calendar.speedup >= 20 ? 'met' : '**not met**'})`,
    );
  if (r.serverPeakRssMb !== null)
    other.push(`server peak memory over the run: ${fmt(r.serverPeakRssMb)} MB (target < 250 MB at 1 million families)`);
  if (r.problems.length) other.push(`problems: ${r.problems.join('; ')}`);
  if (other.length) lines.push('', ...other.map((o) => `- ${o}`));
  return lines.join('\n');
}

/** Replaces this engine's table between its markers in bench/README.md (the rest is left as written). */
export function updateReadme(results: BenchResults): void {
  const file = path.join(ROOT, 'bench/README.md');
  if (!existsSync(file)) return;
  const text = readFileSync(file, 'utf8');
  const start = `<!-- results:${results.engine}:start -->`;
  const end = `<!-- results:${results.engine}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return;
  writeFileSync(file, `${text.slice(0, from + start.length)}\n${markdownTable(results)}\n${text.slice(to)}`);
}
