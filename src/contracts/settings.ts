import { z } from 'zod';
import { STAFF_ROLES } from '../domain/roles.js';
import { code, longText, staffRole, text } from './common.js';

export const associationSettings = z.strictObject({
  nameAr: text(200),
  nameEn: text(200),
  shortNameAr: text(60),
  shortNameEn: text(60),
  phone: text(30),
  fax: text(30, 0),
  email: z.email('field.email').max(254),
  website: text(200, 0),
  registrationNumber: text(40, 0),
  regulatorAr: text(200, 0),
  regulatorEn: text(200, 0),
  addressAr: text(300, 0),
  addressEn: text(300, 0),
  primaryColor: z.enum(['teal', 'cyan', 'green', 'blue', 'indigo', 'grape', 'orange']),
  digits: z.enum(['latn', 'arab']),
});

export const securitySettings = z.strictObject({
  /** Roles, besides administrators (always), that must use an authenticator app. */
  mfaRequiredRoles: z.array(staffRole).max(STAFF_ROLES.length),
});

export const taxonomyKind = z.enum(['categories', 'domains', 'offices']);

export const taxonomyItem = z.object({
  code: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  isActive: z.boolean(),
  sortOrder: z.number(),
});

export const createTaxonomyBody = z.strictObject({
  code,
  nameAr: text(120),
  nameEn: text(120),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});

export const updateTaxonomyBody = z.strictObject({
  nameAr: text(120).optional(),
  nameEn: text(120).optional(),
  isActive: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});

export const taxonomyParams = z.strictObject({ kind: taxonomyKind });
export const taxonomyItemParams = z.strictObject({ kind: taxonomyKind, code: z.string().max(50) });

export const allSettings = z.object({
  association: associationSettings,
  security: securitySettings,
  categories: z.array(taxonomyItem),
  domains: z.array(taxonomyItem),
  offices: z.array(taxonomyItem),
});

/** What anonymous visitors and the staff shell may read about the association. */
export const publicAssociation = associationSettings.omit({});

export type AssociationSettings = z.infer<typeof associationSettings>;
export type SecuritySettings = z.infer<typeof securitySettings>;
export type TaxonomyItem = z.infer<typeof taxonomyItem>;
export type TaxonomyKindValue = z.infer<typeof taxonomyKind>;
export type AllSettings = z.infer<typeof allSettings>;

// ---- consent purposes and privacy notices (issue 20 §3–§4, F2) ----

/** A purpose a family consents to; `contactChannel` marks the purposes of contact on a channel. */
export const consentPurpose = z.object({
  code: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  isRequired: z.boolean(),
  contactChannel: z.enum(['sms', 'whatsapp', 'email']).nullable(),
  isActive: z.boolean(),
  sortOrder: z.number(),
});

export const createConsentPurposeBody = z.strictObject({
  code,
  nameAr: text(120),
  nameEn: text(120),
  isRequired: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});

export const updateConsentPurposeBody = z.strictObject({
  nameAr: text(120).optional(),
  nameEn: text(120).optional(),
  isRequired: z.boolean().optional(),
  isActive: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});

export const consentPurposeParams = z.strictObject({ code: z.string().max(50) });

export const PRIVACY_NOTICE_KINDS = ['registration', 'public-form'] as const;
export const privacyNoticeKind = z.enum(PRIVACY_NOTICE_KINDS);

export const privacyNotice = z.object({
  kind: privacyNoticeKind,
  version: z.string(),
  number: z.number(),
  textAr: z.string(),
  textEn: z.string(),
  createdAt: z.string(),
  isCurrent: z.boolean(),
});

/** A notice's text may hold line breaks. */
const noticeText = longText(5000).pipe(z.string().min(20, 'field.too-short'));

/** A new version of a notice: the label is given by Sila (`<year>-<number>`), the history is kept. */
export const createPrivacyNoticeBody = z.strictObject({ textAr: noticeText, textEn: noticeText });
export const privacyNoticeParams = z.strictObject({ kind: privacyNoticeKind });

export type ConsentPurpose = z.infer<typeof consentPurpose>;
export type PrivacyNotice = z.infer<typeof privacyNotice>;
export type PrivacyNoticeKind = z.infer<typeof privacyNoticeKind>;
