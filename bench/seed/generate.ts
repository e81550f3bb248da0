import { createHash } from 'node:crypto';
import { SEEDED_COMMITTEES } from '../../src/contracts/committees.js';
import { normaliseArabic } from '../../src/domain/arabic-text.js';
import { type AttestedFamily, attestedDataSha256 } from '../../src/domain/attestation.js';
import { deadlineEndInstant, type WorkingCalendar } from '../../src/domain/calendar.js';
import { dayOfOrdinal, parseDayOrdinal } from '../../src/domain/calendar-days.js';
import { encodeTrackingCode } from '../../src/domain/tracking-code.js';
import { DEFAULT_COMPLAINTS_SETTINGS } from '../../src/modules/complaints/complaints.settings.js';
import { DEFAULT_REQUEST_TYPES } from '../../src/modules/requests/request-types.defaults.js';
import type { AppContext } from '../../src/platform/context.js';
import { AuditWriter } from './audit.js';
import { BulkEncryptor } from './bulk-crypto.js';
import { attestedFamilyOf, FamilyTimeline, familyAt, type GeneratedFamily, ORIGINS } from './families.js';
import { Rng } from './rng.js';
import type { Row, Sink } from './sink.js';

export interface SeedSizes {
  families: number;
  requests: number;
  complaints: number;
}

export interface SeedStaff {
  registrars: Record<string, [string, string]>; // office → two reception staff who register families
  committeeMembers: [string, string, string]; // requests committee, the first is the chair
  followUpMembers: [string, string, string];
  contactOfficer: string;
}

export interface GenerateInput {
  ctx: AppContext;
  sink: Sink;
  calendar: WorkingCalendar;
  calendarRevision: number;
  sizes: SeedSizes;
  seed: number;
  nowMs: number;
  staff: SeedStaff;
  audit: { seq: number; position: number; hash: string | null };
  log: (line: string) => void;
}

const DAY = 86_400_000;
const RIYADH = 3 * 3_600_000;
const riyadhDay = (ms: number) => new Date(ms + RIYADH).toISOString().slice(0, 10);
/** `HH:MM` Riyadh on a day, as epoch ms. */
const at = (day: string, hour: number, minute = 0) => Date.parse(`${day}T00:00:00Z`) - RIYADH + hour * 3_600_000 + minute * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const addDays = (day: string, n: number) => dayOfOrdinal(parseDayOrdinal(day) + n);

/** Progress on stderr: rows per second and the time left, per table group. */
class Progress {
  private readonly started = Date.now();
  private last = 0;
  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly log: (line: string) => void,
  ) {}

  tick(done: number, rows: number): void {
    const now = Date.now();
    if (now - this.last < 2000 && done < this.total) return;
    this.last = now;
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const eta = done > 0 ? ((this.total - done) * seconds) / done : 0;
    this.log(
      `${this.label}: ${done.toLocaleString('en')}/${this.total.toLocaleString('en')} (${Math.round(done / seconds).toLocaleString('en')}/s, ${Math.round(rows / seconds).toLocaleString('en')} rows/s, ETA ${Math.round(eta)} s)`,
    );
  }

  done(rows: number): number {
    const seconds = (Date.now() - this.started) / 1000;
    this.log(
      `${this.label}: done in ${seconds.toFixed(1)} s (${rows.toLocaleString('en')} rows, ${Math.round(rows / seconds).toLocaleString('en')} rows/s)`,
    );
    return seconds;
  }
}

/** References (FAM-2026-000123) numbered by year in time order, as nextReference would. */
class ReferenceSeries {
  readonly counts = new Map<number, number>();
  constructor(private readonly series: string) {}
  next(year: number): string {
    const n = (this.counts.get(year) ?? 0) + 1;
    this.counts.set(year, n);
    return `${this.series}-${year}-${String(n).padStart(6, '0')}`;
  }
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

const outcomeAr: Record<string, string> = { approved: 'الموافقة', 'partly-approved': 'الموافقة الجزئية', rejected: 'الاعتذار عن الطلب' };
/** The vote each member cast for an outcome (minutes' stored counts; all three voted alike). */
const VOTE_OF: Record<string, string> = { approved: 'approve', 'partly-approved': 'partlyApprove', rejected: 'reject' };

interface Meeting {
  id: string;
  day: string;
  agenda: number;
  decisions: Array<{ requestId: string; reference: string; typeNameAr: string; outcome: string; reasons: string; atMs: number }>;
}

export interface GenerateResult {
  rows: Record<string, number>;
  seconds: Record<string, number>;
  auditRows: number;
}

export async function generate(input: GenerateInput): Promise<GenerateResult> {
  const { ctx, sink, calendar, sizes, seed, nowMs, staff, log } = input;
  const { indexer } = ctx.keys;
  const encryptor = BulkEncryptor.from(ctx.keys.encryptor);
  const rows: Record<string, number> = {};
  const seconds: Record<string, number> = {};
  const count = (table: string, n = 1) => {
    rows[table] = (rows[table] ?? 0) + n;
  };
  const table = (name: string, columns: readonly string[]) => {
    const write = sink.table(name, columns);
    return (row: Row) => {
      write(row);
      count(name);
    };
  };
  const total = () => Object.values(rows).reduce((a, b) => a + b, 0);
  const audit = new AuditWriter(sink, new Rng(seed, 0x0a0d17), input.audit.seq, input.audit.position, input.audit.hash);
  const today = riyadhDay(nowMs);
  const years = 365.25 * DAY;
  const timeline = new FamilyTimeline(seed, sizes.families, nowMs - 2 * DAY, 6 * years);

  // ---------------------------------------------------------------- families
  const families = table('families', [
    'id',
    'reference',
    'head_name_ar',
    'head_name_en',
    'name_normalised',
    'national_id',
    'national_id_index',
    'mobile',
    'mobile_index',
    'other_phone',
    'email',
    'city',
    'address',
    'office',
    'category',
    'agreed_channel',
    'origin_channel',
    'notes',
    'consent_at',
    'privacy_notice_version',
    'registered_by',
    'created_at',
    'updated_at',
    'version',
  ]);
  const familyDomains = table('family_domains', ['family_id', 'domain']);
  const members = table('household_members', [
    'id',
    'family_id',
    'name',
    'relation',
    'national_id',
    'national_id_index',
    'birth_date',
    'birth_date_calendar',
    'position',
  ]);
  const identities = table('identity_index', ['national_id_index', 'family_id', 'member_id']);
  const familyRefs = new ReferenceSeries('FAM');
  const seal = (value: string | null, aad: string) => (value ? encryptor.encrypt(value, aad) : null);
  let progress = new Progress('families', sizes.families, log);
  for (let i = 0; i < sizes.families; i++) {
    const f = familyAt(timeline, i);
    const created = iso(f.createdMs);
    const registrar = (staff.registrars[f.office] as [string, string])[f.registrarSlot] as string;
    const aad = (column: string) => `family:${f.id}:${column}`;
    const nidIndex = indexer.index(f.nationalId);
    families([
      f.id,
      familyRefs.next(new Date(f.createdMs).getUTCFullYear()),
      f.headNameAr,
      f.headNameEn,
      normaliseArabic(`${f.headNameAr} ${f.headNameEn ?? ''}`),
      seal(f.nationalId, aad('national_id')),
      nidIndex,
      seal(f.mobile, aad('mobile')),
      f.mobile ? indexer.index(f.mobile) : null,
      seal(f.otherPhone, aad('other_phone')),
      seal(f.email, aad('email')),
      f.city,
      seal(f.address, aad('address')),
      f.office,
      f.category,
      f.agreedChannel,
      f.originChannel,
      seal(f.notes, aad('notes')),
      created,
      '2025-1',
      registrar,
      created,
      created,
      1,
    ]);
    for (const domain of f.domains) familyDomains([f.id, domain]);
    identities([nidIndex, f.id, null]);
    f.members.forEach((m, position) => {
      const memberIndex = m.nationalId ? indexer.index(m.nationalId) : null;
      members([
        m.id,
        f.id,
        m.name,
        m.relation,
        seal(m.nationalId, `member:${m.id}:national_id`),
        memberIndex,
        m.birthDate,
        m.birthDateCalendar,
        position,
      ]);
      if (memberIndex) identities([memberIndex, f.id, m.id]);
    });
    const fields = [
      'headNameAr',
      ...(f.headNameEn ? ['headNameEn'] : []),
      'nationalId',
      ...(f.mobile ? ['mobile'] : []),
      ...(f.otherPhone ? ['otherPhone'] : []),
      ...(f.email ? ['email'] : []),
      'city',
      ...(f.address ? ['address'] : []),
      'office',
      'category',
      'domains',
      'agreedChannel',
      'originChannel',
      ...(f.notes ? ['notes'] : []),
      ...(f.members.length ? ['members'] : []),
    ];
    audit.add({
      atMs: f.createdMs,
      actorKind: 'staff',
      actorId: registrar,
      action: 'family.create',
      entity: 'family',
      entityId: f.id,
      fields,
      details: { originChannel: f.originChannel, members: f.members.length },
    });
    if ((i & 255) === 0) {
      await sink.drain();
      progress.tick(i, total());
    }
  }
  seconds.families = progress.done(total());

  // ---------------------------------------------------------------- requests (with clocks, history, committee)
  const requestTypes = DEFAULT_REQUEST_TYPES.map((t) => [t, REQUEST_TYPE_WEIGHTS[t.code] ?? 10] as const);
  const requests = table('requests', [
    'id',
    'reference',
    'family_id',
    'type_code',
    'channel',
    'status',
    'answers',
    'idempotency_key',
    'created_by',
    'current_attestation_id',
    'clock_id',
    'deadline_day',
    'sla_state',
    'committee_id',
    'category',
    'office',
    'decision_outcome',
    'decision_reasons',
    'decision_meeting_id',
    'decision_minutes_id',
    'submitted_at',
    'completed_at',
    'decided_at',
    'notified_at',
    'closed_at',
    'created_at',
    'updated_at',
    'version',
  ]);
  const history = table('request_history', [
    'id',
    'request_id',
    'seq',
    'event',
    'from_status',
    'to_status',
    'at',
    'actor_kind',
    'actor_id',
    'note',
  ]);
  const attestations = table('request_attestations', [
    'id',
    'request_id',
    'method',
    'evidence_file_id',
    'data_sha256',
    'witness_id',
    'attested_at',
    'voided_at',
    'void_reason',
  ]);
  const clocks = table('working_clocks', [
    'id',
    'owner_type',
    'owner_id',
    'start_day',
    'working_days',
    'warning_threshold',
    'pauses',
    'state',
    'deadline_day',
    'deadline_at',
    'warn_day',
    'warned_at',
    'breached_at',
    'stopped_at',
    'stop_reason',
    'calendar_revision',
    'created_at',
    'updated_at',
  ]);
  const clockEvents = table('clock_events', ['id', 'clock_id', 'kind', 'at', 'handled_at']);
  const agenda = table('meeting_agenda', ['meeting_id', 'request_id', 'position', 'added_by', 'added_at']);
  const meetingsTable = table('committee_meetings', [
    'id',
    'committee_id',
    'day',
    'status',
    'created_by',
    'created_at',
    'updated_at',
    'held_at',
    'closed_at',
  ]);
  const attendance = table('meeting_attendance', ['meeting_id', 'user_id']);
  const minutesTable = table('minutes', [
    'id',
    'meeting_id',
    'committee_id',
    'amends_id',
    'status',
    'text',
    'notes',
    'decisions',
    'sha256',
    'created_by',
    'created_at',
    'updated_at',
    'frozen_at',
  ]);
  const approvals = table('minutes_approvals', ['minutes_id', 'member_id', 'approved_at']);

  const rng = new Rng(seed, 0x2e9);
  const meetingRng = new Rng(seed, 0x3ee7);
  const meetings = new Map<string, Meeting>();
  const [chair] = staff.committeeMembers;
  const meetingOf = (day: string): Meeting => {
    let m = meetings.get(day);
    if (!m) {
      m = { id: meetingRng.uuidv7(at(day, 8) - 3 * DAY), day, agenda: 0, decisions: [] };
      meetings.set(day, m);
    }
    return m;
  };
  const minutesIdOf = (m: Meeting) => createHashId(`${seed}:minutes:${m.id}`, at(m.day, 13));
  /** A meeting is written once no later request can reach it (requests are made in time order). */
  const flushMeetings = (beforeDay: string | null) => {
    for (const [day, m] of meetings) {
      if (beforeDay !== null && day >= beforeDay) continue;
      meetings.delete(day);
      const isPast = day < today;
      meetingsTable([
        m.id,
        SEEDED_COMMITTEES.requests,
        day,
        isPast ? 'closed' : 'held',
        chair,
        iso(at(day, 8) - 3 * DAY),
        iso(at(day, 14)),
        iso(at(day, 10)),
        isPast ? iso(at(day, 14)) : null,
      ]);
      for (const member of staff.committeeMembers) attendance([m.id, member]);
      if (!m.decisions.length) continue;
      const minutesId = minutesIdOf(m);
      const text = [
        `محضر اجتماع لجنة دراسة الطلبات بتاريخ ${day}`,
        'الحضور: أعضاء اللجنة الثلاثة (النصاب مكتمل)',
        ...m.decisions.map((d, n) => `${n + 1}. الطلب ${d.reference} (${d.typeNameAr}): ${outcomeAr[d.outcome]} — ${d.reasons}`),
      ].join('\n');
      const frozenMs = at(day, 13);
      minutesTable([
        minutesId,
        m.id,
        SEEDED_COMMITTEES.requests,
        null,
        'frozen',
        encryptor.encrypt(text, `minutes:${minutesId}:text`),
        null,
        // minutes.service.ts sealOutcomes: { decisions, deferred } (a bare array reads as no decisions).
        encryptor.encrypt(
          JSON.stringify({
            decisions: m.decisions.map(({ atMs: _a, ...d }) => ({
              ...d,
              counts: { approve: 0, partlyApprove: 0, reject: 0, abstain: 0, [VOTE_OF[d.outcome] as string]: 3 },
              isTieBroken: false,
            })),
            deferred: [],
          }),
          `minutes:${minutesId}:decisions`,
        ),
        createHash('sha256').update(text).digest('hex'),
        chair,
        iso(frozenMs - 3_600_000),
        iso(frozenMs),
        iso(frozenMs),
      ]);
      for (const member of staff.committeeMembers) approvals([minutesId, member, iso(frozenMs - 60_000)]);
    }
  };

  const requestRefs = new ReferenceSeries('REQ');
  const requestSpan = 4 * 354.37 * DAY; // four Hijri years
  const requestStart = nowMs - requestSpan;
  const requestStep = requestSpan / Math.max(1, sizes.requests);
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
  progress = new Progress('requests', sizes.requests, log);
  const startRows = total();
  let lastFlushDay = '';
  for (let r = 0; r < sizes.requests; r++) {
    const createdMs = Math.floor(requestStart + (r + rng.float() * 0.98) * requestStep);
    const available = timeline.registeredBefore(createdMs - DAY);
    if (available === 0) continue; // no family registered yet (tiny runs)
    const f = familyAt(timeline, rng.int(0, available - 1));
    const createdDay = riyadhDay(createdMs);
    if (createdDay !== lastFlushDay) {
      flushMeetings(createdDay);
      lastFlushDay = createdDay;
    }
    const type = rng.weighted(requestTypes);
    const id = rng.uuidv7(createdMs);
    const reference = requestRefs.next(Number(createdDay.slice(0, 4)));
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
      history([
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
      ]);
    };
    const act = (
      action: string,
      ms: number,
      a: { kind: 'staff' | 'family' | 'system'; id: string | null },
      details: Record<string, unknown>,
    ) => audit.add({ atMs: ms, actorKind: a.kind, actorId: a.id, action, entity: 'request', entityId: id, details });

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
      const dataSha256 = attestedDataSha256({
        requestReference: reference,
        typeCode: type.code,
        family: attestedFamilyOf(f, familyReference(f)) as AttestedFamily,
        answers: answers as never,
        documents: [],
      });
      attestations([attestationId, id, method, null, dataSha256, method === 'one-time-code' ? null : createdBy, iso(attestMs), null, null]);
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
      clocks([
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
        input.calendarRevision,
        iso(submitMs),
        iso(isStopped ? decideMs : pauseOpen ? infoMs : submitMs),
      ]);
      if (warnedAt) clockEvents([rng.uuidv7(warnedAt), clockId, 'warning', iso(warnedAt), iso(warnedAt + 20_000)]);
      if (breachedAt) clockEvents([rng.uuidv7(breachedAt), clockId, 'breach', iso(breachedAt), iso(breachedAt + 20_000)]);

      hist('submit', 'draft', 'complete', submitMs, actor, null);
      act('request.submit', submitMs, actor, { from: 'draft', to: 'complete' });
      version += 1;
      const chairActor = { kind: 'staff' as const, id: chair };
      if (beginMs <= nowMs) {
        const study = meetingOf(studyDay);
        agenda([study.id, id, ++study.agenda, chair, iso(beginMs - 60_000)]);
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
        const meeting = meetingOf(decideDay);
        if (decideDay !== studyDay) agenda([meeting.id, id, ++meeting.agenda, chair, iso(decideMs - 3 * 3_600_000)]);
        meeting.decisions.push({
          requestId: id,
          reference,
          typeNameAr: type.nameAr,
          outcome,
          reasons,
          atMs: decideMs,
        });
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
    const decisionMeeting = decided ? meetingOf(decideDay) : null;
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
    requests([
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
      decisionMeeting?.id ?? null,
      decisionMeeting ? minutesIdOf(decisionMeeting) : null,
      status !== 'draft' ? iso(submitMs) : null,
      status !== 'draft' ? iso(submitMs) : null,
      decided ? iso(decideMs) : null,
      decided ? iso(decideMs) : null,
      status === 'closed' ? iso(closeMs) : null,
      iso(createdMs),
      iso(lastMs),
      version,
    ]);
    if ((r & 255) === 0) {
      await sink.drain();
      progress.tick(r, total() - startRows);
    }
  }
  flushMeetings(null);
  seconds.requests = progress.done(total() - startRows);

  // ---------------------------------------------------------------- complaints and inquiries
  const settings = DEFAULT_COMPLAINTS_SETTINGS;
  const complaints = table('complaints', [
    'id',
    'kind',
    'reference',
    'tracking_index',
    'tracking_code',
    'channel',
    'is_anonymous',
    'writer_name',
    'mobile',
    'mobile_index',
    'email',
    'national_id',
    'national_id_index',
    'family_id',
    'topic',
    'domain',
    'description',
    'remedy',
    'step',
    'response',
    'responded_at',
    'privacy_notice_version',
    'language',
    'clock_id',
    'acknowledge_clock_id',
    'created_by',
    'created_at',
    'updated_at',
    'version',
    'severity',
    'needs_immediate_action',
    'assigned_committee_id',
    'assigned_to',
    'officer_id',
    'queue',
    'route_rule',
    'sla_state',
    'closed_at',
    'closed_outcome',
    'satisfaction',
    'answered_by',
    'answer_template',
  ]);
  const steps = table('complaint_steps', ['id', 'complaint_id', 'step', 'at', 'actor_kind', 'actor_id', 'note']);
  const cRng = new Rng(seed, 0xc0de);
  const cmpRefs = new ReferenceSeries('CMP');
  const inqRefs = new ReferenceSeries('INQ');
  const complaintSpan = 3 * 354.37 * DAY;
  const complaintStep = complaintSpan / Math.max(1, sizes.complaints);
  const complaintTopics = settings.topics.filter((t) => t.kind === 'complaint').map((t) => t.code);
  const inquiryTopics = settings.topics.filter((t) => t.kind === 'inquiry').map((t) => t.code);
  progress = new Progress('complaints', sizes.complaints, log);
  const complaintRows = total();
  for (let c = 0; c < sizes.complaints; c++) {
    const createdMs = Math.floor(nowMs - complaintSpan + (c + cRng.float() * 0.98) * complaintStep);
    const kind = cRng.chance(0.6) ? 'complaint' : 'inquiry';
    const id = cRng.uuidv7(createdMs);
    const channel = cRng.weighted([
      ['website', 70],
      ['phone', 12],
      ['letter', 8],
      ['interview', 6],
      ['fax', 4],
    ] as const);
    const isWebsite = channel === 'website';
    const isAnonymous = kind === 'complaint' && cRng.chance(0.15);
    const available = timeline.registeredBefore(createdMs);
    const family = !isAnonymous && available > 0 && cRng.chance(0.5) ? familyAt(timeline, cRng.int(0, available - 1)) : null;
    const aad = (column: string) => `complaint:${id}:${column}`;
    const trackingBytes = new Uint8Array(10);
    for (let b = 0; b < 10; b++) trackingBytes[b] = cRng.int(0, 255);
    const trackingCode = isWebsite || cRng.chance(0.6) ? encodeTrackingCode(trackingBytes) : null;
    const mobile = isAnonymous && cRng.chance(0.6) ? null : (family?.mobile ?? `+96650${String(cRng.int(1_000_000, 9_999_999))}`);
    const email = !isAnonymous && cRng.chance(0.2) ? `writer${c}@example.sa` : null;
    const nationalId = family?.nationalId ?? null;
    const writerName = isAnonymous ? null : (family?.headNameAr ?? 'مراجع من خارج المسجلين');
    const day = riyadhDay(createdMs);
    const staffActor = (sid: string) => ({ kind: 'staff' as const, id: sid });
    const writerActor = isWebsite ? { kind: 'anonymous' as const, id: null } : staffActor(staff.contactOfficer);
    // The steps this case went through, each a little after the previous one (E1, C1).
    const path =
      kind === 'complaint'
        ? [
            'received',
            'acknowledged',
            'assessed',
            'assigned',
            'investigating',
            'response-decided',
            'response-communicated',
            'closed',
            'satisfaction-followed-up',
          ]
        : ['received', 'acknowledged', 'routed', 'answered', 'closed'];
    const times: number[] = [createdMs];
    for (let s = 1; s < path.length; s++) {
      const previous = times[s - 1] as number;
      const gap =
        path[s] === 'acknowledged'
          ? isWebsite
            ? 0
            : cRng.int(1, 36) * 3_600_000
          : path[s] === 'routed'
            ? 1000
            : path[s] === 'satisfaction-followed-up' && cRng.chance(0.3)
              ? Number.POSITIVE_INFINITY
              : cRng.int(2, 96) * 3_600_000;
      times.push(previous + gap);
    }
    let reached = 0;
    while (reached + 1 < path.length && (times[reached + 1] as number) <= nowMs) reached++;
    const step = path[reached] as string;
    const workingDays = kind === 'complaint' ? settings.resolveWorkingDays : settings.inquiryAnswerWorkingDays;
    const deadlineDay = calendar.addWorkingDays(day, workingDays);
    const deadlineAt = deadlineEndInstant(deadlineDay);
    const deadlineMs = Date.parse(deadlineAt);
    const warnDay = calendar.addWorkingDays(day, workingDays - settings.warningWorkingDays);
    const respondedIndex = path.indexOf(kind === 'complaint' ? 'response-communicated' : 'answered');
    const isResponded = reached >= respondedIndex;
    const respondedMs = isResponded ? (times[respondedIndex] as number) : null;
    const until = respondedMs ?? nowMs;
    const breachedAt = deadlineMs + 60_000 <= until ? deadlineMs + 60_000 : null;
    const warnMs = at(warnDay, 0, 1);
    const warnedAt = warnMs <= until && warnMs < deadlineMs ? warnMs : null;
    const clockId = cRng.uuidv7(createdMs);
    const clockState = isResponded ? ((respondedMs as number) <= deadlineMs ? 'met' : 'stopped') : breachedAt ? 'breached' : 'running';
    const sla = isResponded ? (clockState === 'met' ? 'met' : 'late') : breachedAt ? 'breached' : warnedAt ? 'due-soon' : 'on-time';
    clocks([
      clockId,
      kind,
      id,
      day,
      workingDays,
      settings.warningWorkingDays,
      '[]',
      clockState,
      deadlineDay,
      deadlineAt,
      warnDay,
      warnedAt ? iso(warnedAt) : null,
      breachedAt ? iso(breachedAt) : null,
      respondedMs ? iso(respondedMs) : null,
      respondedMs ? 'done' : null,
      input.calendarRevision,
      iso(createdMs),
      iso(respondedMs ?? createdMs),
    ]);
    if (warnedAt) clockEvents([cRng.uuidv7(warnedAt), clockId, 'warning', iso(warnedAt), iso(warnedAt + 20_000)]);
    if (breachedAt) clockEvents([cRng.uuidv7(breachedAt), clockId, 'breach', iso(breachedAt), iso(breachedAt + 20_000)]);
    // The acknowledgement clock (1 working day), stopped when acknowledged.
    const ackId = cRng.uuidv7(createdMs);
    const ackDeadline = calendar.addWorkingDays(day, settings.acknowledgeWorkingDays);
    const ackMs = times[1] as number;
    const isAcknowledged = reached >= 1;
    const ackMet = ackMs <= Date.parse(deadlineEndInstant(ackDeadline));
    clocks([
      ackId,
      `${kind}-acknowledgement`,
      id,
      day,
      settings.acknowledgeWorkingDays,
      null,
      '[]',
      isAcknowledged ? (ackMet ? 'met' : 'stopped') : 'running',
      ackDeadline,
      deadlineEndInstant(ackDeadline),
      null,
      null,
      null,
      isAcknowledged ? iso(ackMs) : null,
      isAcknowledged ? 'done' : null,
      input.calendarRevision,
      iso(createdMs),
      iso(isAcknowledged ? ackMs : createdMs),
    ]);
    const assignee = cRng.pick(staff.followUpMembers);
    const response = isResponded
      ? kind === 'complaint'
        ? 'نعتذر عن التأخير، وقد عولج طلبكم وسيُصرف الدعم خلال أسبوع.\n\nإن لم تكن راضيًا فلك التظلم إلى مجلس الإدارة.'
        : 'شكرًا لتواصلك. طلبك لدى اللجنة المختصة وهو قيد الدراسة، وسنبلغك بالقرار عبر قناة التواصل المعتمدة لديك فور صدوره.'
      : null;
    const isClosed = reached >= path.indexOf('closed');
    const reference = (kind === 'complaint' ? cmpRefs : inqRefs).next(new Date(createdMs).getUTCFullYear());
    complaints([
      id,
      kind,
      reference,
      trackingCode ? indexer.index(trackingCode) : null,
      seal(trackingCode, aad('tracking_code')),
      channel,
      isAnonymous ? 1 : 0,
      seal(writerName, aad('writer_name')),
      seal(mobile, aad('mobile')),
      mobile ? indexer.index(mobile) : null,
      seal(email, aad('email')),
      seal(nationalId, aad('national_id')),
      nationalId ? indexer.index(nationalId) : null,
      family?.id ?? null,
      cRng.pick(kind === 'complaint' ? complaintTopics : inquiryTopics),
      cRng.chance(0.5) ? cRng.pick(['training', 'marketing', 'equipment', 'financial-aid', 'licensing']) : null,
      seal(
        kind === 'complaint'
          ? 'تأخر الرد على طلب الدعم أكثر من شهر دون إبلاغي بالسبب'
          : 'ما شروط الاستفادة من برنامج التدريب على التسويق الإلكتروني؟',
        aad('description'),
      ) as string,
      kind === 'complaint' ? seal('أرجو الإفادة بموعد صرف الدعم', aad('remedy')) : null,
      step,
      seal(response, aad('response')),
      respondedMs ? iso(respondedMs) : null,
      isWebsite ? settings.privacyNoticeVersion : null,
      'ar',
      clockId,
      ackId,
      isWebsite ? null : staff.contactOfficer,
      iso(createdMs),
      iso(times[reached] as number),
      reached + 1,
      kind === 'complaint' && reached >= 2 ? cRng.pick(['low', 'medium', 'medium', 'high', 'critical']) : null,
      0,
      kind === 'complaint' && reached >= 3 ? SEEDED_COMMITTEES.followUp : null,
      kind === 'complaint' && reached >= 3 ? assignee : null,
      kind === 'inquiry' ? staff.contactOfficer : null,
      kind === 'inquiry' ? 'officer' : null,
      kind === 'inquiry' ? 'general' : null,
      sla,
      isClosed ? iso(times[path.indexOf('closed')] as number) : null,
      isClosed && kind === 'complaint' ? cRng.pick(['accepted', 'not-accepted']) : null,
      kind === 'complaint' && reached >= path.indexOf('satisfaction-followed-up')
        ? cRng.pick(['satisfied', 'partly-satisfied', 'not-satisfied', 'unreachable'])
        : null,
      kind === 'inquiry' && isResponded ? staff.contactOfficer : null,
      kind === 'inquiry' && isResponded ? 'request-in-study' : null,
    ]);
    for (let s = 0; s <= reached; s++) {
      const stepActor =
        s === 0
          ? writerActor
          : s === 1 && isWebsite
            ? { kind: 'system' as const, id: null }
            : staffActor(kind === 'complaint' && s >= 4 ? assignee : staff.contactOfficer);
      const stepMs = times[s] as number;
      steps([cRng.uuidv7(stepMs), id, path[s] as string, iso(stepMs), stepActor.kind, stepActor.id, null]);
      if (s === 0)
        audit.add({
          atMs: stepMs,
          actorKind: stepActor.kind,
          actorId: stepActor.id,
          action: `${kind}.create`,
          entity: kind,
          entityId: id,
          fields: ['topic', 'description', ...(writerName ? ['name'] : []), ...(mobile ? ['mobile'] : []), ...(email ? ['email'] : [])],
          details: { channel, isAnonymous, isFamilyMatched: Boolean(family), attachments: 0 },
        });
      else if (s > 1 || !isWebsite)
        audit.add({
          atMs: stepMs,
          actorKind: stepActor.kind,
          actorId: stepActor.id,
          action: `${kind}.${actionOf(path[s] as string)}`,
          entity: kind,
          entityId: id,
          details: { from: path[s - 1], to: path[s] },
        });
    }
    if ((c & 255) === 0) {
      await sink.drain();
      progress.tick(c, total() - complaintRows);
    }
  }
  seconds.complaints = progress.done(total() - complaintRows);

  // ---------------------------------------------------------------- reference counters
  const counters = table('counters', ['name', 'value']);
  for (const [series, refs] of [
    ['FAM', familyRefs],
    ['REQ', requestRefs],
    ['CMP', cmpRefs],
    ['INQ', inqRefs],
  ] as const)
    for (const [year, n] of refs.counts) counters([`${series}-${year}`, n]);
  await sink.flush();
  return { rows, seconds, auditRows: audit.count, ...{ auditTail: audit.tail } } as GenerateResult & { auditTail: AuditWriter['tail'] };
}

const ACTION_OF: Record<string, string> = {
  acknowledged: 'acknowledge',
  assessed: 'assess',
  assigned: 'assign',
  investigating: 'investigate',
  'response-decided': 'decide-response',
  'response-communicated': 'communicate-response',
  closed: 'close',
  'satisfaction-followed-up': 'record-satisfaction',
  routed: 'route',
  answered: 'answer',
};
function actionOf(step: string): string {
  return ACTION_OF[step] ?? step;
}

/** A stable UUIDv7-shaped id from a name (minutes are referenced before they are written). */
function createHashId(name: string, ms: number): string {
  const h = createHash('sha256').update(name).digest('hex');
  const time = Math.floor(ms).toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${h.slice(0, 3)}-${((Number.parseInt(h.charAt(3), 16) & 3) | 8).toString(16)}${h.slice(4, 7)}-${h.slice(7, 19)}`;
}
