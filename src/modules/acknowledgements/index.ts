import type { AreaManifest } from '../../platform/area.js';
import { staffGates } from '../../platform/http/staff-gates.js';
import type { PersonalTable } from '../../platform/personal-data.js';
import { acknowledgementGate } from './acknowledgements.gate.js';
import { ACK_HR } from './acknowledgements.policy.js';
import { acknowledgementPublicRoutes } from './acknowledgements.public.js';
import { acknowledgementRoutes } from './acknowledgements.routes.js';

/**
 * Policy acknowledgements (issue 26 §4–§5; R1, R2, F4, P-SCOPE): which document versions staff must
 * acknowledge, the sign-in step and the gate after the grace period, contract parties' one-time
 * links, exemptions, and HR's view with reminders, department receipts and the export.
 */
const ACK_PERSONAL_DATA: readonly PersonalTable[] = [
  {
    table: 'contract_parties',
    key: ['id'],
    subject: 'recipient',
    columns: [
      {
        column: 'name',
        kind: 'plain',
        holds: 'the contract party’s name',
        label: { ar: 'اسم الطرف المتعاقد', en: 'Contract party’s name' },
      },
      {
        column: 'address',
        kind: 'encrypted',
        holds: 'the mobile or e-mail the link goes to',
        label: { ar: 'رقم الجوال أو البريد الإلكتروني', en: 'Mobile or e-mail' },
        aad: (k) => `contract-party:${k.id}:address`,
      },
    ],
  },
  {
    table: 'acknowledgements',
    key: ['id'],
    subject: 'mixed',
    columns: [
      {
        column: 'signer_name',
        kind: 'plain',
        holds: 'the name a contract party gave when acknowledging',
        label: { ar: 'اسم المُقرّ', en: 'Name given when acknowledging' },
      },
      {
        column: 'id_last4',
        kind: 'plain',
        holds: 'the last four digits of a contract party’s ID number',
        label: { ar: 'آخر أربعة أرقام من رقم الهوية', en: 'Last four digits of the ID number' },
      },
    ],
  },
  {
    table: 'ack_exemptions',
    key: ['id'],
    subject: 'mixed',
    columns: [
      {
        column: 'replaced_by',
        kind: 'plain',
        holds: 'the policy that replaces this one for the person exempted',
        label: { ar: 'السياسة البديلة للمُعفى', en: 'Policy that replaces it for the person exempted' },
      },
    ],
  },
];

export const acknowledgementsArea: AreaManifest = {
  name: 'acknowledgements',
  routes: (app, ctx, options) => {
    acknowledgementRoutes(app, ctx);
    acknowledgementPublicRoutes(app, ctx, options.webDir);
  },
  wire(ctx) {
    // R1: an overdue acknowledgement closes every staff route but its own, sign-out and the current user.
    ctx.hooks.provide(staffGates, 'acknowledgements', (principal) => acknowledgementGate(ctx, principal));
  },
  // Issue 25 §7 (F2): the record of processing — purpose, the roles of the read routes, retention.
  processing: {
    purpose: {
      ar: 'توثيق إقرار الموظفين والأطراف المتعاقدة بسياسات الجمعية',
      en: 'Recording staff’s and contract parties’ acknowledgement of the association’s policies',
    },
    readers: ACK_HR,
    retention: [],
  },
  personalData: ACK_PERSONAL_DATA,
  auditKinds: ['acknowledgement.*'],
};
