import { z } from 'zod';
import { scopeSchema, searchText, staffRole, text } from './common.js';

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,49}$/, 'username.format');

const email = z.email('field.email').max(254, 'field.too-long');

/**
 * What this user may do with this staff account now (issue 19 §2), from the staff policy — the
 * routes' checks: administrators manage accounts; nobody deactivates their own.
 */
export const staffUserAbilities = z.object({
  edit: z.boolean(),
  deactivate: z.boolean(),
  reactivate: z.boolean(),
  /** Issue a new one-time password and, optionally, clear the second factor. */
  reset: z.boolean(),
});
export type StaffUserAbilities = z.infer<typeof staffUserAbilities>;

export const staffUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  roles: z.array(staffRole),
  scope: scopeSchema,
  /** Issue 26 §4 (R2): null for accounts made before departments existed. */
  departmentId: z.string().nullable(),
  isActive: z.boolean(),
  hasTotp: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  deactivatedAt: z.string().nullable(),
  abilities: staffUserAbilities,
});

export const createStaffBody = z.strictObject({
  username,
  displayName: text(120),
  email: email.nullable().optional(),
  roles: z.array(staffRole).min(1, 'roles.required').max(8),
  scope: scopeSchema,
  /** Required once the association has departments (the service's `department.required`). */
  departmentId: z.uuid('field.invalid-id').nullable().optional(),
});

export const updateStaffBody = z.strictObject({
  displayName: text(120).optional(),
  email: email.nullable().optional(),
  roles: z.array(staffRole).min(1, 'roles.required').max(8).optional(),
  scope: scopeSchema.optional(),
  departmentId: z.uuid('field.invalid-id').nullable().optional(),
});

export const resetStaffBody = z.strictObject({
  resetTotp: z.boolean().default(false),
});

export const staffListQuery = z.strictObject({
  q: searchText(100).optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  sort: z.enum(['username', 'displayName', 'createdAt']).default('displayName'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const staffList = z.object({
  items: z.array(staffUser),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const staffWithPassword = z.object({ user: staffUser, oneTimePassword: z.string() });

export type StaffUser = z.infer<typeof staffUser>;
/** An account as the staff service reads it; the routes add what the caller may do with it. */
export type StaffAccount = Omit<StaffUser, 'abilities'>;
export type CreateStaffBody = z.infer<typeof createStaffBody>;
export type UpdateStaffBody = z.infer<typeof updateStaffBody>;
export type StaffListQuery = z.infer<typeof staffListQuery>;
