import type { AreaManifest } from '../../platform/area.js';
import type { PersonalTable } from '../../platform/personal-data.js';
import { caseStepped } from '../complaints/index.js';
import { audienceNarrowers } from '../families/index.js';
import { bulkPayloads } from '../notifications/index.js';
import { requestClosed } from '../requests/index.js';
import { draftAad, responseAad } from './surveys.answer.js';
import { surveyAnswerRoutes } from './surveys.answers-routes.js';
import { surveysAudience } from './surveys.campaign-audience.js';
import { sendCampaignReminders } from './surveys.campaign-reminders.js';
import { surveyCampaignRoutes } from './surveys.campaign-routes.js';
import { campaignPayloads, tokenAad } from './surveys.campaign-sends.js';
import { onCaseStepped, onRequestClosed, sendDueInvitations } from './surveys.invitations.js';
import { surveyPageRoutes } from './surveys.pages.js';
import { SURVEY_RESULT_READERS, surveyRoutes } from './surveys.routes.js';

/**
 * Issue 24 §6 (F2): who answered, as the results break it down — copied from the family when it was
 * invited, kept on anonymous responses without any link back.
 */
const RESPONDENT_DETAILS: PersonalTable['columns'] = [
  {
    column: 'office',
    kind: 'plain',
    holds: 'the respondent family’s office',
    label: { ar: 'المكتب', en: 'The family’s office' },
    erase: 'keep',
  },
  {
    column: 'category',
    kind: 'plain',
    holds: 'the respondent family’s category',
    label: { ar: 'الفئة', en: 'The family’s category' },
    erase: 'keep',
  },
  {
    column: 'domain',
    kind: 'plain',
    holds: 'the respondent family’s domain',
    label: { ar: 'المجال', en: 'The family’s domain' },
    erase: 'keep',
  },
  {
    column: 'channel',
    kind: 'plain',
    holds: 'the respondent family’s contact channel',
    label: { ar: 'قناة التواصل', en: 'Contact channel' },
    erase: 'keep',
  },
  {
    column: 'request_type',
    kind: 'plain',
    holds: 'the type of the request answered about',
    label: { ar: 'نوع الطلب', en: 'Request type' },
    erase: 'keep',
  },
];

/** Issue 24 (F2): answers, comments, drafts and the link from a response or invitation to its family. */
const SURVEYS_PERSONAL_DATA: readonly PersonalTable[] = [
  {
    table: 'survey_responses',
    key: ['id'],
    subject: 'family',
    columns: [
      // Issue 25 §5: the ratings stay for the results (H1); the free text goes.
      {
        column: 'answers',
        kind: 'encrypted',
        holds: 'a family’s answers to a survey',
        label: { ar: 'الإجابات', en: 'Answers' },
        aad: (k) => responseAad(k.id as string, 'answers'),
        erase: 'keep',
      },
      {
        column: 'comment',
        kind: 'encrypted',
        holds: 'a family’s free-text comments',
        label: { ar: 'التعليقات', en: 'Comments' },
        aad: (k) => responseAad(k.id as string, 'comment'),
        erase: 'null',
      },
      {
        column: 'family_id',
        kind: 'plain',
        holds: 'the respondent (null when the survey is anonymous)',
        label: { ar: 'الأسرة المجيبة', en: 'Responding family' },
        erase: 'keep',
      },
      {
        column: 'case_id',
        kind: 'plain',
        holds: 'the case answered about (null when anonymous)',
        label: { ar: 'الطلب أو الشكوى موضوع الاستبيان', en: 'Case asked about' },
        erase: 'keep',
      },
      ...RESPONDENT_DETAILS,
    ],
    erasure: { rows: 'update', of: { column: 'family_id' } },
  },
  {
    table: 'survey_invitations',
    key: ['id'],
    subject: 'family',
    columns: [
      {
        column: 'draft',
        kind: 'encrypted',
        holds: 'answers saved before submitting',
        label: { ar: 'إجابات محفوظة قبل الإرسال', en: 'Answers saved before sending' },
        aad: (k) => draftAad(k.id as string),
        erase: 'null',
      },
      {
        column: 'family_id',
        kind: 'plain',
        holds: 'the family invited',
        label: { ar: 'الأسرة المدعوة', en: 'Family invited' },
        erase: 'keep',
      },
      {
        column: 'case_id',
        kind: 'plain',
        holds: 'the case the family is asked about',
        label: { ar: 'الطلب أو الشكوى موضوع الاستبيان', en: 'Case asked about' },
        erase: 'keep',
      },
      ...RESPONDENT_DETAILS,
      // The token itself is never stored: a rotation cannot recompute this hash, and links end at their expiry.
      {
        column: 'token_hash',
        kind: 'keyed-hash',
        holds: 'the survey link’s token, for lookup',
        label: { ar: 'بصمة رابط الاستبيان', en: 'Survey link lookup hash' },
        erase: { placeholder: ({ key }) => `erased:${key.id}` },
      },
      // Issue 24 §3: a campaign's reminder re-sends the same link, so its token is kept sealed.
      {
        column: 'token_sealed',
        kind: 'encrypted',
        holds: 'a campaign survey link’s token, for its reminder',
        label: { ar: 'رمز رابط الاستبيان', en: 'Survey link token' },
        aad: (k) => tokenAad(k.id as string),
        erase: 'null',
      },
    ],
    erasure: { rows: 'update', of: { column: 'family_id' } },
  },
  {
    table: 'survey_campaign_sample',
    key: ['campaign_id', 'family_id'],
    subject: 'family',
    columns: [
      {
        column: 'family_id',
        kind: 'plain',
        holds: 'a family drawn into a campaign’s random sample',
        label: { ar: 'أسرة في عينة الاستبيان', en: 'Family in a survey sample' },
        erase: 'keep',
      },
    ],
    erasure: { rows: 'update', of: { column: 'family_id' } },
  },
];

/**
 * Satisfaction surveys (H1, the measurable side of C1; issue 24): questionnaires, invitations after
 * closed requests, complaints and inquiries, the public answer page `/s/<token>` and the results.
 */
export const surveysArea: AreaManifest = {
  name: 'surveys',
  routes(app, ctx) {
    surveyRoutes(app, ctx);
    surveyPageRoutes(app, ctx);
    surveyAnswerRoutes(app, ctx);
    surveyCampaignRoutes(app, ctx);
  },
  jobs: (ctx) => [
    { name: 'survey-invitations', intervalMs: 5 * 60_000, run: () => sendDueInvitations(ctx) },
    // Issue 24 §3: a campaign's reminders, N days after each unanswered link went.
    { name: 'survey-campaign-reminders', intervalMs: 15 * 60_000, run: () => sendCampaignReminders(ctx) },
  ],
  wire(ctx) {
    ctx.hooks.on(requestClosed, (closed) => onRequestClosed(ctx, closed));
    ctx.hooks.on(caseStepped, (stepped) => onCaseStepped(ctx, stepped));
    // Issue 24 §3: campaigns go through the bulk-send engine, narrowed by the surveys' own tables.
    ctx.hooks.provide(audienceNarrowers, 'surveys', surveysAudience);
    ctx.hooks.provide(bulkPayloads, 'survey.invitation', campaignPayloads);
  },
  // Issue 25 §7 (F2): the record of processing — purpose, the roles of the read routes, retention.
  processing: {
    purpose: { ar: 'قياس رضا المستفيدين عن الخدمات', en: 'Measuring beneficiaries’ satisfaction with the services' },
    readers: SURVEY_RESULT_READERS,
    retention: ['families'],
  },
  personalData: SURVEYS_PERSONAL_DATA,
  auditKinds: [
    'survey.answer',
    'survey.answers',
    'survey.comments',
    'survey.export',
    'survey.create',
    'survey.invite',
    'survey.remind',
    'survey.update',
    'survey-campaign.cancel',
    'survey-campaign.create',
    'survey-settings.update',
  ],
};
