import type { SetupItem, SetupItemKey, SetupMark, SetupStatus, TestChannel } from '../../contracts/setup.js';
import { riyadhCalendarDay } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import { configuredChannels } from '../../platform/transports/index.js';
import { committeesReadiness } from '../committees/index.js';
import { listContactOfficers } from '../complaints/index.js';
import { listTaxonomy } from '../settings/index.js';
import { readMarks } from './setup.marks.js';

/**
 * The administrator's set-up checklist (issue 27 §7), each item ticking by one rule:
 * - the public address is set (`SILA_PUBLIC_URL`: links in messages, X2);
 * - SMS and e-mail are configured and each has sent a test message (one-time codes and staff
 *   e-mail need them); WhatsApp is optional, but once configured it must be tested too;
 * - every active committee has a chair who sits on it and at least its quorum of members (D2, E1);
 * - the contact-officer register leaves no (category × domain) cell without an officer (G1);
 * - an administrator marked the request types, and this year's holidays, reviewed (C6);
 * - `sila backup` ran at least once.
 */
const TRANSPORT_VARIABLES: Record<TestChannel, string> = {
  sms: 'SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN',
  email: 'SMTP_URL',
  whatsapp: 'WHATSAPP_TOKEN, WHATSAPP_PHONE_NUMBER_ID',
};
const OPTIONAL_TRANSPORTS: ReadonlySet<TestChannel> = new Set(['whatsapp']);

type Params = SetupItem['params'];

function item(
  key: SetupItemKey,
  isDone: boolean,
  reason: string,
  {
    params = {},
    link = null,
    canTest = false,
    mark = null,
  }: { params?: Params; link?: string | null; canTest?: boolean; mark?: SetupMark | null } = {},
): SetupItem {
  return { key, isDone, reason, params, link, canTest, mark };
}

function transportItem(ctx: AppContext, channel: TestChannel, marks: Map<string, SetupMark>): SetupItem {
  const key = `transport-${channel}` as const;
  const isConfigured = configuredChannels(ctx.config.transports)[channel];
  const tested = marks.get(`test-send:${channel}`) ?? null;
  if (!isConfigured)
    return OPTIONAL_TRANSPORTS.has(channel)
      ? item(key, true, 'transport.optional', { params: { variables: TRANSPORT_VARIABLES[channel] } })
      : item(key, false, 'transport.not-configured', { params: { variables: TRANSPORT_VARIABLES[channel] } });
  if (!tested) return item(key, false, 'transport.untested', { canTest: true });
  return item(key, true, 'transport.tested', { canTest: true, mark: tested });
}

async function committeesItem(ctx: AppContext): Promise<SetupItem> {
  const committees = await committeesReadiness(ctx);
  if (!committees.length) return item('committees', false, 'committees.none', { link: '/committees' });
  const unable = committees.filter((c) => !c.canMeet);
  if (!unable.length) return item('committees', true, 'committees.ready', { params: { count: committees.length }, link: '/committees' });
  return item('committees', false, 'committees.cannot-meet', {
    params: { count: unable.length, namesAr: unable.map((c) => c.nameAr).join('، '), namesEn: unable.map((c) => c.nameEn).join(', ') },
    link: '/committees',
  });
}

/** A cell is covered by an active entry for it, for its category (any domain) or its domain (any category), as routing reads the register. */
async function officersItem(ctx: AppContext): Promise<SetupItem> {
  const [categories, domains, { items: entries }] = await Promise.all([
    listTaxonomy(ctx.db, 'categories'),
    listTaxonomy(ctx.db, 'domains'),
    listContactOfficers(ctx),
  ]);
  const active = entries.filter((e) => e.isActive);
  const covers = (category: string, domain: string) =>
    active.some((e) => (e.category === category || e.category === null) && (e.domain === domain || e.domain === null));
  const empty: Array<{ ar: string; en: string }> = [];
  for (const category of categories.filter((c) => c.isActive))
    for (const domain of domains.filter((d) => d.isActive))
      if (!covers(category.code, domain.code))
        empty.push({ ar: `${category.nameAr} × ${domain.nameAr}`, en: `${category.nameEn} × ${domain.nameEn}` });
  if (!empty.length) return item('contact-officers', true, 'officers.covered', { link: '/contact-officers' });
  const shown = empty.slice(0, 3);
  return item('contact-officers', false, 'officers.empty-cells', {
    params: { count: empty.length, cellsAr: shown.map((c) => c.ar).join('، '), cellsEn: shown.map((c) => c.en).join(', ') },
    link: '/contact-officers',
  });
}

function reviewItem(key: 'request-types' | 'holidays', mark: SetupMark | null, link: string, params: Params): SetupItem {
  return mark
    ? item(key, true, 'reviewed.done', { params, link, mark })
    : item(key, false, key === 'holidays' ? 'reviewed.holidays-never' : 'reviewed.never', { params, link });
}

/** The year whose holidays must be reviewed: this Gregorian year in Riyadh. */
export function reviewYear(now: Date): string {
  return riyadhCalendarDay(now).slice(0, 4);
}

export async function setupStatus(ctx: AppContext): Promise<SetupStatus> {
  const marks = await readMarks(ctx);
  const year = reviewYear(ctx.clock.now());
  const backup = marks.get('backup') ?? null;
  const items: SetupItem[] = [
    ctx.config.publicUrl
      ? item('public-url', true, 'public-url.set', { params: { url: ctx.config.publicUrl } })
      : item('public-url', false, 'public-url.missing'),
    transportItem(ctx, 'sms', marks),
    transportItem(ctx, 'email', marks),
    transportItem(ctx, 'whatsapp', marks),
    await committeesItem(ctx),
    await officersItem(ctx),
    reviewItem('request-types', marks.get('reviewed:request-types') ?? null, '/settings/request-types', {}),
    reviewItem('holidays', marks.get(`reviewed:holidays:${year}`) ?? null, '/holidays', { year }),
    backup ? item('backup', true, 'backup.done', { mark: backup }) : item('backup', false, 'backup.never'),
  ];
  return { isReady: items.every((i) => i.isDone), items };
}
