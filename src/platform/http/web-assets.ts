import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The built files a light public page links: its entry's script and every stylesheet it needs. */
export interface EntryAssets {
  css: string[];
  scripts: string[];
}

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
}

/**
 * Reads an entry (`complaints-public/main.ts`, `public/public.ts`) from vite's manifest. The CSS of
 * the chunks it imports is included: when two entries import the same stylesheet, vite moves it into
 * their shared chunk, and a page that linked only its entry's own CSS lost it (the complaint form did).
 */
export function entryAssets(webDir: string | undefined, entryName: string): EntryAssets {
  const manifestPath = webDir ? path.join(webDir, '.vite', 'manifest.json') : undefined;
  if (!manifestPath || !existsSync(manifestPath)) return { css: [], scripts: [] };
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  const entry = manifest[entryName];
  if (!entry) return { css: [], scripts: [] };
  const css = new Set<string>();
  const seen = new Set<string>();
  const collect = (name: string) => {
    const chunk = manifest[name];
    if (seen.has(name) || !chunk) return;
    seen.add(name);
    for (const imported of chunk.imports ?? []) collect(imported);
    for (const file of chunk.css ?? []) css.add(`/${file}`);
  };
  collect(entryName);
  return { css: [...css], scripts: [`/${entry.file}`] };
}
