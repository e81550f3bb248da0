import { z } from 'zod';
import { idParams } from '../../contracts/common.js';
import {
  audienceCount,
  bulkAudience,
  bulkResults,
  bulkResultsQuery,
  bulkSend,
  bulkSendList,
  callOutcomeBody,
  createBulkSendBody,
  markSentBody,
  notificationSettings,
  outboxList,
  outboxListQuery,
  outboxMessage,
  staffNotification,
  staffNotificationList,
  staffNotificationsQuery,
  tasksQuery,
  template,
  templateCatalog,
  templateParams,
  updateTemplateBody,
} from '../../contracts/notifications.js';
import type { AppContext } from '../../platform/context.js';
import { staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import * as bulk from './bulk-send.service.js';
import { BULK_READERS, BULK_SENDERS, OUTBOX_ADMINS, STAFF_TASK_ROLES, TEMPLATE_EDITORS } from './notifications.policy.js';
import { getNotificationSettings, updateNotificationSettings } from './notifications.settings.js';
import { renderLetter } from './outbox.letter.js';
import * as outbox from './outbox.service.js';
import * as inbox from './staff-inbox.service.js';
import * as tasks from './staff-tasks.service.js';
import * as templates from './templates.service.js';

const ADMIN = staffOnly(OUTBOX_ADMINS, 'families');
const TASKS = staffOnly(STAFF_TASK_ROLES, 'families');
const BULK_SEND = staffOnly(BULK_SENDERS, 'families');
const BULK_READ = staffOnly(BULK_READERS, 'families');

export function notificationRoutes(app: App, ctx: AppContext): void {
  // ---- the outbox page (administrators) ----
  app.get('/api/v1/notifications/outbox', {
    config: { policy: ADMIN },
    schema: { tags: ['notifications'], querystring: outboxListQuery, response: { 200: outboxList } },
    handler: (request) => outbox.listOutbox(ctx, staffOf(request), request.query),
  });

  app.get('/api/v1/notifications/outbox/:id', {
    config: { policy: TASKS },
    schema: { tags: ['notifications'], params: idParams, response: { 200: outboxMessage } },
    handler: (request) => outbox.getMessage(ctx, staffOf(request), request.params.id),
  });

  app.post('/api/v1/notifications/outbox/:id/retry', {
    config: { policy: ADMIN },
    schema: { tags: ['notifications'], params: idParams, response: { 200: outboxMessage } },
    handler: (request) => outbox.retryMessage(ctx, staffOf(request), request.params.id),
  });

  app.post('/api/v1/notifications/outbox/:id/cancel', {
    config: { policy: ADMIN },
    schema: { tags: ['notifications'], params: idParams, response: { 200: outboxMessage } },
    handler: (request) => outbox.cancelMessage(ctx, staffOf(request), request.params.id),
  });

  // ---- bulk sends (issue 20 §2, G3) ----
  app.post('/api/v1/notifications/bulk-sends/preview', {
    config: { policy: BULK_SEND },
    schema: { tags: ['notifications'], body: z.strictObject({ audience: bulkAudience }), response: { 200: audienceCount } },
    handler: (request) => bulk.previewAudience(ctx, staffOf(request), request.body.audience),
  });

  app.post('/api/v1/notifications/bulk-sends', {
    config: { policy: BULK_SEND },
    schema: { tags: ['notifications'], body: createBulkSendBody, response: { 201: bulkSend } },
    handler: async (request, reply) => reply.code(201).send(await bulk.createBulkSend(ctx, staffOf(request), request.body)),
  });

  app.get('/api/v1/notifications/bulk-sends', {
    config: { policy: BULK_READ },
    schema: {
      tags: ['notifications'],
      querystring: z.strictObject({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
      response: { 200: bulkSendList },
    },
    handler: (request) => bulk.listBulkSends(ctx, staffOf(request), request.query),
  });

  app.get('/api/v1/notifications/bulk-sends/:id', {
    config: { policy: BULK_READ },
    schema: { tags: ['notifications'], params: idParams, response: { 200: bulkSend } },
    handler: (request) => bulk.getBulkSend(ctx, staffOf(request), request.params.id),
  });

  app.get('/api/v1/notifications/bulk-sends/:id/results', {
    config: { policy: BULK_READ },
    schema: { tags: ['notifications'], params: idParams, querystring: bulkResultsQuery, response: { 200: bulkResults } },
    handler: (request) => bulk.bulkResults(ctx, staffOf(request), request.params.id, request.query),
  });

  app.post('/api/v1/notifications/bulk-sends/:id/cancel', {
    config: { policy: BULK_SEND },
    schema: { tags: ['notifications'], params: idParams, response: { 200: bulkSend } },
    handler: (request) => bulk.cancelBulkSend(ctx, staffOf(request), request.params.id),
  });

  // ---- letters, faxes and calls: staff tasks ----
  app.get('/api/v1/notifications/tasks', {
    config: { policy: TASKS },
    schema: {
      tags: ['notifications'],
      querystring: tasksQuery,
      response: { 200: z.object({ items: outboxList.shape.items, nextCursor: z.string().nullable() }) },
    },
    handler: (request) => tasks.listStaffTasks(ctx, staffOf(request), request.query),
  });

  // The printable letter (A4, letterhead); the staff app opens it in a window and prints it.
  app.get('/api/v1/notifications/outbox/:id/letter', {
    config: { policy: TASKS },
    schema: { tags: ['notifications'], params: idParams, produces: ['text/html'] },
    handler: async (request, reply) =>
      reply.type('text/html; charset=utf-8').send(await renderLetter(ctx, staffOf(request), request.params.id)),
  });

  app.post('/api/v1/notifications/outbox/:id/sent', {
    config: { policy: TASKS },
    schema: { tags: ['notifications'], params: idParams, body: markSentBody, response: { 200: outboxMessage } },
    handler: (request) => tasks.markLetterSent(ctx, staffOf(request), request.params.id, request.body),
  });

  app.post('/api/v1/notifications/outbox/:id/call', {
    config: { policy: TASKS },
    schema: { tags: ['notifications'], params: idParams, body: callOutcomeBody, response: { 200: outboxMessage } },
    handler: (request) => tasks.recordCall(ctx, staffOf(request), request.params.id, request.body),
  });

  // ---- the staff app's own messages ----
  app.get('/api/v1/me/notifications', {
    config: { policy: staffOnly('any-role', 'self') },
    schema: { tags: ['notifications'], querystring: staffNotificationsQuery, response: { 200: staffNotificationList } },
    handler: (request) => inbox.listMyNotifications(ctx, staffOf(request), request.query),
  });

  app.post('/api/v1/me/notifications/:id/read', {
    config: { policy: staffOnly('any-role', 'self') },
    schema: { tags: ['notifications'], params: idParams, response: { 200: staffNotification } },
    handler: (request) => inbox.markNotificationRead(ctx, staffOf(request), request.params.id),
  });

  // ---- templates and settings (administrators) ----
  const EDITORS = staffOnly(TEMPLATE_EDITORS);

  app.get('/api/v1/notifications/templates', {
    config: { policy: EDITORS },
    schema: { tags: ['notifications'], response: { 200: templateCatalog } },
    handler: () => templates.listTemplateCatalog(ctx),
  });

  app.get('/api/v1/notifications/templates/:event/:channel/:language', {
    config: { policy: EDITORS },
    schema: { tags: ['notifications'], params: templateParams, response: { 200: template } },
    handler: (request) => templates.getTemplate(ctx, request.params.event, request.params.channel, request.params.language),
  });

  app.put('/api/v1/notifications/templates/:event/:channel/:language', {
    config: { policy: EDITORS },
    schema: { tags: ['notifications'], params: templateParams, body: updateTemplateBody, response: { 200: template } },
    handler: (request) => templates.updateTemplate(ctx, { id: staffOf(request).userId }, request.params, request.body),
  });

  app.delete('/api/v1/notifications/templates/:event/:channel/:language', {
    config: { policy: EDITORS },
    schema: { tags: ['notifications'], params: templateParams, response: { 200: template } },
    handler: (request) => templates.resetTemplate(ctx, { id: staffOf(request).userId }, request.params),
  });

  app.get('/api/v1/notifications/settings', {
    config: { policy: EDITORS },
    schema: { tags: ['notifications'], response: { 200: notificationSettings } },
    handler: () => getNotificationSettings(ctx),
  });

  app.put('/api/v1/notifications/settings', {
    config: { policy: EDITORS },
    schema: { tags: ['notifications'], body: notificationSettings, response: { 200: notificationSettings } },
    handler: (request) => updateNotificationSettings(ctx, { id: staffOf(request).userId }, request.body),
  });
}
