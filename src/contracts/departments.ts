import { z } from 'zod';
import { text } from './common.js';

/**
 * Issue 26 §4 (R2): departments and sections — a setting apart from offices. A section names its
 * department (`parentId`); each has an optional head, who records the receipt of a policy's copy.
 */
export const department = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  nameAr: z.string(),
  nameEn: z.string(),
  headUserId: z.string().nullable(),
  headName: z.string().nullable(),
  isActive: z.boolean(),
});

export const departmentList = z.object({ items: z.array(department) });

export const createDepartmentBody = z.strictObject({
  nameAr: text(120),
  nameEn: text(120),
  parentId: z.uuid('field.invalid-id').nullable().default(null),
  headUserId: z.uuid('field.invalid-id').nullable().default(null),
});

export const updateDepartmentBody = z.strictObject({
  nameAr: text(120).optional(),
  nameEn: text(120).optional(),
  parentId: z.uuid('field.invalid-id').nullable().optional(),
  headUserId: z.uuid('field.invalid-id').nullable().optional(),
  isActive: z.boolean().optional(),
});

export type Department = z.infer<typeof department>;
export type CreateDepartmentBody = z.infer<typeof createDepartmentBody>;
export type UpdateDepartmentBody = z.infer<typeof updateDepartmentBody>;
