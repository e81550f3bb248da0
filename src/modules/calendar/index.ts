import type { AreaManifest } from '../../platform/area.js';
import { calendarJobs } from './calendar.jobs.js';
import { calendarRoutes } from './calendar.routes.js';

/** The working-day calendar's public face: clocks other areas start, pause and read (C6, E1). */
export {
  type ClockEvent,
  getClock,
  getClocks,
  markClockEventHandled,
  pauseClock,
  pendingClockEvents,
  resumeClock,
  settledCalendarRevision,
  startClock,
  stopClock,
  workingDaysLeftOn,
} from './clocks.service.js';
export { currentCalendar } from './working-calendar.js';

export const calendarArea: AreaManifest = {
  name: 'calendar',
  routes: (app, ctx) => calendarRoutes(app, ctx),
  jobs: calendarJobs,
  auditKinds: ['holiday.edit', 'holiday.undo', 'settings.update'],
};
