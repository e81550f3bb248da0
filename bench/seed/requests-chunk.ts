import { createHash } from 'node:crypto';
import { type AttestedData, type AttestedFamily, canonicalAttestedData } from '../../src/domain/attestation.js';
import { deadlineEndInstant, type WorkingCalendar } from '../../src/domain/calendar.js';
import { dayOfOrdinal, parseDayOrdinal } from '../../src/domain/calendar-days.js';
import { DEFAULT_REQUEST_TYPES } from '../../src/modules/requests/request-types.defaults.js';
import { sha256Hex } from '../../src/platform/crypto/digest.js';
import type { BulkEncryptor } from './bulk-crypto.js';
import { attestedFamilyOf, type FamilyTimeline, familyAt, type GeneratedFamily, ORIGINS } from './families.js';
import { Rng } from './rng.js';
import type { Value } from './sink.js';

/**
 * Requests through their whole life (C2–C6), a range of them at a time: each request is a pure
 * function of (seed, its index) — its own random stream, its reference counted from the index —
 * so ranges are made in worker threads in any order and written in order by the main thread
 * (generate.ts), which also seals the audit rows, numbers the agendas and writes meetings and
 * minutes. The rows come back as flat arrays (one per table, `COLUMNS` values a row), which cross
 * between threads far cheaper than arrays of rows.
 */
export interface RequestsEnv {
  seed: number;
  nowMs: number;
  requests: number;
  calendar: WorkingCalendar;
  calendarRevision: number;
  timeline: FamilyTimeline;
  encryptor: BulkEncryptor;
  registrars: Record<string, [string, string]>;
  chair: string;
}

export interface RequestsChunk {
  requests: Value[];
  history: Value[];
  attestations: Value[];
  clocks: Value[];
  clockEvents: Value[];
  /** atMs, actorKind, actorId, action, entity, entityId, fields (JSON), details (JSON). */
  audit: Value[];
  /** meeting day, request id, added at. */
  agenda: Value[];
  /** meeting day, request id, reference, type name, outcome, reasons. */
  decisions: Value[];
  /** Riyadh day the range's last request was made (meetings up to it are complete). */
  lastDay: string;
}

export const AUDIT_WIDTH = 8;
export const AGENDA_WIDTH = 3;
export const DECISION_WIDTH = 6;
const REQUEST_STREAM = 0x20000000;

const DAY = 86_400_000;
const RIYADH = 3 * 3_600_000;
const riyadhDay = (ms: number) => new Date(ms + RIYADH).toISOString().slice(0, 10);
/** `HH:MM` Riyadh on a day, as epoch ms. */
const at = (day: string, hour: number, minute = 0) => Date.parse(`${day}T00:00:00Z`) - RIYADH + hour * 3_600_000 + minute * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const addDays = (day: string, n: number) => dayOfOrdinal(parseDayOrdinal(day) + n);

export const REQUEST_SPAN = 4 * 354.37 * DAY; // four Hijri years

/** The meeting of the requests committee on a day (one a working day when there is business). */
export const meetingIdOf = (seed: number, day: string) => createHashId(`${seed}:meeting:${day}`, at(day, 8) - 3 * DAY);
export const minutesIdOf = (seed: number, meetingId: string, day: string) => createHashId(`${seed}:minutes:${meetingId}`, at(day, 13));

export function emptyChunk(): RequestsChunk {
  return { requests: [], history: [], attestations: [], clocks: [], clockEvents: [], audit: [], agenda: [], decisions: [], lastDay: '' };
}

/** Request `r`'s creation instant: increasing with `r` (one slot each, jittered inside it). */
function createdMsOf(env: RequestsEnv, r: number, rng: Rng = new Rng(env.seed, REQUEST_STREAM + r)): number {
  const step = REQUEST_SPAN / Math.max(1, env.requests);
  return Math.floor(env.nowMs - REQUEST_SPAN + (r + rng.float() * 0.98) * step);
}

/** The index of the first request made in `year` (Riyadh), by bisection: references count from it. */
export function firstRequestOfYear(env: RequestsEnv, year: number): number {
  let lo = 0;
  let hi = env.requests;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Number(riyadhDay(createdMsOf(env, mid)).slice(0, 4)) < year) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function generateRequests(env: RequestsEnv, from: number, to: number, out: RequestsChunk = emptyChunk()): RequestsChunk {
  const { seed, nowMs, calendar, calendarRevision, timeline, encryptor, chair } = env;
  const staff = { registrars: env.registrars };
  const requestTypes = DEFAULT_REQUEST_TYPES.map((t) => [t, REQUEST_TYPE_WEIGHTS[t.code] ?? 10] as const);
  const firstOfYear = new Map<number, number>();
  const referenceOf = (r: number, createdDay: string) => {
    const year = Number(createdDay.slice(0, 4));
    let first = firstOfYear.get(year);
    if (first === undefined) {
      first = firstRequestOfYear(env, year);
      firstOfYear.set(year, first);
    }
    return `REQ-${year}-${String(r - first + 1).padStart(6, '0')}`;
  };
  const familyRefCache = new Map<number, number>();
  const familyReference = (f: GeneratedFamily) => {
    const year = new Date(f.createdMs).getUTCFullYear();
    let first = familyRefCache.get(year);
    if (first === undefined) {
      first = timeline.registeredBefore(Date.UTC(year, 0, 1));
      familyRefCache.set(year, first);
    }
    return `FAM-${year}-${String(f.index - first + 1).padStart(6, '0')}`;
  };
  const createdMsFor = (r: number, rng: Rng) => createdMsOf(env, r, rng);
  for (let r = from; r < to; r++) {
    const rng = new Rng(seed, REQUEST_STREAM + r);
    const createdMs = createdMsFor(r, rng);
    const available = timeline.registeredBefore(createdMs - DAY);
    if (available === 0) continue; // no family registered yet (tiny runs)
    const f = familyAt(timeline, rng.int(0, available - 1));
    const createdDay = riyadhDay(createdMs);
    out.lastDay = createdDay;
    const type = rng.weighted(requestTypes);
    const id = rng.uuidv7(createdMs);
    const reference = referenceOf(r, createdDay);
    const channel = rng.weighted(ORIGINS);
    const registrar = (staff.registrars[f.office] as [string, string])[rng.int(0, 1)] as string;
    const createdBy = channel === 'website' ? null : registrar;
    const actor = createdBy ? { kind: 'staff' as const, id: createdBy } : { kind: 'family' as const, id: f.id };
    const answers = answersFor(rng, type.code, f);
    let seq = 0;
    let version = 1;
    const hist = (
      event: string,
      from: string | null,
      to: string,
      ms: number,
      a: { kind: string; id: string | null },
      note: string | null,
    ) => {
      const historyId = rng.uuidv7(ms);
      seq += 1;
      out.history.push(
        historyId,
        id,
        seq,
        event,
        from,
        to,
        iso(ms),
        a.kind,
        a.id,
        note ? encryptor.encrypt(note, `request-history:${historyId}:note`) : null,
      );
    };
    const act = (
      action: string,
      ms: number,
      a: { kind: 'staff' | 'family' | 'system'; id: string | null },
      details: Record<string, unknown>,
    ) => out.audit.push(ms, a.kind, a.id, action, 'request', id, null, JSON.stringify(details));

    // The life of the request (C2–C6) on the real calendar: attested and submitted, studied at the
    // committee's next meetings, sometimes back to the family for information, decided with the
    // minutes, notified at once, closed later. Its status is wherever that life is at `now`.
    const isAbandoned = rng.chance(0.04);
    const attestMs = createdMs + rng.int(5, 3 * 24 * 60) * 60_000;
    const submitMs = attestMs + rng.int(1, 30) * 60_000;
    const startDay = riyadhDay(submitMs);
    const studyDay = calendar.addWorkingDays(startDay, rng.int(1, 5));
    const beginMs = at(studyDay, 10, rng.int(0, 50));
    const infoDay = rng.chance(0.12) ? calendar.addWorkingDays(studyDay, rng.int(0, 2)) : null;
    const infoMs = infoDay ? at(infoDay, 11, rng.int(0, 50)) : Number.POSITIVE_INFINITY;
    const receivedDay = infoDay ? addDays(infoDay, rng.int(2, 14)) : null;
    const receivedMs = receivedDay ? at(receivedDay, 9, rng.int(0, 50)) : Number.POSITIVE_INFINITY;
    const decideDay = calendar.addWorkingDays(receivedDay ?? studyDay, rng.chance(0.12) ? rng.int(9, 16) : rng.int(0, 6));
    const decideMs = at(decideDay, 13, rng.int(0, 50));
    const closeMs = rng.chance(0.8) ? decideMs + rng.int(1, 25) * DAY + rng.int(0, 480) * 60_000 : Number.POSITIVE_INFINITY;
    const outcome = rng.weighted([
      ['approved', 55],
      ['partly-approved', 20],
      ['rejected', 25],
    ] as const);
    const reasons = rng.pick(REASONS[outcome] as string[]);
    const isAttested = !isAbandoned ? attestMs <= nowMs : rng.chance(0.3) && attestMs <= nowMs;
    let status = 'draft';
    if (!isAbandoned && submitMs <= nowMs) {
      status = 'complete';
      if (beginMs <= nowMs) status = 'under-study';
      if (infoMs <= nowMs && receivedMs > nowMs) status = 'information-requested';
      if (decideMs <= nowMs) status = 'notified';
      if (closeMs <= nowMs) status = 'closed';
    }

    hist('create', null, 'draft', createdMs, actor, null);
    act('request.create', createdMs, actor, { familyId: f.id, typeCode: type.code, channel });
    let attestationId: string | null = null;
    if (isAttested) {
      const method = channel === 'website' ? 'one-time-code' : rng.chance(0.7) ? 'signature-pad' : 'paper';
      attestationId = rng.uuidv7(attestMs);
      const dataSha256 = attestedSha256({
        requestReference: reference,
        typeCode: type.code,
        family: attestedFamilyOf(f, familyReference(f)) as AttestedFamily,
        answers: answers as never,
        documents: [],
      });
      out.attestations.push(
        attestationId,
        id,
        method,
        null,
        dataSha256,
        method === 'one-time-code' ? null : createdBy,
        iso(attestMs),
        null,
        null,
      );
      hist('attested', 'draft', 'draft', attestMs, actor, method);
      act('request.attest', attestMs, actor, { attestationId, method, dataSha256, evidenceFileId: null });
      version += 1;
    }

    let clockId: string | null = null;
    let deadlineDay = '9999-12-31';
    let sla = 'none';
    if (status !== 'draft') {
      // C6: day 0 is the day it became complete; paused days (information requested) do not count.
      const pauseOpen = status === 'information-requested';
      const pauses = infoDay && infoMs <= nowMs ? [{ from: infoDay, to: pauseOpen ? null : (receivedDay as string) }] : [];
      const spans = pauses.map((p) => ({ from: p.from, to: p.to ?? p.from }));
      deadlineDay = calendar.addWorkingDays(startDay, type.responseWorkingDays, spans);
      const warnDay =
        type.warningThreshold === null ? null : calendar.addWorkingDays(startDay, type.responseWorkingDays - type.warningThreshold, spans);
      const deadlineAt = deadlineEndInstant(deadlineDay);
      const deadlineMs = Date.parse(deadlineAt);
      const isStopped = status === 'notified' || status === 'closed';
      // Events are raised by the minute's check while running: not after the clock stops, not while paused.
      const until = isStopped ? decideMs : pauseOpen ? infoMs : nowMs;
      const breachMs = deadlineMs + 60_000;
      const warnMs = warnDay ? at(warnDay, 0, 1) : Number.POSITIVE_INFINITY;
      const breachedAt = breachMs <= until ? breachMs : null;
      const warnedAt = warnMs <= until && warnMs < breachMs ? warnMs : null;
      clockId = rng.uuidv7(submitMs);
      const state = isStopped ? (decideMs <= deadlineMs ? 'met' : 'stopped') : pauseOpen ? 'paused' : breachedAt ? 'breached' : 'running';
      sla = isStopped ? (state === 'met' ? 'met' : 'late') : breachedAt ? 'breached' : warnedAt ? 'due-soon' : 'on-time';
      out.clocks.push(
        clockId,
        'request',
        id,
        startDay,
        type.responseWorkingDays,
        type.warningThreshold,
        JSON.stringify(pauses),
        state,
        deadlineDay,
        deadlineAt,
        warnDay,
        warnedAt ? iso(warnedAt) : null,
        breachedAt ? iso(breachedAt) : null,
        isStopped ? iso(decideMs) : null,
        isStopped ? 'done' : null,
        calendarRevision,
        iso(submitMs),
        iso(isStopped ? decideMs : pauseOpen ? infoMs : submitMs),
      );
      if (warnedAt) out.clockEvents.push(rng.uuidv7(warnedAt), clockId, 'warning', iso(warnedAt), iso(warnedAt + 20_000));
      if (breachedAt) out.clockEvents.push(rng.uuidv7(breachedAt), clockId, 'breach', iso(breachedAt), iso(breachedAt + 20_000));

      hist('submit', 'draft', 'complete', submitMs, actor, null);
      act('request.submit', submitMs, actor, { from: 'draft', to: 'complete' });
      version += 1;
      const chairActor = { kind: 'staff' as const, id: chair };
      if (beginMs <= nowMs) {
        const study = { id: meetingIdOf(seed, studyDay) };
        out.agenda.push(studyDay, id, iso(beginMs - 60_000));
        hist('begin-study', 'complete', 'under-study', beginMs, chairActor, null);
        act('request.begin-study', beginMs, chairActor, { from: 'complete', to: 'under-study', meetingId: study.id });
        version += 1;
      }
      if (infoMs <= nowMs) {
        hist('request-information', 'under-study', 'information-requested', infoMs, chairActor, 'يرجى تزويدنا بعرض سعر محدّث');
        act('request.request-information', infoMs, chairActor, { from: 'under-study', to: 'information-requested' });
        version += 1;
        if (receivedMs <= nowMs) {
          hist('information-received', 'information-requested', 'under-study', receivedMs, actor, null);
          act('request.information-received', receivedMs, actor, { from: 'information-requested', to: 'under-study' });
          version += 1;
        }
      }
      if (decideMs <= nowMs) {
        const meeting = { id: meetingIdOf(seed, decideDay) };
        if (decideDay !== studyDay) out.agenda.push(decideDay, id, iso(decideMs - 3 * 3_600_000));
        out.decisions.push(decideDay, id, reference, type.nameAr, outcome, reasons);
        hist('decide', 'under-study', 'decided', decideMs, chairActor, outcome);
        act('request.decide', decideMs, chairActor, { from: 'under-study', to: 'decided', meetingId: meeting.id, outcome });
        hist('notify', 'decided', 'notified', decideMs, chairActor, null);
        act('request.notify', decideMs, chairActor, { from: 'decided', to: 'notified', meetingId: meeting.id });
        version += 2;
      }
      if (closeMs <= nowMs) {
        const closer = { kind: 'staff' as const, id: registrar };
        hist('close', 'notified', 'closed', closeMs, closer, null);
        act('request.close', closeMs, closer, { from: 'notified', to: 'closed' });
        version += 1;
      }
    }
    const decided = status === 'notified' || status === 'closed';
    const decisionMeetingId = decided ? meetingIdOf(seed, decideDay) : null;
    const lastMs = Math.max(
      createdMs,
      isAttested ? attestMs : 0,
      status !== 'draft' ? submitMs : 0,
      beginMs <= nowMs && status !== 'draft' ? beginMs : 0,
      infoMs <= nowMs && status !== 'draft' ? infoMs : 0,
      receivedMs <= nowMs && status !== 'draft' ? receivedMs : 0,
      decided ? decideMs : 0,
      closeMs <= nowMs && status === 'closed' ? closeMs : 0,
    );
    out.requests.push(
      id,
      reference,
      f.id,
      type.code,
      channel,
      status,
      encryptor.encrypt(JSON.stringify(answers), `request:${id}:answers`),
      `bench-${seed}-${r}`,
      createdBy,
      attestationId,
      clockId,
      deadlineDay,
      sla,
      type.committeeId,
      f.category,
      f.office,
      decided ? outcome : null,
      decided ? encryptor.encrypt(reasons, `request:${id}:decision_reasons`) : null,
      decisionMeetingId,
      decisionMeetingId ? minutesIdOf(seed, decisionMeetingId, decideDay) : null,
      status !== 'draft' ? iso(submitMs) : null,
      status !== 'draft' ? iso(submitMs) : null,
      decided ? iso(decideMs) : null,
      decided ? iso(decideMs) : null,
      status === 'closed' ? iso(closeMs) : null,
      iso(createdMs),
      iso(lastMs),
      version,
    );
  }
  return out;
}

const REQUEST_TYPE_WEIGHTS: Record<string, number> = {
  'training-enrolment': 30,
  'exhibition-participation': 20,
  'tools-aid': 20,
  'financial-aid': 20,
  'home-business-licence': 10,
};

const REASONS: Record<string, string[]> = {
  approved: ['استيفاء الشروط والمستندات المطلوبة', 'الأسرة ضمن الفئة المستهدفة والمشروع قائم', 'توصية الباحثة الاجتماعية بعد الزيارة'],
  'partly-approved': ['الموافقة على جزء من المبلغ حسب الميزانية المتاحة', 'الموافقة على الأدوات الأساسية فقط'],
  rejected: ['عدم استيفاء شرط الدخل الشهري', 'سبق صرف دعم مماثل خلال العام', 'المستندات غير مكتملة بعد طلب الاستكمال'],
};

function answersFor(rng: Rng, typeCode: string, family: GeneratedFamily): Record<string, unknown> {
  const activity = rng.pick(['food', 'sewing', 'handicrafts', 'perfumes', 'beauty', 'other']);
  switch (typeCode) {
    case 'training-enrolment':
      return {
        'trainee-name': family.headNameAr,
        programme: rng.pick(['cooking', 'sewing', 'digital-marketing', 'bookkeeping']),
        ...(rng.chance(0.5) ? { 'previous-experience': 'دورة قصيرة في إدارة المشاريع المنزلية' } : {}),
        'can-attend-mornings': rng.chance(0.7),
      };
    case 'exhibition-participation':
      return {
        'product-description': 'منتجات غذائية منزلية مغلفة بعناية مع ملصق المكونات',
        activity,
        'sales-channels': rng.chance(0.5) ? ['social-media', 'bazaars'] : ['delivery-apps'],
      };
    case 'tools-aid':
      return {
        activity,
        'tools-needed': 'ماكينة خياطة وطاولة قص',
        'estimated-cost': rng.int(800, 9000),
        'monthly-income': rng.int(0, 6000),
      };
    case 'financial-aid':
      return {
        purpose: 'شراء مواد خام لبدء الإنتاج',
        'amount-requested': rng.int(500, 15000),
        'monthly-income': rng.int(0, 6000),
        'household-size': family.members.length + 1,
      };
    default:
      return {
        activity,
        'business-start-date': dayOfOrdinal(parseDayOrdinal(riyadhDay(family.createdMs)) - rng.int(30, 2000)),
        'licence-kind': rng.pick(['freelance', 'balady', 'commercial-register']),
        'has-health-certificate': rng.chance(0.6),
      };
  }
}

/** A stable UUIDv7-shaped id from a name (minutes are referenced before they are written). */
export function createHashId(name: string, ms: number): string {
  const h = createHash('sha256').update(name).digest('hex');
  const time = Math.floor(ms).toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${h.slice(0, 3)}-${((Number.parseInt(h.charAt(3), 16) & 3) | 8).toString(16)}${h.slice(4, 7)}-${h.slice(7, 19)}`;
}

const attestedSha256 = (data: AttestedData) => sha256Hex(canonicalAttestedData(data));
