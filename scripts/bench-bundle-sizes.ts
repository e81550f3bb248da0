import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Bundle budgets (issue 7 §5): after `vite build`, prints the gzipped JavaScript each entry loads
 * first (its file and every static import, read from Vite's manifest) and fails the build when a
 * public page is over its budget. Lazy routes of the staff app (dynamic imports) are not first load.
 */
const KB = 1024;
/** The staff app; every other entry is a public page (home, /complaints/new, /portal…). */
const STAFF_ENTRY = 'staff';
const STAFF_BUDGET = 400 * KB;
const PUBLIC_BUDGET = 100 * KB;

interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
}

export interface EntrySize {
  entry: string;
  files: number;
  gzipBytes: number;
  budgetBytes: number;
}

/** First-load gzipped JavaScript of each entry of a built manifest. */
export function entrySizes(outDir: string): EntrySize[] {
  const manifestFile = path.join(outDir, '.vite/manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  const gzipped = new Map<string, number>();
  const sizeOf = (file: string) => {
    let size = gzipped.get(file);
    if (size === undefined) {
      const full = path.join(outDir, file);
      size = existsSync(full) ? gzipSync(readFileSync(full), { level: 9 }).length : 0;
      gzipped.set(file, size);
    }
    return size;
  };
  const sizes: EntrySize[] = [];
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isEntry || !chunk.file.endsWith('.js')) continue;
    const seen = new Set<string>();
    const visit = (k: string) => {
      const c = manifest[k];
      if (!c || seen.has(c.file)) return;
      seen.add(c.file);
      for (const next of c.imports ?? []) visit(next);
    };
    visit(key);
    const entry = chunk.name ?? key;
    const files = [...seen].filter((f) => f.endsWith('.js'));
    sizes.push({
      entry,
      files: files.length,
      gzipBytes: files.reduce((sum, f) => sum + sizeOf(f), 0),
      budgetBytes: entry === STAFF_ENTRY ? STAFF_BUDGET : PUBLIC_BUDGET,
    });
  }
  return sizes.sort((a, b) => a.entry.localeCompare(b.entry));
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

export function bundleBudgets(): Plugin {
  let outDir = '';
  return {
    name: 'sila-bundle-budgets',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      if (!existsSync(path.join(outDir, '.vite/manifest.json'))) return;
      const sizes = entrySizes(outDir);
      const lines = sizes.map(
        (s) =>
          `  ${s.entry.padEnd(12)} ${kb(s.gzipBytes).padStart(10)} gzipped JS, first load (${s.files} file${s.files === 1 ? '' : 's'}); budget ${kb(s.budgetBytes)}${s.gzipBytes > s.budgetBytes ? '  OVER' : ''}`,
      );
      console.log(`\nFirst-load JavaScript of each entry (issue 7 §5):\n${lines.join('\n')}\n`);
      const over = sizes.filter((s) => s.gzipBytes > s.budgetBytes);
      const publicOver = over.filter((s) => s.entry !== STAFF_ENTRY);
      if (publicOver.length)
        this.error(
          `Public pages over their ${kb(PUBLIC_BUDGET)} budget: ${publicOver.map((s) => `${s.entry} ${kb(s.gzipBytes)}`).join(', ')}`,
        );
      if (over.length) this.warn(`The staff app's first load is over ${kb(STAFF_BUDGET)}`);
    },
  };
}
