/**
 * Calls per second of the table-backed working-day calendar against a naive day-by-day loop over
 * the same holidays (issue 7 §5: at least 20× the naive loop). Run alone: `npx tsx
 * bench/calendar.bench.ts`; `npm run bench` calls `runCalendarBench` and records the figures.
 */
import { pathToFileURL } from 'node:url';
import { createWorkingCalendar } from '../src/domain/calendar.js';
import { computeDefaultHolidays } from '../src/domain/holidays.js';

const calendar = createWorkingCalendar({ holidaysForYear: computeDefaultHolidays });

// Start days spread over 2020–2098 so the cache holds many years, as a server recomputing clocks would.
const starts: string[] = [];
for (let i = 0; i < 4096; i++) starts.push(new Date(Date.UTC(2020, 0, 1) + ((i * 7919) % 28_500) * 86_400_000).toISOString().slice(0, 10));
const spans = starts.map((_, i) => 1 + (i % 30));
const deadlines = starts.map((from, i) => calendar.addWorkingDays(from, spans[i]!));

const daysOff = new Set<string>();
for (let year = 2020; year <= 2100; year++) for (const holiday of computeDefaultHolidays(year)) daysOff.add(holiday.date);

/** What a clock would do without a table: step one day at a time. */
function naiveAddWorkingDays(from: string, n: number): string {
  const day = new Date(`${from}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    const weekday = day.getUTCDay();
    if (weekday !== 5 && weekday !== 6 && !daysOff.has(day.toISOString().slice(0, 10))) left--;
  }
  return day.toISOString().slice(0, 10);
}

function measure(call: (i: number) => unknown, budgetMs: number): number {
  for (let i = 0; i < 50_000; i++) call(i & 4095); // warm up the JIT and the year tables
  let calls = 0;
  let sink = 0; // consumed below so the engine cannot drop the calls as dead code
  const started = performance.now();
  while (performance.now() - started < budgetMs) {
    for (let i = 0; i < 10_000; i++) sink += String(call((calls + i) & 4095)).length;
    calls += 10_000;
  }
  const perSecond = calls / ((performance.now() - started) / 1000);
  if (sink === 0) throw new Error('no answers');
  return Math.round(perSecond);
}

export interface CalendarBench {
  /** Calls per second of each measured call. */
  callsPerSecond: Record<string, number>;
  /** addWorkingDays (1–30 days) ÷ the naive loop over the same spans. */
  speedup: number;
}

/** Measures each call for `budgetMs` after checking that the table and the naive loop agree. */
export function runCalendarBench({ budgetMs = 1000, print = false }: { budgetMs?: number; print?: boolean } = {}): CalendarBench {
  for (let i = 0; i < starts.length; i++) {
    if (naiveAddWorkingDays(starts[i]!, spans[i]!) !== deadlines[i]) throw new Error(`Disagreement from ${starts[i]}`);
  }
  const pauses = [{ from: '2030-01-05', to: '2030-02-10' }];
  const calls: [string, (i: number) => unknown][] = [
    ['addWorkingDays (1–30 days)', (i) => calendar.addWorkingDays(starts[i]!, spans[i]!)],
    ['addWorkingDays, 15 days (C6)', (i) => calendar.addWorkingDays(starts[i]!, 15)],
    ['workingDaysBetween', (i) => calendar.workingDaysBetween(starts[i]!, deadlines[i]!)],
    ['isWorkingDay', (i) => calendar.isWorkingDay(starts[i]!)],
    ['addWorkingDays with one pause', (i) => calendar.addWorkingDays(starts[i]!, spans[i]!, pauses)],
    ['naive day loop (1–30 days)', (i) => naiveAddWorkingDays(starts[i]!, spans[i]!)],
  ];
  const callsPerSecond: Record<string, number> = {};
  for (const [name, call] of calls) {
    callsPerSecond[name] = measure(call, budgetMs);
    if (print) console.log(`${name.padEnd(44)} ${callsPerSecond[name]!.toLocaleString('en').padStart(12)} calls/s`);
  }
  const speedup = callsPerSecond['addWorkingDays (1–30 days)']! / callsPerSecond['naive day loop (1–30 days)']!;
  if (print) console.log(`${'table ÷ naive loop'.padEnd(44)} ${speedup.toFixed(1).padStart(12)}×`);
  return { callsPerSecond, speedup: Math.round(speedup * 10) / 10 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) runCalendarBench({ print: true });
