import { createHash } from 'node:crypto';
import { SEEDED_COMMITTEES } from '../../src/contracts/committees.js';
import { normaliseArabic } from '../../src/domain/arabic-text.js';
import { deadlineEndInstant, type WorkingCalendar } from '../../src/domain/calendar.js';
import { encodeTrackingCode } from '../../src/domain/tracking-code.js';
import { DEFAULT_COMPLAINTS_SETTINGS } from '../../src/modules/complaints/complaints.settings.js';
import { counterKeys } from '../../src/modules/requests/requests.repo.js';
import type { AppContext } from '../../src/platform/context.js';
import { type AuditInput, AuditWriter } from './audit.js';
import { BulkEncryptor, keyListOf } from './bulk-crypto.js';
import { FamilyTimeline, familyAt } from './families.js';
import {
  AGENDA_WIDTH,
  AUDIT_WIDTH,
  DECISION_WIDTH,
  firstRequestOfYear,
  meetingIdOf,
  minutesIdOf,
  REQUEST_SPAN,
  type RequestsEnv,
} from './requests-chunk.js';
import { requestChunks } from './requests-pool.js';
import type { WorkerInput } from './requests-worker.js';
import { Rng } from './rng.js';
import type { Row, Sink, Value } from './sink.js';

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
  /** The calendar as plain data, for worker threads to rebuild it (working-calendar.ts buildCalendarView). */
  calendarData: WorkerInput['calendar'];
  /** Worker threads making requests (0: this thread). */
  workers?: number;
  /** Requests per range handed to a worker. */
  chunk?: number;
}

const DAY = 86_400_000;
const RIYADH = 3 * 3_600_000;
const riyadhDay = (ms: number) => new Date(ms + RIYADH).toISOString().slice(0, 10);
/** `HH:MM` Riyadh on a day, as epoch ms. */
const at = (day: string, hour: number, minute = 0) => Date.parse(`${day}T00:00:00Z`) - RIYADH + hour * 3_600_000 + minute * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

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

const outcomeAr: Record<string, string> = { approved: 'الموافقة', 'partly-approved': 'الموافقة الجزئية', rejected: 'الاعتذار عن الطلب' };
/** The vote each member cast for an outcome (minutes' stored counts; all three voted alike). */
const VOTE_OF: Record<string, string> = { approved: 'approve', 'partly-approved': 'partlyApprove', rejected: 'reject' };

interface Meeting {
  id: string;
  day: string;
  agenda: number;
  decisions: Array<{ requestId: string; reference: string; typeNameAr: string; outcome: string; reasons: string }>;
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
    return Object.assign(
      (row: Row) => {
        write(row);
        count(name);
      },
      { width: columns.length },
    );
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
  const requestColumns = [
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
  ] as const;
  const requests = table('requests', requestColumns);
  // Worklist counters (requests.repo.ts counterKeys) as the services would have left them, tallied
  // as the rows pass: counting them afterwards took four scans of the requests table (minutes at 5 M).
  const worklistCounts = new Map<string, number>();
  const at_ = (name: (typeof requestColumns)[number]) => requestColumns.indexOf(name);
  const [statusAt, slaAt, categoryAt, officeAt, committeeAt] = [
    at_('status'),
    at_('sla_state'),
    at_('category'),
    at_('office'),
    at_('committee_id'),
  ];

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
  // 0022 (issue 22): agenda items name a subject kind; the seed's are all requests.
  const agenda = table('meeting_agenda', ['meeting_id', 'subject_kind', 'subject_id', 'position', 'added_by', 'added_at']);
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

  const meetings = new Map<string, Meeting>();
  const [chair] = staff.committeeMembers;
  const meetingOf = (day: string): Meeting => {
    let m = meetings.get(day);
    if (!m) {
      m = { id: meetingIdOf(seed, day), day, agenda: 0, decisions: [] };
      meetings.set(day, m);
    }
    return m;
  };
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
      const minutesId = minutesIdOf(seed, m.id, day);
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
        // minutes.content.ts sealOutcomes: { decisions, deferred } (a bare array reads as no decisions).
        encryptor.encrypt(
          JSON.stringify({
            decisions: m.decisions.map((d) => ({
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

  progress = new Progress('requests', sizes.requests, log);
  const startRows = total();
  const workerInput: WorkerInput = {
    seed,
    nowMs,
    requests: sizes.requests,
    families: sizes.families,
    timelineEndMs: timeline.startMs + timeline.stepMs * Math.max(1, sizes.families),
    timelineSpanMs: timeline.stepMs * Math.max(1, sizes.families),
    calendar: input.calendarData,
    encryptionKeys: keyListOf(ctx.keys.encryptor),
    registrars: staff.registrars,
    chair: chair as string,
  };
  const writeFlat = (write: ((row: Row) => void) & { width: number }, flat: Value[]) => {
    for (let i = 0; i < flat.length; i += write.width) write(flat.slice(i, i + write.width));
  };
  let made = 0;
  for await (const chunk of requestChunks(workerInput, input.workers ?? 0, input.chunk ?? 250)) {
    writeFlat(requests, chunk.requests);
    const r = chunk.requests;
    for (let i = 0; i < r.length; i += requests.width) {
      const keys = counterKeys({
        status: r[i + statusAt] as string,
        sla_state: r[i + slaAt] as string,
        category: r[i + categoryAt] as string,
        office: r[i + officeAt] as string,
        committee_id: r[i + committeeAt] as string | null,
      });
      for (const key of keys) worklistCounts.set(key, (worklistCounts.get(key) ?? 0) + 1);
    }
    writeFlat(history, chunk.history);
    writeFlat(attestations, chunk.attestations);
    writeFlat(clocks, chunk.clocks);
    writeFlat(clockEvents, chunk.clockEvents);
    const a = chunk.audit;
    for (let i = 0; i < a.length; i += AUDIT_WIDTH)
      audit.addRaw(
        a[i] as number,
        a[i + 1] as AuditInput['actorKind'],
        a[i + 2] as string | null,
        a[i + 3] as string,
        a[i + 4] as string,
        a[i + 5] as string | null,
        a[i + 6] as string | null,
        a[i + 7] as string | null,
      );
    // Agenda positions in the order requests reached the meeting, decisions for its minutes.
    const g = chunk.agenda;
    for (let i = 0; i < g.length; i += AGENDA_WIDTH) {
      const m = meetingOf(g[i] as string);
      agenda([m.id, 'request', g[i + 1] as string, ++m.agenda, chair, g[i + 2] as string]);
    }
    const d = chunk.decisions;
    for (let i = 0; i < d.length; i += DECISION_WIDTH)
      meetingOf(d[i] as string).decisions.push({
        requestId: d[i + 1] as string,
        reference: d[i + 2] as string,
        typeNameAr: d[i + 3] as string,
        outcome: d[i + 4] as string,
        reasons: d[i + 5] as string,
      });
    // Later requests were made on or after lastDay and reach meetings strictly after it.
    if (chunk.lastDay) flushMeetings(chunk.lastDay);
    made += chunk.requests.length / requests.width;
    await sink.drain();
    progress.tick(made, total() - startRows);
  }
  flushMeetings(null);
  const requestYears = new Map<number, number>();
  {
    const env = { ...workerInput, calendar, timeline, encryptor, chair: chair as string } as unknown as RequestsEnv;
    const lastYear = new Date(nowMs + 3 * 3_600_000).getUTCFullYear();
    for (let year = new Date(nowMs - REQUEST_SPAN).getUTCFullYear(); year <= lastYear; year++) {
      const n = firstRequestOfYear(env, year + 1) - firstRequestOfYear(env, year);
      if (n > 0) requestYears.set(year, n);
    }
  }
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
    ['REQ', { counts: requestYears }],
    ['CMP', cmpRefs],
    ['INQ', inqRefs],
  ] as const)
    for (const [year, n] of refs.counts) counters([`${series}-${year}`, n]);
  for (const [name, n] of worklistCounts) counters([name, n]);
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
