#!/usr/bin/env node
// The `sila` command: runs the compiled server (npm run build makes dist/server).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'server', 'cli', 'index.js');
if (!existsSync(compiled)) {
  console.error('Sila is not built yet: run `npm run build` (npm start does it for you).');
  process.exit(1);
}
const { main } = await import(pathToFileURL(compiled).href);
const code = await main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
