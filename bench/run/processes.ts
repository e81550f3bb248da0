import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverHeapArgs } from '../../bin/server-heap.mjs';
import type { Target } from './options.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Server {
  name: string;
  child: ChildProcess;
  pid: number;
  url: string;
  /** The last lines the process printed (shown when a step fails). */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/** dist/server when `npm run build` made it after the last change to src/, else src/ through tsx. */
export function silaEntry(isFromSource: boolean): { args: string[]; isBuilt: boolean } {
  const built = path.join(ROOT, 'dist/server/cli/index.js');
  const isFresh = existsSync(built) && statSync(built).mtimeMs >= newest(path.join(ROOT, 'src'));
  // As npm start runs it: with the server's heap limit (bin/server-heap.mjs), unless the bench's own
  // node flags give one (BENCH_SERVER_NODE_ARGS, placed before these).
  const heap = serverHeapArgs(process.env, process.env.BENCH_SERVER_NODE_ARGS?.split(' ') ?? []);
  if (!isFromSource && isFresh) return { args: [...heap, path.join(ROOT, 'bin/sila.mjs'), 'serve'], isBuilt: true };
  return { args: [...heap, '--import', 'tsx', path.join(ROOT, 'src/cli/dev-entry.ts'), 'serve'], isBuilt: false };
}

export function databaseEnv(target: Target): NodeJS.ProcessEnv {
  return target.engine === 'postgres'
    ? { DATABASE_URL: target.url }
    : { DATABASE_URL: `sqlite:${target.file}`, SILA_DATA_DIR: target.dataDir };
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode} before it was ready:\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The server was not ready after ${timeoutMs / 1000} s:\n${output()}`);
}

/** Starts a Node process serving HTTP on a fresh port and waits until `readyPath` answers 200. */
export async function startServer(name: string, args: string[], env: NodeJS.ProcessEnv, readyPath: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-3000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${url}${readyPath}`, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    name,
    child,
    pid: child.pid as number,
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Peak resident memory of a process since start or the last reset, in MB (VmHWM). */
export function peakRssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/** Resets VmHWM to the current RSS (Linux clear_refs 5), so each path reports its own peak. */
export function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not Linux, or not allowed: the peak then counts from the start of the process
  }
}
