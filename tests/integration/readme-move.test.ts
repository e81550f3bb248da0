import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/platform/ids.js';
import { childEnv, ENTRY, freePort, ROOT, sila, TSX_LOADER } from './cli-support.js';
import { ENGINE } from './harness.js';

/**
 * Issue 21 §5: the README's "Moving between SQLite and PostgreSQL" section, run as written —
 * SQLite → PostgreSQL → SQLite — in a fresh app folder. Only three things are put in: `npx sila`
 * is this checkout's command (from source), `createdb` makes the database on the test's server,
 * and `npx sila serve` starts the server, waits until `/readyz` says ready (the keys open the
 * data), then stops it with SIGTERM. The database URL and name are the test's own. It needs a
 * PostgreSQL server, so it runs in the PostgreSQL project (CI runs both).
 */
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const README_URL = 'postgres://sila:secret@localhost:5432/sila';

/** The shell blocks of the README's move section, in order. */
function moveSectionBlocks(): string[] {
  const start = README.indexOf('### Moving between SQLite and PostgreSQL');
  const end = README.indexOf('\n## ', start);
  const section = README.slice(start, end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

const SHIMS = `
set -e
npx() {
  if [ "$1" != sila ]; then command npx "$@"; return; fi
  shift
  if [ "$1" = serve ]; then
    node --import "$TSX_LOADER" "$ENTRY" serve & pid=$!
    for _ in $(seq 1 240); do
      if node -e "fetch('http://127.0.0.1:' + process.env.PORT + '/readyz').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"; then
        kill -TERM $pid; wait $pid || true; echo "README-MOVE: served and ready"; return 0
      fi
      kill -0 $pid 2>/dev/null || { echo "README-MOVE: serve exited"; return 1; }
      sleep 1
    done
    kill -KILL $pid; return 1
  fi
  node --import "$TSX_LOADER" "$ENTRY" "$@"
}
createdb() {
  node -e "const c = new (require('pg').Client)(process.env.SILA_TEST_PG_URL); c.connect().then(() => c.query('create database ' + process.argv[1])).then(() => c.end())" "$1"
}
`;

const appFolder = mkdtempSync(path.join(tmpdir(), 'sila-readme-move-'));
const database = `sila_move_${uuidv7().replaceAll('-', '').slice(-12)}`;

afterAll(async () => {
  rmSync(appFolder, { recursive: true, force: true });
  const adminUrl = process.env.SILA_TEST_PG_URL;
  if (!adminUrl) return;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`drop database if exists ${database} with (force)`);
  await client.end();
});

function bash(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd: appFolder, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the README's commands did not finish:\n${output}`));
    }, 540_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe.runIf(ENGINE === 'postgres')(`the README's move section, run as written: SQLite → PostgreSQL → SQLite [${ENGINE}]`, () => {
  it('every step works and each server comes up ready on its moved data', async () => {
    const blocks = moveSectionBlocks();
    expect(blocks).toHaveLength(2);
    const adminUrl = new URL(process.env.SILA_TEST_PG_URL as string);
    const url = new URL(adminUrl.toString());
    url.pathname = `/${database}`;

    // The old installation: SQLite in ./data, with an administrator (and the keys it generated).
    const made = await sila(['create-admin', 'boss'], {}, { cwd: appFolder });
    expect(made.code, made.stderr).toBe(0);

    const script = [SHIMS, ...blocks].join('\n').replaceAll(README_URL, url.toString()).replaceAll('createdb sila', `createdb ${database}`);
    const run = await bash(script, {
      TSX_LOADER,
      ENTRY,
      PORT: String(await freePort()),
      SILA_TEST_PG_URL: adminUrl.toString(),
      NODE_PATH: path.join(ROOT, 'node_modules'),
      LOG_LEVEL: 'warn',
    });
    expect(run.code, run.output).toBe(0);
    // Two restores, and a server ready on PostgreSQL and again on SQLite.
    expect(run.output.match(/Restored \d+ rows/g), run.output).toHaveLength(2);
    expect(run.output.match(/README-MOVE: served and ready/g), run.output).toHaveLength(2);

    // The administrator made on SQLite reached PostgreSQL.
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const { rows } = await client.query('select username from staff_users');
    await client.end();
    expect(rows.map((r) => r.username)).toEqual(['boss']);
  }, 600_000);
});
