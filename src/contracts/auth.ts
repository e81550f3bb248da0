import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../domain/password-policy.js';
import { language, scopeSchema, staffRole } from './common.js';

export const sessionStage = z.enum(['password-change', 'mfa-enroll', 'mfa', 'active']);

export const signInBody = z.strictObject({
  username: z.string().trim().min(1, 'field.required').max(100, 'field.too-long'),
  password: z.string().min(1, 'field.required').max(1024, 'field.too-long'),
});

/**
 * What this user may start, where no record is involved yet (issue 19 §2): each area's policy says
 * it (the same role lists its create, export and import routes use), through the session.
 */
export const SESSION_ABILITIES = ['registerFamily', 'exportFamilies', 'importFamilies', 'createRequest', 'registerCase'] as const;
export type SessionAbility = (typeof SESSION_ABILITIES)[number];
export const sessionAbilities = z.object({
  registerFamily: z.boolean(),
  exportFamilies: z.boolean(),
  importFamilies: z.boolean(),
  createRequest: z.boolean(),
  /** Register a complaint or an inquiry received by phone, fax, letter or in person. */
  registerCase: z.boolean(),
});
export type SessionAbilities = z.infer<typeof sessionAbilities>;

export const currentUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(staffRole),
  scope: scopeSchema,
  language,
  hasTotp: z.boolean(),
  can: sessionAbilities,
});

export const sessionResponse = z.object({
  stage: sessionStage,
  csrfToken: z.string(),
  user: currentUser,
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, 'field.required').max(1024, 'field.too-long'),
  // Policy checks (length, common passwords) run in the service so their codes are specific.
  newPassword: z
    .string()
    .min(1, 'field.required')
    .max(PASSWORD_MAX_LENGTH * 4, 'password.too-long'),
});

export const totpEnrolmentResponse = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrSvg: z.string(),
});

export const totpCodeBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'totp.format'),
});

export const preferencesBody = z.strictObject({ language });

export type SessionResponse = z.infer<typeof sessionResponse>;
export type CurrentUser = z.infer<typeof currentUser>;
export type SessionStageValue = z.infer<typeof sessionStage>;
