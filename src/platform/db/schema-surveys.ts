/**
 * Tables of the surveys area (issue 24; H1, C1), its own part of the schema; `Database` in schema.ts
 * extends this. Booleans 0/1; `answers`, `comment` and `draft` are ciphertext bound to row and column.
 */
export interface SurveyQuestionnaireTable {
  id: string;
  code: string;
  purpose: string;
  is_anonymous: number;
  is_active: number;
  current_version: number;
  created_at: string;
  updated_at: string;
}

export interface SurveyVersionTable {
  id: string;
  questionnaire_id: string;
  version: number;
  title_ar: string;
  title_en: string;
  /** JSON of domain/survey.ts `SurveyQuestion[]`. */
  questions: string;
  created_by: string | null;
  created_at: string;
}

export interface SurveySettingsTable {
  id: string;
  cooldown_days: number;
  expiry_days: number;
  csat_negative_max: number;
  nps_negative_max: number;
  /** JSON: per case kind, { questionnaireId, delayDays, isEnabled, offCodes }. */
  triggers: string;
  version: number;
  updated_at: string;
}

export interface SurveyInvitationTable {
  id: string;
  questionnaire_id: string;
  version_id: string | null;
  family_id: string;
  case_kind: string;
  case_id: string | null;
  status: string;
  skip_reason: string | null;
  token_hash: string | null;
  draft: string | null;
  due_at: string;
  sent_at: string | null;
  expires_at: string | null;
  answered_at: string | null;
  office: string | null;
  category: string | null;
  domain: string | null;
  channel: string | null;
  request_type: string | null;
  created_at: string;
  /** Issue 24 §3: the campaign that asked (null for an invitation after a case). */
  campaign_id: string | null;
  /** The token sealed under the encryption key, kept for a campaign's reminder to re-send the same link. */
  token_sealed: string | null;
  /** When a reminder went; never `sent_at`, so reminders do not count towards the N-day rule. */
  reminded_at: string | null;
}

/** Issue 24 §3 (H1): a periodic campaign; its audience is worked through by the bulk-send engine. */
export interface SurveyCampaignTable {
  id: string;
  idempotency_key: string;
  name: string;
  questionnaire_id: string;
  /** JSON of the bulk-send audience filters. */
  audience: string;
  /** JSON of the creator's scope. */
  scope: string;
  sample_size: number | null;
  include_paper: number;
  starts_at: string;
  reminder_days: number | null;
  closes_at: string;
  bulk_send_id: string | null;
  status: string;
  cancelled_at: string | null;
  cancelled_by: string | null;
  created_by: string;
  created_at: string;
}

export interface SurveyCampaignSampleTable {
  campaign_id: string;
  family_id: string;
}

export interface SurveyResponseTable {
  id: string;
  source: string;
  invitation_id: string | null;
  questionnaire_id: string | null;
  version_id: string | null;
  family_id: string | null;
  case_kind: string;
  case_id: string | null;
  csat: number | null;
  nps: number | null;
  is_negative: number;
  answers: string | null;
  comment: string | null;
  submitted_at: string;
  month: string;
  office: string | null;
  category: string | null;
  domain: string | null;
  channel: string | null;
  request_type: string | null;
}

export interface SurveySchema {
  survey_questionnaires: SurveyQuestionnaireTable;
  survey_versions: SurveyVersionTable;
  survey_settings: SurveySettingsTable;
  survey_invitations: SurveyInvitationTable;
  survey_responses: SurveyResponseTable;
  survey_campaigns: SurveyCampaignTable;
  survey_campaign_sample: SurveyCampaignSampleTable;
}
