import { z } from 'zod';

/**
 * The administrator's set-up checklist (issue 27 §7): one item per condition, each ticking by a
 * defined rule, with a reason the UI translates (`reason` + `params`) and where it is done.
 */
export const SETUP_ITEMS = [
  'public-url',
  'transport-sms',
  'transport-email',
  'transport-whatsapp',
  'committees',
  'contact-officers',
  'request-types',
  'holidays',
  'backup',
] as const;
export const setupItemKey = z.enum(SETUP_ITEMS);
export type SetupItemKey = z.infer<typeof setupItemKey>;

export const TEST_CHANNELS = ['sms', 'email', 'whatsapp'] as const;
export const testChannel = z.enum(TEST_CHANNELS);
export type TestChannel = z.infer<typeof testChannel>;

export const setupMark = z.object({
  at: z.string(),
  /** Who made it; null when the command line did (`sila backup`). */
  byName: z.string().nullable(),
  /** `backup`: the archive's size. */
  bytes: z.number().int().nullable(),
});
export type SetupMark = z.infer<typeof setupMark>;

export const setupItem = z.object({
  key: setupItemKey,
  isDone: z.boolean(),
  /** e.g. `public-url.missing`, `transport.untested`, `committees.cannot-meet`: the UI's text. */
  reason: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The staff app's page where it is done; null when it is done outside (environment, command line). */
  link: z.string().nullable(),
  /** `transport-*`: a test message can be sent from the checklist (the transport is configured). */
  canTest: z.boolean(),
  mark: setupMark.nullable(),
});
export type SetupItem = z.infer<typeof setupItem>;

export const setupStatus = z.object({ isReady: z.boolean(), items: z.array(setupItem) });
export type SetupStatus = z.infer<typeof setupStatus>;

export const REVIEW_SUBJECTS = ['request-types', 'holidays'] as const;
export const reviewBody = z.strictObject({ subject: z.enum(REVIEW_SUBJECTS) });
export type ReviewBody = z.infer<typeof reviewBody>;

export const testSendBody = z.strictObject({
  channel: testChannel,
  /** A mobile number (SMS, WhatsApp) or an e-mail address the administrator types; never stored. */
  address: z.string().trim().min(3).max(254),
});
export type TestSendBody = z.infer<typeof testSendBody>;
