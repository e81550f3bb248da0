import { z } from 'zod';
import { ACK_AUDIENCES, CONTRACT_PARTY_KINDS } from '../domain/acknowledgements.js';
import { staffRole, text } from './common.js';

/**
 * Issue 26 §4–§5 (R1, R2, F4, P-SCOPE): which document versions staff and contract parties
 * acknowledge, each one's own acknowledgement, and HR's view of who has not.
 */
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'field.invalid');

export const versionParams = z.strictObject({ versionId: z.uuid('field.invalid-id') });

export const requirementBody = z.strictObject({
  audience: z.enum(ACK_AUDIENCES),
  roles: z.array(staffRole).max(20).default([]),
  departmentIds: z.array(z.uuid('field.invalid-id')).max(200).default([]),
  /** Days after the version takes effect (or the requirement is set, if later) before work stops. */
  graceDays: z.number().int().min(0).max(365),
});

export const requirement = z.object({
  versionId: z.string(),
  audience: z.enum(ACK_AUDIENCES),
  roles: z.array(staffRole),
  departmentIds: z.array(z.string()),
  graceDays: z.number(),
  setAt: z.string(),
});
export const requirementResponse = z.object({ requirement: requirement.nullable() });

/** A version a staff member is asked to acknowledge, with the text to read. */
export const pendingAcknowledgement = z.object({
  versionId: z.string(),
  documentId: z.string(),
  slug: z.string(),
  titleAr: z.string(),
  titleEn: z.string(),
  number: z.number(),
  effectiveOn: z.string(),
  bodyAr: z.string().nullable(),
  bodyEn: z.string().nullable(),
  isEnglishSummary: z.boolean(),
  /** The SHA-256 of the text (or the Arabic PDF) — sent back to say which text was read. */
  textSha256: z.string(),
  dueAt: z.string(),
  isOverdue: z.boolean(),
});
export const myAcknowledgements = z.object({ items: z.array(pendingAcknowledgement) });

/** R1: read to the end, ticked, confirmed with the password or a code from the authenticator. */
export const acknowledgeBody = z
  .strictObject({
    textSha256: sha256,
    hasReadToEnd: z.literal(true, 'acknowledgement.read-to-end'),
    password: z.string().min(1, 'field.required').max(1024, 'field.too-long').optional(),
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'totp.format')
      .optional(),
  })
  .refine((b) => b.password !== undefined || b.code !== undefined, { message: 'acknowledgement.confirm-required', path: ['password'] });

export const acknowledgedResponse = z.object({ acknowledgedAt: z.string(), remaining: z.number() });

// -- HR (R2) --

export const versionOverview = z.object({
  versionId: z.string(),
  documentId: z.string(),
  titleAr: z.string(),
  titleEn: z.string(),
  number: z.number(),
  effectiveOn: z.string(),
  dueAt: z.string(),
  required: z.number(),
  acknowledged: z.number(),
  pending: z.number(),
});
export const versionOverviewList = z.object({ items: z.array(versionOverview) });

export const memberStatus = z.object({
  id: z.string(),
  displayName: z.string(),
  acknowledgedAt: z.string().nullable(),
  exemptBy: z.string().nullable(),
});

export const departmentGroup = z.object({
  departmentId: z.string().nullable(),
  nameAr: z.string().nullable(),
  nameEn: z.string().nullable(),
  headName: z.string().nullable(),
  /** R2: the department's receipt of its copy, recorded by its head. */
  receivedAt: z.string().nullable(),
  receivedBy: z.string().nullable(),
  canRecordReceipt: z.boolean(),
  members: z.array(memberStatus),
});

export const partyStatus = z.object({
  id: z.string(),
  kind: z.enum(CONTRACT_PARTY_KINDS),
  name: z.string(),
  acknowledgedAt: z.string().nullable(),
  signerName: z.string().nullable(),
  linkSentAt: z.string().nullable(),
  exemptBy: z.string().nullable(),
});

export const versionStatus = versionOverview.extend({
  departments: z.array(departmentGroup),
  parties: z.array(partyStatus),
});

export const remindBody = z.strictObject({ staffIds: z.array(z.uuid('field.invalid-id')).max(1000).optional() });
export const remindResponse = z.object({ reminded: z.number() });

export const receiptParams = versionParams.extend({ departmentId: z.uuid('field.invalid-id') });
export const receiptResponse = z.object({ receivedAt: z.string() });

// -- contract parties (P-SCOPE) --

export const contractPartyBody = z.strictObject({
  kind: z.enum(CONTRACT_PARTY_KINDS),
  name: text(120),
  channel: z.enum(['sms', 'email']),
  address: text(254),
});
export const contractParty = z.object({
  id: z.string(),
  kind: z.enum(CONTRACT_PARTY_KINDS),
  name: z.string(),
  channel: z.enum(['sms', 'email']),
  maskedAddress: z.string(),
  createdAt: z.string(),
});
export const contractPartyList = z.object({ items: z.array(contractParty) });

export const sendLinkBody = z.strictObject({ partyId: z.uuid('field.invalid-id') });
export const sendLinkResponse = z.object({ sentAt: z.string(), expiresAt: z.string() });

/** P-SCOPE: someone whose own policy replaces this document's, recorded with that policy's name. */
export const exemptionBody = z
  .strictObject({
    versionId: z.uuid('field.invalid-id'),
    staffUserId: z.uuid('field.invalid-id').optional(),
    partyId: z.uuid('field.invalid-id').optional(),
    replacedBy: text(300),
  })
  .refine((b) => (b.staffUserId === undefined) !== (b.partyId === undefined), { message: 'exemption.one-person', path: ['staffUserId'] });
export const exemptionResponse = z.object({ id: z.string(), recordedAt: z.string() });
export const exemptionParams = z.strictObject({ exemptionId: z.uuid('field.invalid-id') });

/** P-SCOPE: one exemption as HR's list shows it — who, the policy that replaces this one, who recorded it and when. */
export const exemption = z.object({
  id: z.string(),
  documentId: z.string(),
  person: z.enum(['staff', 'party']),
  staffUserId: z.string().nullable(),
  partyId: z.string().nullable(),
  personName: z.string(),
  replacedBy: z.string(),
  recordedAt: z.string(),
  recordedByName: z.string().nullable(),
});
export const exemptionList = z.object({ items: z.array(exemption) });
export const liftedResponse = z.object({ liftedAt: z.string() });

// -- a department head's copies (R2) --

/** One version in force that asks for acknowledgement, as a department receives its copy. */
export const departmentCopy = z.object({
  versionId: z.string(),
  titleAr: z.string(),
  titleEn: z.string(),
  number: z.number(),
  effectiveOn: z.string(),
  receivedAt: z.string().nullable(),
  receivedByName: z.string().nullable(),
});
/** A department or section the caller heads, with the copies it receives. */
export const headedDepartment = z.object({
  departmentId: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  copies: z.array(departmentCopy),
});
export const headedDepartmentList = z.object({ items: z.array(headedDepartment) });

// -- the public link page (P-SCOPE) --

const linkToken = z.string().trim().min(16, 'acknowledgement.link-invalid').max(64, 'acknowledgement.link-invalid');
export const openLinkBody = z.strictObject({ token: linkToken });
export const linkDocument = z.object({
  titleAr: z.string(),
  titleEn: z.string(),
  number: z.number(),
  effectiveOn: z.string(),
  bodyAr: z.string().nullable(),
  textSha256: z.string(),
  partyName: z.string(),
});
export const publicAcknowledgeBody = z.strictObject({
  token: linkToken,
  name: text(120),
  idLast4: z.string().regex(/^\d{4}$/, 'acknowledgement.id-last4'),
  textSha256: sha256,
  hasReadToEnd: z.literal(true, 'acknowledgement.read-to-end'),
});

export type Requirement = z.infer<typeof requirement>;
export type RequirementBody = z.infer<typeof requirementBody>;
export type PendingAcknowledgement = z.infer<typeof pendingAcknowledgement>;
export type VersionOverview = z.infer<typeof versionOverview>;
export type VersionStatus = z.infer<typeof versionStatus>;
export type ContractParty = z.infer<typeof contractParty>;
export type LinkDocument = z.infer<typeof linkDocument>;
export type Exemption = z.infer<typeof exemption>;
export type ExemptionBody = z.infer<typeof exemptionBody>;
export type HeadedDepartment = z.infer<typeof headedDepartment>;
