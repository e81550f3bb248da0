import { parentPort, workerData } from 'node:worker_threads';
import type { StoredHolidayEdit } from '../../src/modules/calendar/calendar.repo.js';
import { buildCalendarView } from '../../src/modules/calendar/working-calendar.js';
import { Encryptor, parseKeyList } from '../../src/platform/crypto/keyring.js';
import { BulkEncryptor } from './bulk-crypto.js';
import { FamilyTimeline } from './families.js';
import { generateRequests, type RequestsEnv } from './requests-chunk.js';

/** What a worker needs to rebuild the generator's environment (plain data only crosses threads). */
export interface WorkerInput {
  seed: number;
  nowMs: number;
  requests: number;
  families: number;
  timelineEndMs: number;
  timelineSpanMs: number;
  calendar: { revision: number; stored: readonly StoredHolidayEdit[]; weekend: readonly number[] };
  encryptionKeys: string;
  registrars: Record<string, [string, string]>;
  chair: string;
}

export function envOf(input: WorkerInput): RequestsEnv {
  const view = buildCalendarView(input.calendar.revision, input.calendar.stored, input.calendar.weekend);
  return {
    seed: input.seed,
    nowMs: input.nowMs,
    requests: input.requests,
    calendar: view.calendar,
    calendarRevision: input.calendar.revision,
    timeline: new FamilyTimeline(input.seed, input.families, input.timelineEndMs, input.timelineSpanMs),
    encryptor: BulkEncryptor.from(new Encryptor(parseKeyList(input.encryptionKeys, 'SILA_ENCRYPTION_KEY'))),
    registrars: input.registrars,
    chair: input.chair,
  };
}

if (parentPort && workerData?.isBenchSeedWorker) {
  const port = parentPort;
  const env = envOf(workerData.input as WorkerInput);
  port.on('message', (job: { id: number; from: number; to: number }) => {
    port.postMessage({ id: job.id, chunk: generateRequests(env, job.from, job.to) });
  });
}
