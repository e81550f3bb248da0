import path from 'node:path';
import { parseArgs } from 'node:util';

/** The HTTP paths `npm run bench` loads, in the order they run. */
export const PATH_NAMES = ['worklist', 'reception', 'search', 'intake', 'oversight', 'counts'] as const;
export type PathName = (typeof PATH_NAMES)[number];

export type Target = { engine: 'sqlite'; file: string; dataDir: string } | { engine: 'postgres'; url: string };

export interface BenchOptions {
  /** Seconds of load per path (and per ceiling). */
  duration: number;
  connections: number;
  /** Connections of the second, lighter run of worklist and search (p99 at 10). */
  fewConnections: number;
  paths: PathName[];
  isSmoke: boolean;
  target: Target;
  /** The 10-thousand-family database for growth, if any. */
  growth: Target | null;
  /** Seed the growth database with `npm run bench:seed` when none is given (scaled like the main one). */
  isGrowthSeeded: boolean;
  /** Run Sila from src/ with tsx instead of dist/server (no build needed). */
  isFromSource: boolean;
  /** Where the results JSON goes; README table updated unless --no-readme. */
  resultsDir: string;
  isReadmeUpdated: boolean;
  /** Days of the results file name (default today). */
  label: string | null;
}

const USAGE = `Usage: npm run bench -- [flags]

  --duration N        seconds of load per path (default 20; --smoke: 1)
  --connections N     concurrent connections (default 50; --smoke: 5)
  --paths a,b         some of ${PATH_NAMES.join(', ')} (default all)
  --smoke             seconds in all, for CI: no warm-up, no growth, no 10-connection runs,
                      results to a temporary folder; fails on any answer not 2xx
  --data-dir DIR      SQLite data directory (default SILA_DATA_DIR, else bench/data)
  --growth-data-dir DIR / --growth-url URL
                      the 10-thousand-family database to compare p50 with
  --seed-growth       seed that database with npm run bench:seed when not given (scaled alike)
  --from-source       run Sila from src/ with tsx (default: dist/server when built and fresh)
  --results DIR       where the JSON goes (default bench/results)
  --no-readme         do not rewrite the table in bench/README.md
  --label NAME        results file name instead of YYYY-MM-DD-<engine>

The engine is PostgreSQL when DATABASE_URL is set (postgres://…), else SQLite in the data directory.`;

function targetOf(url: string | undefined, dataDir: string): Target {
  if (url?.startsWith('postgres')) return { engine: 'postgres', url };
  if (url?.startsWith('sqlite:')) {
    const file = path.resolve(url.slice('sqlite:'.length));
    return { engine: 'sqlite', file, dataDir: path.dirname(file) };
  }
  const dir = path.resolve(dataDir);
  return { engine: 'sqlite', file: path.join(dir, 'sila.db'), dataDir: dir };
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      paths: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      'growth-data-dir': { type: 'string' },
      'growth-url': { type: 'string' },
      'seed-growth': { type: 'boolean', default: false },
      'from-source': { type: 'boolean', default: false },
      results: { type: 'string' },
      'no-readme': { type: 'boolean', default: false },
      label: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const isSmoke = values.smoke;
  const positive = (name: string, raw: string | undefined, fallback: number) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number (got ${raw})\n\n${USAGE}`);
    return n;
  };
  const paths = values.paths ? values.paths.split(',').map((p) => p.trim()) : [...PATH_NAMES];
  for (const p of paths)
    if (!PATH_NAMES.includes(p as PathName)) throw new Error(`Unknown path ${p}: choose among ${PATH_NAMES.join(', ')}`);
  const dataDir = values['data-dir'] ?? env.SILA_DATA_DIR ?? 'bench/data';
  const target = targetOf(env.DATABASE_URL, dataDir);
  let growth: Target | null = null;
  if (values['growth-url']) growth = targetOf(values['growth-url'], '.');
  else if (values['growth-data-dir']) growth = targetOf(undefined, values['growth-data-dir']);
  return {
    duration: positive('duration', values.duration, isSmoke ? 1 : 20),
    connections: positive('connections', values.connections, isSmoke ? 5 : 50),
    fewConnections: 10,
    paths: paths as PathName[],
    isSmoke,
    target,
    growth: isSmoke ? null : growth,
    isGrowthSeeded: !isSmoke && values['seed-growth'],
    isFromSource: values['from-source'],
    resultsDir: path.resolve(values.results ?? 'bench/results'),
    isReadmeUpdated: !isSmoke && !values['no-readme'],
    label: values.label ?? null,
  };
}
