import type { AreaManifest } from '../../platform/area.js';
import type { PersonalTable } from '../../platform/personal-data.js';
/** Staff accounts' public face: the principal of a session, sign-in's account reads, the first administrator. */
import { totpAad } from './staff.accounts.js';
import { STAFF_READERS } from './staff.policy.js';
import { staffRoutes } from './staff.routes.js';

export { findAccount, findAccountByUsername, loadAccountRecord, totpAad, updateAccount } from './staff.accounts.js';
/** Issue 26 §4 (R2): departments and sections, and the staff who must acknowledge a policy. */
export { activeStaffMembers, listDepartments, type StaffMember, staffDepartmentOf } from './staff.departments.js';
export {
  activeStaffNames,
  activeStaffWithRole,
  holdersOfRoles,
  searchActiveStaff,
  staffContact,
  staffNames,
} from './staff.directory.js';
export { createOrRecoverAdministrator, ensureFirstAdministrator, loadStaffPrincipal } from './staff.service.js';

const STAFF_PERSONAL_DATA: readonly PersonalTable[] = [
  {
    table: 'staff_users',
    key: ['id'],
    subject: 'staff',
    columns: [
      {
        column: 'totp_secret',
        kind: 'encrypted',
        holds: 'the authenticator secret',
        label: { ar: 'مفتاح تطبيق المصادقة', en: 'Authenticator secret' },
        aad: (k) => totpAad(k.id as string),
      },
      { column: 'display_name', kind: 'plain', holds: 'the staff member’s name', label: { ar: 'اسم الموظف', en: 'Staff member’s name' } },
      {
        column: 'email',
        kind: 'plain',
        holds: 'the staff member’s e-mail',
        label: { ar: 'البريد الإلكتروني للموظف', en: 'Staff member’s e-mail' },
      },
    ],
  },
];

export const staffArea: AreaManifest = {
  name: 'staff',
  routes: (app, ctx) => staffRoutes(app, ctx),
  // Issue 25 §7 (F2): the record of processing — purpose, the roles of the read routes, retention.
  processing: {
    purpose: { ar: 'إدارة حسابات الموظفين ودخولهم إلى النظام', en: 'Managing staff accounts and their sign-in' },
    readers: STAFF_READERS,
    retention: [],
  },
  personalData: STAFF_PERSONAL_DATA,
  auditKinds: [
    'department.create',
    'department.update',
    'staff.create',
    'staff.deactivate',
    'staff.reactivate',
    'staff.recover-admin',
    'staff.reset',
    'staff.update',
  ],
};
