import type { AreaManifest } from '../../platform/area.js';
import type { BilingualLabel, PersonalTable } from '../../platform/personal-data.js';
import { familyRegistered } from '../families/index.js';
import { notificationJobs } from './notifications.jobs.js';
import { BULK_READERS, OUTBOX_ADMINS, STAFF_TASK_ROLES } from './notifications.policy.js';
import { deliveryReportRoutes } from './notifications.reports-routes.js';
import { notificationRoutes } from './notifications.routes.js';
import { outboxAad } from './outbox.enqueue.js';
import { tellFamilyRegistered } from './registration-message.js';

export { ownedBulkProgress, startOwnedBulkSend, stopOwnedBulkSend } from './bulk-send.owned.js';
export {
  type BulkBatchPayload,
  type BulkPayloadProvider,
  bulkPayloads,
  type FamilyOutcome,
  type FamilyPayload,
  type OwnedBulkProgress,
} from './bulk-send.payloads.js';
export { previewAudience, scopedAudience } from './bulk-send.service.js';
/** A batch's reads made once for all its families, handed to each `enqueueMessage` (issue 20 "per-batch reads"). */
export { readForBatch } from './outbox.batch-reads.js';
/** Issue 27 §7: the configured transports, for the set-up checklist's test message. */
export { configuredTransports, type DispatchOptions } from './outbox.dispatcher.js';
/**
 * The outbox's public face (C5, G3): areas write messages in their own transaction with
 * `enqueueMessage`; the dispatcher delivers them.
 */
export { type ContactChannel, enqueueMessage, type Recipient } from './outbox.enqueue.js';
export { maskAddress } from './outbox.service.js';
export {
  hasMessageAbout,
  type MessageSent,
  messageSent,
  messagesAbout,
  ON_THE_WAY_STATUSES,
  TOLD_STATUSES,
} from './outbox.states.js';

const sealed = (column: 'address' | 'subject' | 'body' | 'transport_data' | 'outcome_note', holds: string, label: BilingualLabel) => ({
  column,
  kind: 'encrypted' as const,
  holds,
  label,
  erase: 'null' as const,
  aad: (k: { id: string }) => outboxAad(k.id, column),
});

const NOTIFICATIONS_PERSONAL_DATA: readonly PersonalTable[] = [
  {
    table: 'outbox_messages',
    key: ['id'],
    subject: 'recipient',
    columns: [
      sealed('address', 'where the message goes (mobile, e-mail, postal address)', { ar: 'العنوان', en: 'Address' }),
      sealed('subject', 'the subject', { ar: 'الموضوع', en: 'Subject' }),
      sealed('body', 'the text (erased once a one-time code is finished)', { ar: 'النص', en: 'Text' }),
      sealed('transport_data', 'what the transport answered', { ar: 'ردّ مزوّد الإرسال', en: 'What the provider answered' }),
      // Issue 25 §3 (decision 015): staff's note on a call or letter, left out of the access copy.
      { ...sealed('outcome_note', 'staff’s note on a call or letter', { ar: 'ملاحظة الموظف', en: 'Staff note' }), accessCopy: 'internal' },
    ],
    // Issue 25 §5: that a message went, when and on which channel stays; where and what it said goes —
    // a family's messages, and those sent to a complaint's or inquiry's writer about it (a complainant
    // who is not a registered family is erased with the case).
    erasure: {
      rows: 'update',
      of: [
        { column: 'recipient_id', where: { recipient_kind: 'family' } },
        ...(['complaint', 'inquiry'] as const).map((about) => ({
          column: 'about_id',
          where: { about_type: about, recipient_kind: 'contact' },
          in: { table: 'complaints', rows: { column: 'family_id' } },
        })),
      ],
    },
  },
];

export const notificationsArea: AreaManifest = {
  name: 'notifications',
  routes: (app, ctx) => {
    notificationRoutes(app, ctx);
    // Issue 20 §5: the transports' delivery reports (public, each closed until its secret is set).
    deliveryReportRoutes(app, ctx);
  },
  jobs: notificationJobs,
  wire(ctx) {
    // C5 (issue 27 §2): a family's registration is told on its agreed channel.
    ctx.hooks.on(familyRegistered, (registered) => tellFamilyRegistered(ctx, registered));
  },
  // Issue 25 §7 (F2): the record of processing — purpose, the roles of the read routes, retention.
  processing: {
    purpose: {
      ar: 'إرسال الرسائل إلى الأسر وأصحاب الشكاوى والاستفسارات على القنوات المتفق عليها',
      en: 'Sending messages to families and to complaints’ and inquiries’ writers on their agreed channels',
    },
    readers: [...new Set([...OUTBOX_ADMINS, ...STAFF_TASK_ROLES, ...BULK_READERS])],
    retention: ['families', 'complaints'],
  },
  personalData: NOTIFICATIONS_PERSONAL_DATA,
  auditKinds: [
    'bulk-send.cancel',
    'bulk-send.create',
    'message.call',
    'message.cancel',
    'message.list',
    'message.mark-sent',
    'message.print',
    'message.queue',
    'message.read',
    'message.retry',
    'message.tasks',
    'message.view',
    'settings.update',
    'template.reset',
    'template.update',
  ],
};
