import { z } from 'zod';
import { text } from './common.js';
import { audienceCount, bulkAudience, bulkSendCounts } from './notifications.js';

/**
 * Issue 24 §3 (H1): periodic survey campaigns' API. The audience is the bulk-send engine's (its
 * filters and count); the campaign adds a questionnaire, an optional random sample, a reminder after
 * N days and a close date, when the links end.
 */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date-format');

export const campaignPreviewBody = z.strictObject({
  audience: bulkAudience,
  /** Families on letter, fax or phone-call count only when ticked (they become call and letter tasks). */
  includePaper: z.boolean().default(false),
});

/** The audience counted before sending (the engine's count) and who would be asked now. */
export const campaignPreview = audienceCount.extend({
  /** Of the reachable families, those invited to a survey within the N-day rule (not asked again). */
  recentlyInvited: z.number().int(),
  /** Families that would be asked: reachable (paper only when ticked) and not recently invited; the sample's ceiling. */
  eligible: z.number().int(),
});

export const createCampaignBody = z.strictObject({
  /** The same key twice creates one campaign (a double click, a retried request). */
  idempotencyKey: z.uuid(),
  name: text(120),
  questionnaireId: z.string().max(64),
  audience: bulkAudience,
  /** Ask only this many families, drawn at random from the eligible audience. */
  sampleSize: z.number().int().min(1).max(100_000).optional(),
  includePaper: z.boolean().default(false),
  /** When sending starts; now when left out. */
  startsAt: z.iso.datetime().optional(),
  /** Re-send the same link to families who have not answered after this many days. */
  reminderDays: z.number().int().min(1).max(60).optional(),
  /** The last day answers are taken (Asia/Riyadh); the links end after it. */
  closesOn: day,
});
export type CreateCampaignBody = z.infer<typeof createCampaignBody>;

export const CAMPAIGN_STATUSES = ['scheduled', 'sending', 'open', 'closed', 'cancelled'] as const;

export const campaignProgress = z.object({
  /** The engine's counters: families in the audience (or sample) and worked through so far. */
  send: bulkSendCounts,
  /** Invitations sent (a link went or a call/letter task was queued). */
  invited: z.number().int(),
  /** Of those, by call or letter task (staff ask and enter the answers). */
  byStaff: z.number().int(),
  answered: z.number().int(),
  reminded: z.number().int(),
  /** Families not asked, by reason (consent withdrawn, invited within the N-day rule, no channel…). */
  notAsked: z.record(z.string(), z.number().int()),
});

export const campaign = z.object({
  id: z.string(),
  name: z.string(),
  questionnaireId: z.string(),
  questionnaireTitleAr: z.string(),
  questionnaireTitleEn: z.string(),
  audience: bulkAudience,
  sampleSize: z.number().int().nullable(),
  includePaper: z.boolean(),
  status: z.enum(CAMPAIGN_STATUSES),
  startsAt: z.string(),
  reminderDays: z.number().int().nullable(),
  closesAt: z.string(),
  cancelledAt: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  progress: campaignProgress,
  abilities: z.object({ cancel: z.boolean() }),
});
export type Campaign = z.infer<typeof campaign>;
export type CampaignPreview = z.infer<typeof campaignPreview>;

export const campaignListQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const campaignList = z.object({ items: z.array(campaign), nextCursor: z.string().nullable() });
export type CampaignList = z.infer<typeof campaignList>;
