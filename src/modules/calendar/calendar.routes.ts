import { z } from 'zod';
import {
  adminHolidays,
  deadlineAnswer,
  deadlineQuery,
  holiday,
  holidayEditBody,
  holidayEditResult,
  holidaysQuery,
  holidayUndoResult,
  weekendResult,
  weekendSetting,
} from '../../contracts/calendar.js';
import { idParams } from '../../contracts/common.js';
import type { AppContext } from '../../platform/context.js';
import { PUBLIC, staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import * as calendar from './calendar.service.js';
import { getWeekend, updateWeekend } from './weekend.service.js';

const ADMIN = staffOnly(['administrator']);

export function calendarRoutes(app: App, ctx: AppContext): void {
  // Public: no personal data, only the association's days off and deadline arithmetic (issue 4 §3).
  app.get('/api/v1/calendar/holidays', {
    config: { policy: PUBLIC },
    schema: { tags: ['calendar'], querystring: holidaysQuery, response: { 200: z.array(holiday) } },
    handler: (request) => calendar.holidaysForYear(ctx, request.query.year ?? calendar.currentYear(ctx)),
  });

  app.get('/api/v1/calendar/deadline', {
    config: { policy: PUBLIC },
    schema: { tags: ['calendar'], querystring: deadlineQuery, response: { 200: deadlineAnswer } },
    handler: (request) => calendar.deadlineFor(ctx, request.query.from, request.query.workingDays),
  });

  app.get('/api/v1/settings/holidays', {
    config: { policy: ADMIN },
    schema: { tags: ['settings'], querystring: holidaysQuery, response: { 200: adminHolidays } },
    handler: (request) => calendar.adminHolidays(ctx, request.query.year ?? calendar.currentYear(ctx)),
  });

  app.post('/api/v1/settings/holidays', {
    config: { policy: ADMIN },
    schema: { tags: ['settings'], body: holidayEditBody, response: { 201: holidayEditResult } },
    handler: async (request, reply) =>
      reply.code(201).send(await calendar.editHolidays(ctx, { id: staffOf(request).userId }, request.body)),
  });

  app.delete('/api/v1/settings/holidays/edits/:id', {
    config: { policy: ADMIN },
    schema: { tags: ['settings'], params: idParams, response: { 200: holidayUndoResult } },
    handler: async (request) => ({
      ok: true as const,
      ...(await calendar.undoHolidayEdit(ctx, { id: staffOf(request).userId }, request.params.id)),
    }),
  });

  app.get('/api/v1/settings/weekend', {
    config: { policy: ADMIN },
    schema: { tags: ['settings'], response: { 200: weekendResult } },
    handler: () => getWeekend(ctx),
  });

  app.put('/api/v1/settings/weekend', {
    config: { policy: ADMIN },
    schema: { tags: ['settings'], body: weekendSetting, response: { 200: weekendResult } },
    handler: (request) => updateWeekend(ctx, { id: staffOf(request).userId }, request.body.days),
  });
}
