import type { Generated } from 'kysely';
import type { AccessCopySchema } from './schema-access-copy.js';
import type { AcknowledgementSchema } from './schema-acknowledgements.js';
import type { CommitteeSchema } from './schema-committees.js';
import type { CompensationSchema } from './schema-compensation.js';
import type { ComplaintSchema } from './schema-complaints.js';
import type { ConsentSchema } from './schema-consent.js';
import type { DocumentSchema } from './schema-documents.js';
import type { ErasureSchema } from './schema-erasure.js';
import type { PortalSchema } from './schema-portal.js';
import type { PrivacySchema } from './schema-privacy.js';
import type { RequestSchema } from './schema-requests.js';
import type { SurveySchema } from './schema-surveys.js';

/**
 * Table types shared by both engines. Conventions that keep one query code for SQLite and
 * PostgreSQL (docs/decisions/001-portable-schema.md): ids are UUIDv7 strings, instants are ISO 8601
 * UTC strings, booleans are 0/1 integers, structured values are JSON text.
 */
export interface StaffUserTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  must_change_password: number;
  password_changed_at: string;
  totp_secret: string | null; // encrypted
  totp_enabled: number;
  totp_last_step: number | null; // replay guard: the last accepted time step
  language: string;
  is_active: number;
  created_at: string;
  updated_at: string;
  deactivated_at: string | null;
  /** Issue 26 §4 (R2): the department or section; null for accounts made before departments existed. Optional on insert. */
  department_id?: string | null;
}

export interface StaffRoleTable {
  user_id: string;
  role: string;
}

export interface StaffScopeTable {
  user_id: string;
  kind: string; // 'category' | 'domain' | 'office'
  code: string;
}

export interface SessionTable {
  id_hash: string; // SHA-256 of the cookie value; the value itself is never stored
  principal_kind: string; // 'staff' or 'family' (the beneficiary portal)
  principal_id: string;
  stage: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string; // absolute limit
}

export interface SignInThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface SettingTable {
  key: string;
  value: string; // JSON
  updated_at: string;
  updated_by: string | null;
}

export interface TaxonomyTable {
  code: string;
  name_ar: string;
  name_en: string;
  is_active: number;
  sort_order: number;
}

export interface AuditEventTable {
  seq: Generated<number>;
  id: string;
  at: string;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  fields: string | null; // JSON list of changed field names, never values of personal data
  details: string | null; // JSON
  prev_hash: string | null; // chained by the sealer
  hash: string | null;
  chain_position: number | null;
}

export interface AuditSealTable {
  id: number;
  last_position: number;
  last_hash: string | null;
  sealed_at: string | null;
}

export interface LeaseTable {
  name: string;
  holder: string | null;
  expires_at: string;
}

export interface CounterTable {
  name: string;
  value: number;
}

/** Encrypted columns hold `v1.keyId.iv.ciphertext`; `*_index` columns hold `keyId:hmac`. */
export interface FamilyTable {
  id: string;
  reference: string;
  head_name_ar: string;
  head_name_en: string | null;
  name_normalised: string;
  national_id: string;
  national_id_index: string;
  mobile: string | null;
  mobile_index: string | null;
  other_phone: string | null;
  email: string | null;
  /** Issue 20 §7: when staff verified the address (portal codes go by e-mail only then), and who; cleared when it changes. */
  email_verified_at: string | null;
  email_verified_by: string | null;
  city: string;
  address: string | null;
  office: string;
  category: string;
  agreed_channel: string;
  origin_channel: string;
  notes: string | null;
  consent_at: string;
  privacy_notice_version: string;
  registered_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface FamilyDomainTable {
  family_id: string;
  domain: string;
}

export interface HouseholdMemberTable {
  id: string;
  family_id: string;
  name: string;
  relation: string;
  national_id: string | null;
  national_id_index: string | null;
  birth_date: string | null;
  birth_date_calendar: string | null;
  position: number;
}

export interface IdentityIndexTable {
  national_id_index: string;
  family_id: string;
  member_id: string | null;
}

export interface FamilyChannelChangeTable {
  id: string;
  family_id: string;
  from_channel: string;
  to_channel: string;
  consent_note: string;
  changed_by: string;
  changed_at: string;
}

export interface FamilyImportTable {
  id: string;
  created_by: string;
  created_at: string;
  status: string; // 'mapping' | 'running' | 'done' | 'failed'
  file_name: string;
  rows: string; // encrypted JSON
  columns: string; // JSON
  mapping: string | null; // JSON
  total: number;
  processed: number;
  imported: number;
  errors: string | null; // JSON [{row, pointer, code}]
  finished_at: string | null;
}

/** An administrator's edit over the computed holiday table (issue 4 §2); replayed in `seq` order. */
export interface HolidayEditTable {
  id: string;
  seq: number;
  action: string; // 'add' | 'remove' | 'move'
  date: string; // add/remove: the day; move: the day it moves from
  to_date: string | null; // move: the day it moves to
  holiday_kind: string | null; // add
  name_ar: string | null; // add
  name_en: string | null; // add
  created_at: string;
  created_by: string;
  undone_at: string | null;
  undone_by: string | null;
}

/** A working-day clock (issue 4 §4); states and markers in modules/calendar/clocks.service.ts. */
export interface WorkingClockTable {
  id: string;
  owner_type: string; // 'request' | 'complaint' | …
  owner_id: string;
  start_day: string; // day 0, YYYY-MM-DD
  working_days: number;
  warning_threshold: number | null; // working days left at which it warns; null: never
  pauses: string; // JSON [{from, to | null}], both ends inclusive; `to` null while paused
  state: string; // 'running' | 'paused' | 'breached' | 'met' | 'stopped'
  deadline_day: string;
  deadline_at: string; // 23:59:59.999 Riyadh on deadline_day, UTC ISO
  warn_day: string | null;
  warned_at: string | null;
  breached_at: string | null;
  stopped_at: string | null;
  stop_reason: string | null; // 'done' | 'cancelled'
  calendar_revision: number;
  created_at: string;
  updated_at: string;
}

export interface ClockEventTable {
  id: string;
  clock_id: string;
  kind: string; // 'warning' | 'breach'
  at: string;
  handled_at: string | null;
}

export interface FileTable {
  id: string;
  owner_type: string;
  owner_id: string | null;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: string; // encrypted
  created_by: string | null;
  created_at: string;
}

/** A message in the outbox (issue 4 §5); statuses in modules/notifications/outbox.service.ts. */
export interface OutboxMessageTable {
  id: string;
  event: string;
  language: string;
  recipient_kind: string; // 'family' | 'staff' | 'contact'
  recipient_id: string | null;
  channel: string;
  address: string | null; // encrypted
  subject: string | null; // encrypted
  body: string | null; // encrypted; erased once a one-time code is finished
  transport_data: string | null; // encrypted JSON
  status: string;
  /** 'code' | 'transactional' | 'bulk': the queue it waits in (issue 20 §1). */
  priority: string;
  attempts: number;
  next_attempt_at: string | null;
  claimed_at: string | null;
  last_error: string | null;
  sent_at: string | null;
  expires_at: string | null;
  is_sensitive: number;
  dedupe_key: string | null;
  about_type: string | null;
  about_id: string | null;
  handled_by: string | null;
  handled_at: string | null;
  outcome_note: string | null; // encrypted
  read_at: string | null;
  created_at: string;
  updated_at: string;
  /** 1 when the text carries links resolved against SILA_PUBLIC_URL at sending (issue 20 §6). */
  needs_public_url: number;
  /** When the transport reported it reached the person (issue 20 §5). */
  delivered_at: string | null;
  /** The id the transport gave the message when it accepted it; its delivery reports name it (0027). */
  provider_id: string | null;
}

/** A bulk send (issue 20 §2): its audience, text, schedule, cursor through the audience and counters. */
export interface BulkSendTable {
  id: string;
  idempotency_key: string;
  name: string;
  event: string;
  audience: string;
  scope: string;
  text_ar: string;
  include_paper: number;
  status: string;
  scheduled_at: string;
  started_at: string | null;
  finished_at: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
  cursor: string | null;
  total: number;
  processed: number;
  queued: number;
  skipped_consent: number;
  skipped_no_channel: number;
  skipped_paper: number;
  paper: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** A staff member's saved worklist view (issue 19 §4); `params` is JSON of the address's parameters. */
export interface SavedViewTable {
  id: string;
  owner_id: string;
  worklist: string;
  name: string;
  params: string;
  shared_role: string | null;
  created_at: string;
}

export interface OutboxAttemptTable {
  id: string;
  message_id: string;
  attempt: number;
  at: string;
  outcome: string; // 'sent' | 'error'
  error_code: string | null;
}

/** An administrator's edit of a message template; absent rows use the defaults in code. */
export interface MessageTemplateTable {
  event: string;
  channel: string;
  language: string;
  subject: string | null;
  body: string;
  whatsapp_template: string | null;
  updated_at: string;
  updated_by: string | null;
}

/** Issue 27 §7: a set-up checklist mark (a transport's test message, a review, the last backup). */
export interface SetupMarkTable {
  mark: string; // 'test-send:sms' | 'reviewed:request-types' | 'reviewed:holidays:2026' | 'backup'
  done_at: string;
  done_by: string | null; // the staff member; null for the command line
  bytes: number | null; // 'backup': the archive's size
}

export interface Database
  extends RequestSchema,
    CommitteeSchema,
    PortalSchema,
    ComplaintSchema,
    ConsentSchema,
    CompensationSchema,
    SurveySchema,
    DocumentSchema,
    ErasureSchema,
    AcknowledgementSchema,
    PrivacySchema,
    AccessCopySchema {
  staff_users: StaffUserTable;
  staff_roles: StaffRoleTable;
  staff_scopes: StaffScopeTable;
  sessions: SessionTable;
  sign_in_throttle: SignInThrottleTable;
  settings: SettingTable;
  categories: TaxonomyTable;
  domains: TaxonomyTable;
  offices: TaxonomyTable;
  audit_events: AuditEventTable;
  audit_seal: AuditSealTable;
  leases: LeaseTable;
  counters: CounterTable;
  families: FamilyTable;
  family_domains: FamilyDomainTable;
  household_members: HouseholdMemberTable;
  identity_index: IdentityIndexTable;
  family_channel_changes: FamilyChannelChangeTable;
  family_imports: FamilyImportTable;
  files: FileTable;
  setup_marks: SetupMarkTable;
  holiday_edits: HolidayEditTable;
  working_clocks: WorkingClockTable;
  clock_events: ClockEventTable;
  outbox_messages: OutboxMessageTable;
  outbox_attempts: OutboxAttemptTable;
  bulk_sends: BulkSendTable;
  saved_views: SavedViewTable;
  message_templates: MessageTemplateTable;
  key_sentinels: KeySentinelTable;
}

/** One per key id the data is under (decision 007): a sealed constant, or a keyed hash of one. */
export interface KeySentinelTable {
  kind: 'encryption' | 'index';
  key_id: string;
  value: string;
  created_at: string;
}

export type TaxonomyKind = 'categories' | 'domains' | 'offices';
