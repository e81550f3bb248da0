// `npm start`: builds what is not built yet (or is older than the sources), then serves.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveInChild } from '../bin/serve-child.mjs';
import { serverHeapArgs } from '../bin/server-heap.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const builtMarkers = [path.join(root, 'dist/server/cli/index.js'), path.join(root, 'dist/web/staff.html')];
const isBuilt = builtMarkers.every((file) => existsSync(file));
const isStale = isBuilt && newest(path.join(root, 'src')) > Math.min(...builtMarkers.map((f) => statSync(f).mtimeMs));
if (!isBuilt || isStale) {
  console.log(isBuilt ? 'Sources changed since the last build: building…' : 'First start: building Sila…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
// The heap limit given here, so bin/sila.mjs serves in this child rather than starting another.
// Not spawnSync: this process must stay able to pass SIGTERM on (serve-child.mjs).
serveInChild([...serverHeapArgs(), path.join(root, 'bin/sila.mjs'), 'serve', ...process.argv.slice(2)], { cwd: root });
