import { describe, expect, it } from 'vitest';
import { NOTIFICATION_EVENTS } from '../../src/contracts/notifications.js';
import { CHANNELS_WITH_SUBJECT, EVENTS } from '../../src/modules/notifications/notifications.events.js';
import { backoffMs, MAX_ATTEMPTS } from '../../src/modules/notifications/outbox.dispatcher.js';
import { maskAddress } from '../../src/modules/notifications/outbox.service.js';
import { defaultTemplate } from '../../src/modules/notifications/templates.defaults.js';
import { checkTemplate, placeholdersIn, renderTemplate } from '../../src/modules/notifications/templates.render.js';
import { escapeHtml, textToHtml } from '../../src/platform/transports/smtp.js';

/** Issue 4 §7: placeholders checked when saved, rendered as written; the shipped defaults pass their own checks. */
const allowed = ['familyName', 'reference', 'deadline'];

describe('checkTemplate', () => {
  it.each([
    ['السلام عليكم {{familyName}}، طلبكم {{reference}}', []],
    ['spaces inside {{ familyName }} are fine', []],
    ['no placeholders at all', []],
  ])('accepts %s', (text, issues) => {
    expect(checkTemplate(text, { allowed })).toEqual(issues);
  });

  it('names an unknown placeholder once, however often it appears', () => {
    const issues = checkTemplate('{{famlyName}} {{famlyName}} {{reference}}', { allowed });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'template.unknown-placeholder', placeholder: 'famlyName' });
    expect(issues[0]?.detail).toContain('{{famlyName}}');
    expect(issues[0]?.detail).toContain('{{familyName}}');
  });

  it.each([
    ['{{family-name}}', '{{family-name}}'],
    ['{{}}', '{{}}'],
    ['{{1}}', '{{1}}'],
    ['Hello {{familyName}', null],
    ['Hello familyName}}', null],
    ['{{familyName {{reference}}', null],
  ])('refuses the malformed %s', (text, placeholder) => {
    expect(checkTemplate(text, { allowed })).toContainEqual(
      expect.objectContaining({ code: 'template.malformed-placeholder', placeholder }),
    );
  });

  it('requires the placeholders an event needs', () => {
    expect(checkTemplate('رمزكم', { allowed: ['code'], required: ['code'] })).toEqual([
      expect.objectContaining({ code: 'template.missing-placeholder', placeholder: 'code' }),
    ]);
    expect(checkTemplate('رمزكم {{code}}', { allowed: ['code'], required: ['code'] })).toEqual([]);
  });
});

describe('renderTemplate', () => {
  it('fills placeholders with the values as given, empty when missing, trimming loose ends', () => {
    expect(
      renderTemplate('طلبكم {{reference}} موعده {{ deadline }}  \n{{link}}', { reference: 'REQ-2026-000001', deadline: '2026-04-06' }),
    ).toBe('طلبكم REQ-2026-000001 موعده 2026-04-06');
  });

  it('never interprets a value as a placeholder or markup unless asked to escape', () => {
    expect(renderTemplate('{{familyName}}', { familyName: '{{reference}} <b>' }, escapeHtml)).toBe('{{reference}} &lt;b&gt;');
    expect(renderTemplate('{{familyName}}', { familyName: '{{reference}}' })).toBe('{{reference}}');
  });

  it('lists placeholders in order of appearance, repeats included (WhatsApp parameters)', () => {
    expect(placeholdersIn('{{familyName}} {{reference}} {{ familyName }} {{bad-name}}')).toEqual(['familyName', 'reference', 'familyName']);
  });
});

describe('the shipped templates', () => {
  const cases = NOTIFICATION_EVENTS.flatMap((event) =>
    EVENTS[event].channels.flatMap((channel) => (['ar', 'en'] as const).map((language) => ({ event, channel, language }))),
  );

  it.each(cases)('$event $channel $language passes the editor’s checks', ({ event, channel, language }) => {
    const template = defaultTemplate(event, channel, language);
    expect(template).not.toBeNull();
    const definition = EVENTS[event];
    expect(checkTemplate(template?.body ?? '', { allowed: definition.placeholders, required: definition.requiredPlaceholders })).toEqual(
      [],
    );
    if (CHANNELS_WITH_SUBJECT.includes(channel)) {
      if (channel === 'email') expect(template?.subject).toBeTruthy();
      expect(checkTemplate(template?.subject ?? '', { allowed: definition.placeholders })).toEqual([]);
    } else expect(template?.subject).toBeNull();
    expect(Boolean(template?.whatsappTemplate)).toBe(channel === 'whatsapp');
  });

  it('issue 20 §7: sends sign-in codes by SMS, WhatsApp or e-mail (the portal names which), as sensitive, with a lifetime', () => {
    expect(EVENTS['auth.one-time-code']).toMatchObject({ channels: ['sms', 'whatsapp', 'email'], isSensitive: true, ttlMinutes: 10 });
    expect(EVENTS['auth.one-time-code'].fixedChannel).toBeUndefined();
    expect(EVENTS['request.attestation-code']).toMatchObject({ channels: ['sms'], fixedChannel: 'sms', isSensitive: true, ttlMinutes: 10 });
  });
});

describe('delivery helpers', () => {
  it('backs off 1, 5, 25, 125 minutes, then every 6 hours', () => {
    expect(Array.from({ length: MAX_ATTEMPTS }, (_, i) => backoffMs(i + 1) / 60_000)).toEqual([1, 5, 25, 125, 360, 360, 360, 360]);
  });

  it('masks addresses in lists', () => {
    expect(maskAddress('+966551234567')).toBe('+9665•••••567');
    expect(maskAddress('fatima@example.org')).toBe('f•••@example.org');
    expect(maskAddress('حي الفيصلية\nالدمام')).toBe('•••');
    expect(maskAddress(null)).toBeNull();
  });

  it('writes e-mail HTML escaped and in the message’s direction', () => {
    const html = textToHtml('السلام عليكم <أسرة>\n\nسطر & آخر', 'ar');
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('<p>السلام عليكم &lt;أسرة&gt;</p>');
    expect(html).toContain('<p>سطر &amp; آخر</p>');
    expect(textToHtml('Hello', 'en')).toContain('dir="ltr"');
  });
});
