import { expect, type Page } from '@playwright/test';
import { totpCodeAt } from '../../../src/platform/crypto/totp.js';
import { copy } from './copy.js';

/** A password the policy accepts (long, uncommon, not the username). */
export const NEW_PASSWORD = 'قهوة الصباح مع التمر 2026';

const STEP_MS = 30_000;
let lastCodeStep = new Map<string, number>();

/**
 * A TOTP code the server accepts now and has not accepted before. A code's 30-second step is accepted
 * once (by design), and the server accepts a code from one step either side of its clock
 * (platform/crypto/totp.ts), as it would from a phone whose clock runs a little ahead. So when this
 * secret already used the current step, the code is the next step's: the next sign-in needs no real
 * 30-second wait. Only a third code within one step would have to wait for the clock (no journey does).
 */
export async function freshTotpCode(secret: string): Promise<string> {
  const key = secret.replace(/\s/g, '');
  const last = lastCodeStep.get(key);
  let step = Math.floor(Date.now() / STEP_MS);
  if (last !== undefined && step <= last) {
    step = last + 1;
    const wait = (step - 1) * STEP_MS - Date.now() + 500;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  lastCodeStep.set(key, step);
  return totpCodeAt(key, new Date(step * STEP_MS));
}

/** The code this secret last answered with (its step is used: the server must refuse it again). */
export function usedTotpCode(secret: string): Promise<string> {
  const key = secret.replace(/\s/g, '');
  const last = lastCodeStep.get(key);
  if (last === undefined) throw new Error('No code was used for this secret yet');
  return totpCodeAt(key, new Date(last * STEP_MS));
}

export function forgetTotpSteps(): void {
  lastCodeStep = new Map();
}

/** The input labelled exactly with this text (Mantine appends " *" to required fields' labels). */
export function field(page: Page, key: string, values: Record<string, string> = {}, language: 'ar' | 'en' = 'ar') {
  const text = copy(key, values, language).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^${text}( \\*)?$`));
}

export async function signIn(page: Page, username: string, password: string, language: 'ar' | 'en' = 'ar'): Promise<void> {
  await page.goto('/staff');
  await expect(page.getByRole('heading', { name: copy('auth.signIn.title', {}, language) })).toBeVisible();
  await field(page, 'auth.signIn.username', {}, language).fill(username);
  await field(page, 'auth.signIn.password', {}, language).fill(password);
  await page.getByRole('button', { name: copy('auth.signIn.submit', {}, language) }).click();
}

/** The first-sign-in password change: the temporary password, then the new one twice. */
export async function changeFirstPassword(page: Page, temporary: string, next = NEW_PASSWORD, language: 'ar' | 'en' = 'ar'): Promise<void> {
  await expect(page.getByRole('heading', { name: copy('auth.firstPassword.title', {}, language) })).toBeVisible();
  await field(page, 'auth.firstPassword.current', {}, language).fill(temporary);
  await field(page, 'auth.password.new', {}, language).fill(next);
  await field(page, 'auth.password.confirm', {}, language).fill(next);
  await page.getByRole('button', { name: copy('auth.password.submit', {}, language) }).click();
}

/** Reads the key shown for manual entry, as a person would type it into their app, and answers with a code. */
export async function enrolAuthenticator(page: Page): Promise<string> {
  await expect(page.getByRole('heading', { name: copy('auth.enrolment.title') })).toBeVisible();
  const shown = await page.getByTestId('totp-secret').textContent();
  const secret = (shown ?? '').replace(/\s/g, '');
  await field(page, 'auth.enrolment.code').fill(await freshTotpCode(secret));
  await page.getByRole('button', { name: copy('auth.enrolment.submit') }).click();
  return secret;
}

export async function expectHome(page: Page, displayName: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: copy('home.welcome', { name: displayName }) })).toBeVisible();
}

/** The first administrator's whole first sign-in; returns their authenticator secret. */
export async function firstAdministratorSignIn(page: Page, admin: { username: string; oneTimePassword: string }): Promise<string> {
  await signIn(page, admin.username, admin.oneTimePassword);
  await changeFirstPassword(page, admin.oneTimePassword);
  const secret = await enrolAuthenticator(page);
  await expectHome(page, 'مدير النظام');
  return secret;
}
