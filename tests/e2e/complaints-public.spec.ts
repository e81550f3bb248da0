import type { Browser, Page } from '@playwright/test';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';

/**
 * Issue 6 §1, §3 (E1): an anonymous visitor on a 360 px phone files a complaint in Arabic with a
 * photo, gets the reference and tracking code, and checks the status on the tracking page.
 * Screenshots for people to look at: SILA_SHOTS=/tmp/dir.
 */
serveSilaForThisFile();

const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), Buffer.alloc(2048, 9)]);
const shots = process.env.SILA_SHOTS;

async function phone(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 360, height: 740 },
    locale: 'ar-SA',
    timezoneId: 'Asia/Riyadh',
    hasTouch: true,
    isMobile: true,
  });
  return context.newPage();
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

test('a visitor files a complaint in Arabic with a photo and follows it by tracking code (E1)', async ({ browser, sila }) => {
  const page = await phone(browser, sila.url);
  await page.goto('/');
  await page.getByRole('link', { name: 'الشكاوى والاستفسارات' }).click();
  await expect(page).toHaveURL(/\/complaints\/new$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: 'الشكاوى والاستفسارات' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoSeriousViolations(page, '/complaints/new');
  if (shots) await page.screenshot({ path: `${shots}/complaints-new-360.png`, fullPage: true });

  // Sent empty: one clear Arabic sentence per field, and a summary that takes the focus.
  await page.getByRole('button', { name: 'إرسال' }).click();
  await expect(page.locator('#error-summary')).toBeFocused();
  await expect(page.locator('#name-error')).toHaveText('هذا الحقل مطلوب.');
  await expect(page.locator('#mobile-error')).toHaveText('اكتب رقم الجوال أو البريد الإلكتروني لنرسل إليك الأخبار.');
  await expect(page.locator('#description-error')).toHaveText('هذا الحقل مطلوب.');
  await expect(page.locator('#consent-error')).toHaveText('يلزم الاطلاع على إشعار الخصوصية والموافقة عليه.');
  await expectNoSeriousViolations(page, '/complaints/new with errors');
  if (shots) await page.screenshot({ path: `${shots}/complaints-new-errors-360.png`, fullPage: true });

  // Anonymous: name and ID number disappear; no contact is needed.
  await page.getByLabel('أرغب في تقديم الشكوى دون ذكر اسمي').check();
  await expect(page.getByLabel('الاسم', { exact: true })).toBeHidden();
  await page.getByRole('combobox', { name: 'الموضوع' }).selectOption({ label: 'تأخر الخدمة أو الرد' });
  await page.getByLabel('ماذا حدث؟').fill('تأخر الرد على طلب المساعدة أكثر من شهر، ولم يتواصل معنا أحد.');
  await page.getByLabel('ما الحل الذي تطلبه؟ (اختياري)').fill('الرد على الطلب');
  await page.getByLabel('المرفقات (اختياري)').setInputFiles({ name: 'صورة الإيصال.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
  await expect(page.locator('#attachment-list li')).toContainText('تم الرفع');
  await page.getByLabel('قرأت إشعار الخصوصية وأوافق عليه').check();
  await page.getByRole('button', { name: 'إرسال' }).click();

  const receipt = page.locator('#receipt');
  await expect(receipt.getByRole('heading', { name: 'استلمنا شكواك' })).toBeVisible();
  await expect(receipt).toBeFocused();
  const reference = (await page.locator('#receipt-reference').textContent()) ?? '';
  const code = (await page.locator('#receipt-code').textContent()) ?? '';
  expect(reference).toMatch(/^CMP-\d{4}-\d{6}$/);
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await page.getByRole('button', { name: 'نسخ الرمز' }).click();
  await expect(page.locator('#copy-status')).toHaveText('نُسخ الرمز');
  await expectNoSidewaysScroll(page);
  await expectNoSeriousViolations(page, 'the receipt');
  if (shots) await page.screenshot({ path: `${shots}/complaints-receipt-360.png`, fullPage: true });

  // The tracking link carries the code after '#': the page looks it up at once.
  await page.getByRole('link', { name: 'متابعة الحالة' }).click();
  await expect(page).toHaveURL(/\/complaints\/track#[0-9A-Z]{16}$/);
  await expect(page.locator('#result-reference')).toHaveText(reference);
  await expect(page.locator('#result-status')).toHaveText('سُجّل استلامها');
  await expect(page.locator('#result-timeline li')).toHaveCount(2);
  // Issue 20 §5: anonymous, with no contact given, nothing was sent — and the page does not claim otherwise.
  await expect(page.locator('#result-messages-block')).toBeHidden();
  await expect(page.locator('#result-response')).toHaveText('لم يصدر رد بعد. سنرسله إليك عبر القناة التي ذكرتها.');
  await expect(page.locator('main')).not.toContainText('تأخر الرد');
  await expectNoSidewaysScroll(page);
  await expectNoSeriousViolations(page, '/complaints/track with a result');
  if (shots) await page.screenshot({ path: `${shots}/complaints-track-360.png`, fullPage: true });

  // Typed by hand, in lower case with spaces: the same complaint; a wrong code: one clear sentence.
  await page.goto('/complaints/track');
  await page.getByLabel('رمز التتبع').fill(code.toLowerCase().replaceAll('-', ' '));
  await page.getByRole('button', { name: 'عرض الحالة' }).click();
  await expect(page.locator('#result-reference')).toHaveText(reference);
  await page.getByLabel('رمز التتبع').fill('AAAA-BBBB-CCCC-DDDD');
  await page.getByRole('button', { name: 'عرض الحالة' }).click();
  await expect(page.locator('#trackingCode-error')).toHaveText('لم نجد شكوى أو استفسارًا بهذا الرمز. تحقّق من الرمز وحاول مجددًا.');
  await expectNoSeriousViolations(page, '/complaints/track with an error');
  await page.context().close();
});

test('an inquiry in English: the switch keeps the page, the receipt names the inquiry (C1)', async ({ browser, sila }) => {
  const page = await phone(browser, sila.url);
  await page.goto('/complaints/new');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await page.getByRole('radio', { name: 'Inquiry' }).check();
  await expect(page.getByRole('checkbox', { name: 'I want to file the complaint without giving my name' })).toBeHidden();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Saad Al-Harbi');
  await page.getByRole('textbox', { name: 'Mobile number' }).fill('055123456');
  await page.getByRole('combobox', { name: 'Topic' }).selectOption({ label: 'Eligibility and services' });
  await page.getByRole('textbox', { name: 'What would you like to ask?' }).fill('What are the conditions to join the training programme?');
  await page.getByRole('checkbox', { name: 'I have read and accept the privacy notice' }).check();
  await page.getByRole('button', { name: 'Send' }).click();
  // The server's check, shown under its field in English.
  await expect(page.locator('#mobile-error')).toHaveText('Enter a valid Saudi mobile number, such as 0551234567.');
  await page.getByRole('textbox', { name: 'Mobile number' }).fill('0551234567');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('heading', { name: 'We received your inquiry' })).toBeVisible();
  await expect(page.locator('#receipt-reference')).toHaveText(/^INQ-\d{4}-\d{6}$/);
  await expectNoSeriousViolations(page, '/complaints/new?lang=en receipt');
  if (shots) await page.screenshot({ path: `${shots}/inquiry-receipt-en-360.png`, fullPage: true });
  await page.getByRole('link', { name: 'Follow its status' }).click();
  // G1: an inquiry goes to its contact officer (or a queue) as it arrives, so it is already in progress.
  await expect(page.locator('#result-status')).toHaveText('In progress');
  await page.context().close();
});
