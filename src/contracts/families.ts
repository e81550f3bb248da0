import { z } from 'zod';
import { parseNationalId } from '../domain/national-id.js';
import { parseSaudiPhone } from '../domain/phone.js';
import { code, longText, recordVersion, searchText, text } from './common.js';

/** A1–A6: the channel a family first came through. */
export const ORIGIN_CHANNELS = ['interview', 'letter', 'phone', 'fax', 'website', 'volunteer'] as const;
/** C5: the channel agreed with the family for news of its requests. */
export const CONTACT_CHANNELS = ['sms', 'phone-call', 'email', 'whatsapp', 'letter', 'fax'] as const;
export const RELATIONS = ['spouse', 'son', 'daughter', 'father', 'mother', 'brother', 'sister', 'grandchild', 'other'] as const;

export const originChannel = z.enum(ORIGIN_CHANNELS);
export const contactChannel = z.enum(CONTACT_CHANNELS);

/** A National ID / Iqama number as typed (Arabic-Indic digits too), validated to its 10 digits. */
export const nationalId = z
  .string()
  .max(40, 'field.too-long')
  .transform((value, ctx) => {
    const parsed = parseNationalId(value);
    if (!parsed.isValid) {
      ctx.addIssue({ code: 'custom', message: parsed.code });
      return z.NEVER;
    }
    return parsed.value;
  });

export const mobile = z
  .string()
  .max(40, 'field.too-long')
  .transform((value, ctx) => {
    const parsed = parseSaudiPhone(value, { mobileOnly: true });
    if (!parsed.isValid) {
      ctx.addIssue({ code: 'custom', message: parsed.code });
      return z.NEVER;
    }
    return parsed.e164;
  });

export const phone = z
  .string()
  .max(40, 'field.too-long')
  .transform((value, ctx) => {
    const parsed = parseSaudiPhone(value);
    if (!parsed.isValid) {
      ctx.addIssue({ code: 'custom', message: parsed.code });
      return z.NEVER;
    }
    return parsed.e164;
  });

const calendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date-format');

export const birthDateInput = z.strictObject({
  calendar: z.enum(['gregorian', 'hijri']),
  date: calendarDay,
});

export const memberInput = z.strictObject({
  name: text(120, 2),
  relation: z.enum(RELATIONS),
  nationalId: nationalId.optional(),
  birthDate: birthDateInput.optional(),
});

const familyFields = {
  headNameAr: text(120, 2),
  headNameEn: text(120).optional(),
  nationalId,
  mobile: mobile.optional(),
  otherPhone: phone.optional(),
  email: z.email('field.email').max(254, 'field.too-long').optional(),
  city: text(80),
  address: longText(500).optional(),
  office: code,
  category: code,
  domains: z.array(code).min(1, 'domains.required').max(20),
  agreedChannel: contactChannel,
  originChannel,
  members: z.array(memberInput).max(30, 'members.too-many').default([]),
  notes: longText(2000).optional(),
};

export const createFamilyBody = z.strictObject({
  ...familyFields,
  /** PDPL: the family agreed to the privacy notice of this version at registration. */
  consent: z.strictObject({ isGiven: z.literal(true, 'consent.required'), privacyNoticeVersion: text(40) }),
});

export const updateFamilyBody = z.strictObject({
  version: recordVersion,
  headNameAr: familyFields.headNameAr.optional(),
  headNameEn: text(120).nullable().optional(),
  nationalId: nationalId.optional(),
  mobile: mobile.nullable().optional(),
  otherPhone: phone.nullable().optional(),
  email: z.email('field.email').max(254, 'field.too-long').nullable().optional(),
  city: familyFields.city.optional(),
  address: longText(500).nullable().optional(),
  office: code.optional(),
  category: code.optional(),
  domains: familyFields.domains.optional(),
  agreedChannel: contactChannel.optional(),
  /** C5: the agreed channel changes only with a note of the family's consent. */
  channelConsentNote: text(300).optional(),
  members: z.array(memberInput).max(30, 'members.too-many').optional(),
  notes: longText(2000).nullable().optional(),
});

export const member = z.object({
  id: z.string(),
  name: z.string(),
  relation: z.enum(RELATIONS),
  nationalId: z.string().nullable(),
  birthDate: z.string().nullable(),
  birthDateCalendar: z.enum(['gregorian', 'hijri']).nullable(),
});

/**
 * What this user may do with this family now (issue 19 §2), computed by the families policy — the
 * same functions the routes authorise with; screens show actions from these, not from role lists.
 */
export const familyAbilities = z.object({
  /** Change the family's data, its e-mail verification and its consents. */
  edit: z.boolean(),
  /** Read who viewed and changed the family (the access log). */
  readAccessLog: z.boolean(),
});
export type FamilyAbilities = z.infer<typeof familyAbilities>;

export const family = z.object({
  id: z.string(),
  reference: z.string(),
  headNameAr: z.string(),
  headNameEn: z.string().nullable(),
  /** Unmasked only for roles that need it (reception, contact officers, the volunteer who registered). */
  nationalId: z.string(),
  isNationalIdMasked: z.boolean(),
  mobile: z.string().nullable(),
  otherPhone: z.string().nullable(),
  email: z.string().nullable(),
  city: z.string(),
  address: z.string().nullable(),
  office: z.string(),
  category: z.string(),
  domains: z.array(z.string()),
  agreedChannel: contactChannel,
  originChannel,
  members: z.array(member),
  notes: z.string().nullable(),
  /** Issue 20 §7: when staff verified the e-mail address (portal codes go to it only then); null otherwise. */
  emailVerifiedAt: z.string().nullable(),
  consentAt: z.string(),
  privacyNoticeVersion: z.string(),
  registeredBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  /** Same as `abilities.edit` (kept for existing callers). */
  canEdit: z.boolean(),
  /** Issue 25 §5 (F2): its personal data erased («أسرة مجهّلة رقم N»); read-only, no write abilities. */
  isErased: z.boolean(),
  abilities: familyAbilities,
});

export const familySummary = family.pick({
  id: true,
  reference: true,
  headNameAr: true,
  headNameEn: true,
  nationalId: true,
  isNationalIdMasked: true,
  mobile: true,
  city: true,
  office: true,
  category: true,
  domains: true,
  originChannel: true,
  createdAt: true,
  abilities: true,
});

const filters = {
  q: searchText(100).optional(),
  category: code.optional(),
  domain: code.optional(),
  office: code.optional(),
  originChannel: originChannel.optional(),
};

export const familyListQuery = z.strictObject({
  ...filters,
  sort: z.enum(['createdAt', 'name', 'reference']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const familyCountQuery = z.strictObject(filters);

/** A count stops at 1,000: `isCapped` says there are more (issue 3 §5, lists of a million families). */
export const familyCount = z
  .object({ count: z.number().int().min(0), isCapped: z.boolean() })
  .meta({ example: { count: 1000, isCapped: true } });

/** Searches by ID number or mobile go in a POST body, never a URL (issue 3 §3). */
export const familyLookupBody = z.union([z.strictObject({ nationalId }), z.strictObject({ mobile })]);

export const familyList = z.object({
  items: z.array(familySummary),
  nextCursor: z.string().nullable(),
});

export const familyExportBody = z.strictObject({
  format: z.enum(['xlsx', 'csv']),
  ...filters,
});

export const accessLogEntry = z.object({
  at: z.string(),
  action: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  fields: z.array(z.string()),
});

export const duplicateProblemExtras = z.object({ existingFamilyId: z.string().nullable() });

export type Family = z.infer<typeof family>;
export type FamilySummary = z.infer<typeof familySummary>;
export type CreateFamilyBody = z.infer<typeof createFamilyBody>;
export type UpdateFamilyBody = z.infer<typeof updateFamilyBody>;
export type FamilyListQuery = z.infer<typeof familyListQuery>;
export type FamilyFilters = z.infer<typeof familyCountQuery>;

/** Fields a spreadsheet column can be mapped to when importing families. */
export const IMPORT_FIELDS = [
  'headNameAr',
  'headNameEn',
  'nationalId',
  'mobile',
  'otherPhone',
  'email',
  'city',
  'address',
  'office',
  'category',
  'domains',
  'agreedChannel',
  'originChannel',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const importPreview = z.object({
  id: z.string(),
  fileName: z.string(),
  columns: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  total: z.number(),
  suggestedMapping: z.partialRecord(z.enum(IMPORT_FIELDS), z.string()),
});

export const startImportBody = z.strictObject({
  /** Field → column name in the sheet. */
  mapping: z.partialRecord(z.enum(IMPORT_FIELDS), z.string().max(200)),
  /** Values for rows whose cell is empty or for fields with no column. */
  defaults: z.strictObject({
    city: text(80).optional(),
    office: code.optional(),
    category: code.optional(),
    domains: z.array(code).max(20).optional(),
    agreedChannel: contactChannel.optional(),
    originChannel: originChannel.optional(),
  }),
  /** PDPL: the privacy notice the imported families agreed to on paper. */
  privacyNoticeVersion: text(40),
});

export const importError = z.object({ row: z.number(), pointer: z.string(), code: z.string() });

export const importStatus = z.object({
  id: z.string(),
  status: z.enum(['mapping', 'running', 'done', 'failed']),
  total: z.number(),
  processed: z.number(),
  imported: z.number(),
  errors: z.array(importError),
  finishedAt: z.string().nullable(),
});

export type ImportStatus = z.infer<typeof importStatus>;
export type StartImportBody = z.infer<typeof startImportBody>;

// ---- consent per purpose (issue 20 §3, F2) ----

/** How a consent or withdrawal reached the association: the contact channels of A1–A6, the portal or a message's link. */
export const CONSENT_CHANNELS = [...ORIGIN_CHANNELS, 'portal', 'link'] as const;
export const consentChannel = z.enum(CONSENT_CHANNELS);

export const consentHistoryEntry = z.object({
  id: z.string(),
  purpose: z.string(),
  action: z.enum(['given', 'withdrawn']),
  at: z.string(),
  channel: z.string(),
  noticeVersion: z.string(),
  recordedByKind: z.enum(['staff', 'family', 'link']),
  recordedByName: z.string().nullable(),
  note: z.string().nullable(),
});

export const familyConsentState = z.object({
  purpose: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  isRequired: z.boolean(),
  contactChannel: z.string().nullable(),
  isActive: z.boolean(),
  state: z.enum(['given', 'withdrawn', 'none']),
  at: z.string().nullable(),
});

export const familyConsents = z.object({
  agreedChannel: contactChannel,
  version: z.number(),
  purposes: z.array(familyConsentState),
  history: z.array(consentHistoryEntry),
});

/**
 * Staff record a consent or its withdrawal (issue 20 §3). Withdrawing contact on the agreed channel
 * names the new agreed channel in the same action (C5); withdrawing a required purpose needs
 * `confirmEndOfService: true` (it ends the service).
 */
export const recordConsentBody = z.strictObject({
  purpose: text(50),
  action: z.enum(['give', 'withdraw']),
  channel: consentChannel,
  /** The registration notice's version read to the family; the current one when omitted. */
  noticeVersion: text(40).optional(),
  note: text(500).optional(),
  newAgreedChannel: contactChannel.optional(),
  confirmEndOfService: z.boolean().optional(),
});

/** A family withdraws in the portal (issue 20 §3). */
export const portalWithdrawConsentBody = z.strictObject({
  purpose: text(50),
  newAgreedChannel: contactChannel.optional(),
  confirmEndOfService: z.boolean().optional(),
});

/** The token of a withdrawal link (`/consent#TOKEN`), sent in a body, never in a URL the server sees. */
export const consentLinkBody = z.strictObject({ token: z.string().min(1).max(100) });
export const consentLinkWithdrawBody = z.strictObject({
  token: z.string().min(1).max(100),
  confirmEndOfService: z.boolean().optional(),
});

export const consentLinkView = z.object({
  purpose: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  isRequired: z.boolean(),
  state: z.enum(['given', 'withdrawn']),
});

export type ConsentHistoryEntry = z.infer<typeof consentHistoryEntry>;
export type FamilyConsentState = z.infer<typeof familyConsentState>;
export type FamilyConsents = z.infer<typeof familyConsents>;
export type RecordConsentBody = z.infer<typeof recordConsentBody>;
export type ConsentLinkView = z.infer<typeof consentLinkView>;
