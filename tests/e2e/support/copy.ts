import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The interface's own texts, so journeys find things by what people read. */
type Texts = { [key: string]: string | Texts };

function load(language: 'ar' | 'en'): Texts {
  return JSON.parse(readFileSync(path.resolve(`src/web/i18n/${language}.json`), 'utf8')) as Texts;
}

const texts = { ar: load('ar'), en: load('en') };

/** `copy('auth.signIn.title')` → "تسجيل الدخول"; `{{name}}` placeholders filled from `values`. */
export function copy(key: string, values: Record<string, string> = {}, language: 'ar' | 'en' = 'ar'): string {
  let node: string | Texts | undefined = texts[language];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key} in ${language}.json`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}
