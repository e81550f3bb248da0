import { idParams } from '../../contracts/common.js';
import { createDepartmentBody, department, departmentList, updateDepartmentBody } from '../../contracts/departments.js';
import {
  createStaffBody,
  resetStaffBody,
  staffList,
  staffListQuery,
  staffUser,
  staffWithPassword,
  updateStaffBody,
} from '../../contracts/staff.js';
import type { AppContext } from '../../platform/context.js';
import { staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { createDepartment, listDepartments, updateDepartment } from './staff.departments.js';
import { STAFF_MANAGERS, STAFF_READERS, withAbilities } from './staff.policy.js';
import * as staff from './staff.service.js';

/** The writer of an account change: who, and the scope they may hand out (issue 21 §1). */
function writerOf(request: Parameters<typeof staffOf>[0]) {
  const principal = staffOf(request);
  return { id: principal.userId, scope: principal.scope };
}

// R2 later lets HR read the staff list for policy acknowledgements; managing accounts is the administrator's.
const READ = staffOnly(STAFF_READERS);
const MANAGE = staffOnly(STAFF_MANAGERS);

// Issue 26 §4: departments are an administrator's setting; HR and documents editors read them (acknowledgement audiences).
const DEPARTMENT_READERS = staffOnly(['administrator', 'hr', 'documents-editor']);

export function staffRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/staff/departments', {
    config: { policy: DEPARTMENT_READERS },
    schema: { tags: ['staff'], response: { 200: departmentList } },
    handler: async () => ({ items: await listDepartments(ctx) }),
  });
  app.post('/api/v1/staff/departments', {
    config: { policy: MANAGE },
    schema: { tags: ['staff'], body: createDepartmentBody, response: { 201: department } },
    handler: async (request, reply) => reply.code(201).send(await createDepartment(ctx, staffOf(request), request.body)),
  });
  app.patch('/api/v1/staff/departments/:id', {
    config: { policy: MANAGE },
    schema: { tags: ['staff'], params: idParams, body: updateDepartmentBody, response: { 200: department } },
    handler: (request) => updateDepartment(ctx, staffOf(request), request.params.id, request.body),
  });

  app.get('/api/v1/staff/users', {
    config: { policy: READ },
    schema: { tags: ['staff'], querystring: staffListQuery, response: { 200: staffList } },
    handler: async (request) => {
      const list = await staff.listStaffUsers(ctx, request.query);
      return { ...list, items: list.items.map((account) => withAbilities(staffOf(request), account)) };
    },
  });

  app.get('/api/v1/staff/users/:id', {
    config: { policy: READ },
    schema: { tags: ['staff'], params: idParams, response: { 200: staffUser } },
    handler: async (request) => withAbilities(staffOf(request), await staff.getStaffUser(ctx, request.params.id)),
  });

  app.post('/api/v1/staff/users', {
    config: { policy: MANAGE },
    schema: { tags: ['staff'], body: createStaffBody, response: { 201: staffWithPassword } },
    handler: async (request, reply) => {
      const { user, oneTimePassword } = await staff.createStaffUser(ctx, writerOf(request), request.body);
      return reply.code(201).send({ user: withAbilities(staffOf(request), user), oneTimePassword });
    },
  });

  app.patch('/api/v1/staff/users/:id', {
    config: { policy: MANAGE },
    schema: { tags: ['staff'], params: idParams, body: updateStaffBody, response: { 200: staffUser } },
    handler: async (request) =>
      withAbilities(staffOf(request), await staff.updateStaffUser(ctx, writerOf(request), request.params.id, request.body)),
  });

  app.post('/api/v1/staff/users/:id/deactivate', {
    config: { policy: MANAGE },
    schema: { tags: ['staff'], params: idParams, response: { 200: staffUser } },
    handler: async (request) =>
      withAbilities(staffOf(request), await staff.setStaffActive(ctx, { id: staffOf(request).userId }, request.params.id, false)),
  });

  app.post('/api/v1/staff/users/:id/reactivate', {
    config: { policy: MANAGE },
    schema: { tags: ['staff'], params: idParams, response: { 200: staffUser } },
    handler: async (request) =>
      withAbilities(staffOf(request), await staff.setStaffActive(ctx, { id: staffOf(request).userId }, request.params.id, true)),
  });

  app.post('/api/v1/staff/users/:id/reset', {
    config: { policy: MANAGE },
    schema: { tags: ['staff'], params: idParams, body: resetStaffBody, response: { 200: staffWithPassword } },
    handler: async (request) => {
      const { user, oneTimePassword } = await staff.resetStaffUser(ctx, { id: staffOf(request).userId }, request.params.id, request.body);
      return { user: withAbilities(staffOf(request), user), oneTimePassword };
    },
  });
}
