// `sila serve` in a child node process (bin/sila.mjs gives it its heap limit; scripts/start.mjs
// builds first). Whoever stops the parent stops the server, gracefully:
// - SIGINT, SIGTERM and SIGHUP to the parent are passed on, once. The child has its own process
//   group, so a Ctrl-C in a terminal reaches it through here only, not twice.
// - A parent that ends any other way (SIGKILL, a crash) closes the child's IPC channel, and the
//   server shuts down on 'disconnect' (src/cli/index.ts).
// - This process's own parent may end without passing a signal on: npm passes SIGTERM to the
//   shell it runs `sila serve` or `node scripts/start.mjs` in, and dash, not exec-ing its last
//   command, just dies. A parent found gone is taken as SIGTERM.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const PARENT_CHECK_MS = 500;
const REPEAT_MS = 1000;

/** Runs node with `args` as the server; this process ends with the child's exit code. */
export function serveInChild(args, { cwd } = {}) {
  const child = spawn(process.execPath, args, { cwd, stdio: ['inherit', 'inherit', 'inherit', 'ipc'], detached: true });
  // The same signal twice within a moment is one request (npm passes on a Ctrl-C the terminal
  // already sent here too); the server takes a second one as "stop now".
  const lastPassed = new Map();
  const pass = (signal) => {
    const now = Date.now();
    if (now - (lastPassed.get(signal) ?? 0) < REPEAT_MS) return;
    lastPassed.set(signal, now);
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of FORWARDED) process.on(signal, () => pass(signal));
  // process.ppid is read once at start-up: ask whether that parent is still there.
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (isAlive(parent)) return;
    clearInterval(watch);
    pass('SIGTERM');
  }, PARENT_CHECK_MS);
  watch.unref();
  child.on('error', (error) => {
    console.error(`sila: cannot start the server: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (constants.signals[signal] ?? 1));
  });
  return child;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
