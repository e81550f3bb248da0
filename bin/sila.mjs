#!/usr/bin/env node
// The `sila` command: runs the compiled server (npm run build makes dist/server).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serveInChild } from './serve-child.mjs';
import { serverHeapArgs } from './server-heap.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'server', 'cli', 'index.js');
if (!existsSync(compiled)) {
  console.error('Sila is not built yet: run `npm run build` (npm start does it for you).');
  process.exit(1);
}
const args = process.argv.slice(2);
const heap = args[0] === 'serve' ? serverHeapArgs() : [];
if (heap.length) {
  // V8's heap limit is fixed when the process starts: serve again in a node given the limit
  // (signals and this process's end reach that server: serve-child.mjs).
  serveInChild([...heap, ...process.execArgv, fileURLToPath(import.meta.url), ...args]);
} else {
  const { main } = await import(pathToFileURL(compiled).href);
  const code = await main(args);
  if (code >= 0) process.exitCode = code;
}
