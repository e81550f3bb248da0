import { z } from 'zod';
import { code, longText, text } from './common.js';
import { mobile, nationalId } from './families.js';

/**
 * The public complaints and inquiries link (issue 6 §1–§3; E1, C1, G2): form options, uploads,
 * submissions and lookups by tracking code; and the administrator's settings for it.
 */

export const caseKind = z.enum(['complaint', 'inquiry']);
export const publicStep = z.enum(['received', 'acknowledged', 'in-progress', 'responded', 'closed']);

// ---- settings (administrator) ----

export const complaintTopic = z.strictObject({
  code,
  kind: caseKind,
  nameAr: text(120),
  nameEn: text(120),
  isActive: z.boolean(),
});

export const complaintsSettings = z.strictObject({
  /** Complaint and inquiry categories offered on the public form. */
  topics: z.array(complaintTopic).min(1).max(100),
  /** The privacy notice shown on the form; its version is stored with each submission. */
  privacyNoticeVersion: text(40),
  privacyNoticeAr: longText(2000).min(1, 'field.required'),
  privacyNoticeEn: longText(2000).min(1, 'field.required'),
  /** Per-address limits (issue 6 §1): submissions per window, uploads per window, lookups per minute. */
  submissionsPerWindow: z.number().int().min(1).max(1000),
  submissionWindowMinutes: z.number().int().min(1).max(1440),
  uploadsPerWindow: z.number().int().min(1).max(5000),
  lookupsPerMinute: z.number().int().min(1).max(1000),
  maxAttachments: z.number().int().min(0).max(10),
  /** At most 10 MB, the file store's own ceiling. */
  maxUploadBytes: z
    .number()
    .int()
    .min(100 * 1024)
    .max(10 * 1024 * 1024),
  /** E1: the complaint clock in working days (the policy names none; these are Sila's defaults). */
  acknowledgeWorkingDays: z.number().int().min(0).max(30),
  resolveWorkingDays: z.number().int().min(1).max(120),
  inquiryAnswerWorkingDays: z.number().int().min(1).max(120),
  warningWorkingDays: z.number().int().min(0).max(30),
});
export type ComplaintsSettings = z.infer<typeof complaintsSettings>;
export type ComplaintTopic = z.infer<typeof complaintTopic>;

// ---- public API ----

export const formOptions = z.object({
  topics: z.array(z.object({ code: z.string(), kind: caseKind, nameAr: z.string(), nameEn: z.string() })),
  domains: z.array(z.object({ code: z.string(), nameAr: z.string(), nameEn: z.string() })),
  privacyNoticeVersion: z.string(),
  privacyNotice: z.object({ ar: z.string(), en: z.string() }),
  attachments: z.object({ maxCount: z.number(), maxBytes: z.number(), mediaTypes: z.array(z.string()) }),
});

export const uploadReceipt = z.object({ uploadToken: z.string(), expiresAt: z.string() });

const uploadToken = z.string().min(1, 'field.required').max(100, 'field.too-long');
const optionalText = (max: number) => text(max).optional();

const writerFields = {
  name: optionalText(120),
  mobile: mobile.optional(),
  email: z.email('field.email').max(254, 'field.too-long').optional(),
  nationalId: nationalId.optional(),
  topic: code,
  domain: code.optional(),
  description: longText(5000).min(10, 'field.too-short'),
  attachments: z.array(uploadToken).max(10, 'attachments.too-many').default([]),
  privacyNoticeVersion: text(40),
  /** Honeypot (issue 6 §1): people never see it; when filled the answer looks like success and nothing is stored. */
  website: z.string().max(500).optional(),
};

type Issue = { pointer: string; code: string };
function requireWriter(value: { name?: string; mobile?: string; email?: string }, issues: Issue[]) {
  if (!value.name) issues.push({ pointer: 'name', code: 'field.required' });
  if (!value.mobile && !value.email) issues.push({ pointer: 'mobile', code: 'contact.required' });
}

/** A named complaint needs a name and a way to send news; an anonymous one needs neither and carries no identity. */
export const complaintBody = z
  .strictObject({ anonymous: z.boolean(), ...writerFields, remedy: longText(2000).optional() })
  .superRefine((value, ctx) => {
    const issues: Issue[] = [];
    if (value.anonymous) {
      if (value.name) issues.push({ pointer: 'name', code: 'complaint.anonymous-with-identity' });
      if (value.nationalId) issues.push({ pointer: 'nationalId', code: 'complaint.anonymous-with-identity' });
    } else requireWriter(value, issues);
    for (const issue of issues) ctx.addIssue({ code: 'custom', path: [issue.pointer], message: issue.code });
  });

export const inquiryBody = z.strictObject(writerFields).superRefine((value, ctx) => {
  const issues: Issue[] = [];
  requireWriter(value, issues);
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: [issue.pointer], message: issue.code });
});

export type ComplaintBody = z.infer<typeof complaintBody>;
export type InquiryBody = z.infer<typeof inquiryBody>;

export const submissionReceipt = z.object({ reference: z.string(), trackingCode: z.string() });
export type SubmissionReceipt = z.infer<typeof submissionReceipt>;

/** Any string up to 64 characters: a malformed code answers 404 like an unknown one. */
export const lookupBody = z.strictObject({ trackingCode: z.string().max(64, 'field.too-long') });

export const lookupResult = z.object({
  reference: z.string(),
  status: publicStep,
  timeline: z.array(z.object({ step: publicStep, at: z.string() })),
  response: z.string().nullable(),
});
export type LookupResult = z.infer<typeof lookupResult>;
