import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { shot, shotsWanted } from './shots.js';

/**
 * Shared pieces of the requests and committees journeys (issue 5): their screens' own texts in both
 * languages, fields found by their labels, the signature drawn with the mouse, a small PDF, and staff
 * accounts created through the API the users screen uses.
 */
type Texts = { [key: string]: string | Texts };
const load = (file: string) => JSON.parse(readFileSync(path.resolve(file), 'utf8')) as Texts;
const sources = {
  requests: { ar: load('src/web/requests/i18n/ar.json'), en: load('src/web/requests/i18n/en.json') },
  committees: { ar: load('src/web/committees/i18n/ar.json'), en: load('src/web/committees/i18n/en.json') },
  complaints: { ar: load('src/web/complaints/i18n/ar.json'), en: load('src/web/complaints/i18n/en.json') },
};

function text(source: Texts, key: string, values: Record<string, string> = {}): string {
  let node: string | Texts | undefined = source;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}

/** The requests screens' text (`src/web/requests/i18n/<language>.json`). */
export const rq = (key: string, values?: Record<string, string>, language: 'ar' | 'en' = 'ar') =>
  text(sources.requests[language], key, values);
/** The complaints screens' text. */
export const cp = (key: string, values?: Record<string, string>, language: 'ar' | 'en' = 'ar') =>
  text(sources.complaints[language], key, values);
/** The committees screens' text. */
export const cm = (key: string, values?: Record<string, string>, language: 'ar' | 'en' = 'ar') =>
  text(sources.committees[language], key, values);

export const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The input labelled exactly so (Mantine appends " *" to required labels). */
export const labelled = (page: Page, label: string) => page.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\*)?$`));
export const combo = (page: Page, label: string) => page.getByRole('combobox', { name: new RegExp(`^${escapeRegExp(label)}( \\*)?$`) });

export async function choose(page: Page, label: string, option: string): Promise<void> {
  await combo(page, label).click({ force: true });
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** A small valid PDF (the file store checks the magic bytes). */
const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

/** The PDF as a file the page's input receives from memory: journeys leave nothing in the temp folder. */
export function pdfFixture(name: string): { name: string; mimeType: string; buffer: Buffer } {
  return { name: `${Date.now()}-${name}`, mimeType: 'application/pdf', buffer: Buffer.from(PDF) };
}

/** The family signs on the pad with the mouse (C4). */
export async function drawSignature(page: Page): Promise<void> {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('no signature pad');
  await page.mouse.move(box.x + 40, box.y + 120);
  await page.mouse.down();
  for (const [dx, dy] of [
    [70, 60],
    [110, 140],
    [150, 70],
    [200, 150],
    [250, 90],
  ] as const)
    await page.mouse.move(box.x + dx, box.y + dy, { steps: 6 });
  await page.mouse.up();
  await expect(pad).toHaveAttribute('data-signed', 'true');
}

/**
 * One call to the API from the page, as its screens make it: the page's session cookie and the
 * session's CSRF token. For setting up what a journey does not walk through on screen.
 */
export async function callApi<T = unknown>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const response = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    { method, url, body },
  ) as Promise<{ status: number; body: T }>;
}

/** Creates a staff account from the administrator's page; answers its one-time password. */
export async function createStaff(admin: Page, user: { username: string; displayName: string; roles: string[] }): Promise<string> {
  const created = await callApi<{ oneTimePassword?: string }>(admin, 'POST', '/api/v1/staff/users', {
    ...user,
    scope: { categories: [], domains: [], offices: [] },
  });
  if (!created.body?.oneTimePassword) throw new Error(`user not created: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.oneTimePassword;
}

/**
 * A picture at 1280 px and one at 360 px (full page, `<name>-1280.png`, `<name>-360.png`), back at
 * 1280 px afterwards. Only when SILA_SHOTS asks for pictures: otherwise nothing, not even the resizes.
 */
export async function pictures(page: Page, name: string): Promise<void> {
  if (!shotsWanted) return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, `${name}-1280`, { fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await shot(page, `${name}-360`, { fullPage: true, settleMs: 600 });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(300);
}
