import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';

/**
 * Issue 27 §6 (X2): counts of working days agree with their number in Arabic through i18next's
 * plural forms — not "5 يوم عمل" or "1 من أيام العمل".
 */
const read = (file: string) => JSON.parse(readFileSync(path.resolve(file), 'utf8')) as Record<string, unknown>;

async function translator(area: string, language: 'ar' | 'en') {
  const instance = i18next.createInstance();
  await instance.init({ lng: language, resources: { [language]: { translation: read(`src/web/${area}/i18n/${language}.json`) } } });
  return (key: string, count: number) => instance.t(key, { n: String(count), count });
}

describe('working-day counts agree with their number (issue 27 §6)', () => {
  it('a request type’s reply rule in Arabic', async () => {
    const t = await translator('requests', 'ar');
    expect(t('clock.rule', 1)).toContain('خلال يوم عمل واحد');
    expect(t('clock.rule', 2)).toContain('خلال يومَي عمل');
    expect(t('clock.rule', 5)).toContain('خلال 5 أيام عمل');
    expect(t('clock.rule', 15)).toContain('خلال 15 يوم عمل');
  });

  it('a complaint’s deadline and an inquiry’s, in Arabic and English', async () => {
    const complaint = await translator('complaints', 'ar');
    expect(complaint('clock.rule', 1)).toBe('المهلة: يوم عمل واحد');
    expect(complaint('clock.rule', 7)).toBe('المهلة: 7 أيام عمل');
    const inquiry = await translator('inquiries', 'ar');
    expect(inquiry('page.clockRule', 3)).toContain('خلال 3 أيام عمل');
    const english = await translator('inquiries', 'en');
    expect(english('page.clockRule', 1)).toContain('within 1 working day of');
    expect(english('page.clockRule', 5)).toContain('within 5 working days of');
  });

  it('the oversight median under an hour reads as words in both languages', async () => {
    expect((await translator('oversight', 'ar'))('hours', 0)).toBe('أقل من ساعة');
    expect((await translator('oversight', 'en'))('hours', 0)).toBe('less than an hour');
    expect((await translator('oversight', 'ar'))('hours', 2)).toBe('ساعتان');
  });
});
