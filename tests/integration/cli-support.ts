import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The real `sila` command as a child process, from source (src/cli/dev-entry.ts, what `npm run sila`
 * runs): shared by cli.test.ts and cli-operator.test.ts. Node runs it with tsx's loader (`node
 * --import tsx`), not under the tsx command: that one relays a signal to its child and kills the
 * child if it has not acknowledged within 30 ms — on a busy machine, a SIGTERM test's flake.
 */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TSX_LOADER = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
export const ENTRY = path.join(ROOT, 'src', 'cli', 'dev-entry.ts');

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Only what the command needs: none of the test runner's own variables leak into it. */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SystemRoot'];
  return { ...Object.fromEntries(keep.filter((k) => process.env[k]).map((k) => [k, process.env[k]])), NO_COLOR: '1', ...env };
}

export function start(args: string[], env: Record<string, string>, { cwd = ROOT }: { cwd?: string } = {}): ChildProcess {
  return spawn(process.execPath, ['--import', TSX_LOADER, ENTRY, ...args], { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Collects a child's output until it ends (killed after `timeoutMs`: generous, CI machines are small and busy). */
export function finished(child: ChildProcess, what: string, timeoutMs = 180_000): Promise<Result> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what} did not finish:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export function sila(args: string[], env: Record<string, string>, options: { cwd?: string } = {}): Promise<Result> {
  return finished(start(args, env, options), `sila ${args.join(' ')}`);
}

/** Resolves once `text` appears in the child's stdout; rejects if it exits first or after 3 minutes. */
export function waitForOutput(child: ChildProcess, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(() => reject(new Error(`"${text}" did not appear:\n${output}\n${errors}`)), 180_000);
    child.stderr?.on('data', (chunk) => {
      errors += chunk;
    });
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      if (output.includes(text)) {
        clearTimeout(timer);
        resolve(output);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before "${text}":\n${output}\n${errors}`));
    });
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Whether something listens on the port (the server has not let it go). */
export function isPortTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

/** Runs the commands a few at a time (each child compiles the app: a small machine has few cores), results in order. */
export async function runAll<T>(tasks: ReadonlyArray<() => Promise<T>>, limit = 4): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < tasks.length; i = next++) results[i] = await (tasks[i] as () => Promise<T>)();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
