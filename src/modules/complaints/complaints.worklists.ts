import { type Kysely, sql } from 'kysely';
import { type CaseAge, type ComplaintListQuery, caseKind, type InquiryListQuery, type Oversight } from '../../contracts/complaints.js';
import { AWAITING_ANSWER_STEPS, type CaseKind, CLOSED_STEPS, median, OPEN_STEPS } from '../../domain/complaint-steps.js';
import { riyadhCalendarDay, toHijriString } from '../../domain/dates.js';
import { type StaffScope, UNRESTRICTED_SCOPE } from '../../domain/scope.js';
import type { AppContext } from '../../platform/context.js';
import { engineOf } from '../../platform/db/dialect.js';
import type { Database } from '../../platform/db/schema.js';
import type { ComplaintRow } from '../../platform/db/schema-complaints.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';
import { absentOn, staffRefs } from './complaints.officers.js';
import { caseInScope } from './complaints.policy.js';
import { summaryOf } from './complaints.present.js';

/**
 * Worklists (issue 6 §5–§7) and oversight (§9; H5, H6). Each list is one index range (kind + assignee,
 * officer, queue or creator), ordered by the clock's deadline then id and keyset-paged; staff
 * concerned by a complaint never see it (§6), nor a case linked to a family outside their scope
 * (F2, issue 21). Listing is audited with the ids shown.
 */
type Db = Kysely<Database>;
const NO_DEADLINE = '9999-12-31';

interface Cursor {
  d: string;
  id: string;
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(value: string): Cursor | null {
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Cursor;
    return typeof c.d === 'string' && typeof c.id === 'string' ? c : null;
  } catch {
    return null;
  }
}

const has = (principal: StaffPrincipal, ...roles: string[]) => principal.roles.some((r) => roles.includes(r));

function forbidden(list: string): AppError {
  return AppError.forbidden('worklist.forbidden', `The ${list} list is not yours to open`);
}

/** Every list starts here, so the family's scope (F2, issue 21) applies to each of them. */
function baseQuery(db: Db, kind: CaseKind, scope: StaffScope) {
  return db
    .selectFrom('complaints as c')
    .leftJoin('working_clocks as wc', 'wc.id', 'c.clock_id')
    .selectAll('c')
    .select([
      sql<string>`coalesce(wc.deadline_day, ${NO_DEADLINE})`.as('sort_day'),
      'wc.deadline_day as wc_deadline_day',
      'wc.state as wc_state',
      'wc.working_days as wc_working_days',
      'wc.warn_day as wc_warn_day',
    ])
    .where('c.kind', '=', kind)
    .where(caseInScope('c.family_id', scope));
}
type Query = ReturnType<typeof baseQuery>;

async function page(
  ctx: AppContext,
  principal: StaffPrincipal,
  kind: CaseKind,
  query: Query,
  q: { cursor?: string | undefined; limit: number; list: string },
) {
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  if (q.cursor && !after)
    throw AppError.badRequest('request.invalid', 'Bad cursor', [{ pointer: '/cursor', code: 'field.invalid', detail: 'Bad cursor' }]);
  let paged = query;
  if (after)
    paged = paged.where((eb) =>
      eb.or([
        eb(sql`coalesce(wc.deadline_day, ${NO_DEADLINE})`, '>', after.d),
        eb.and([eb(sql`coalesce(wc.deadline_day, ${NO_DEADLINE})`, '=', after.d), eb('c.id', '>', after.id)]),
      ]),
    );
  const rows = await paged
    .orderBy(sql`coalesce(wc.deadline_day, ${NO_DEADLINE})`)
    .orderBy('c.id')
    .limit(q.limit + 1)
    .execute();
  const shown = rows.slice(0, q.limit);
  const names = await staffRefs(
    ctx.db,
    shown.flatMap((r) => [r.assigned_to, r.officer_id]),
  );
  const items = shown.map((r) =>
    summaryOf(
      r as unknown as ComplaintRow,
      names,
      r.wc_deadline_day
        ? {
            day: r.wc_deadline_day,
            dayHijri: toHijriString(r.wc_deadline_day),
            state: r.wc_state as string,
            workingDays: r.wc_working_days as number,
            warnDay: r.wc_warn_day as string | null,
          }
        : null,
      principal,
    ),
  );
  const last = shown.at(-1);
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: `${kind}.list`,
    entity: kind,
    details: { list: q.list, ids: items.map((i) => i.id) },
  });
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor({ d: last.sort_day, id: last.id }) : null };
}

const DAY_MS = 24 * 3600_000;
/** The oversight page's age groups (H5): received less than `newerThan` days ago and at least `olderThan` days ago. */
const AGE_BOUNDS: Record<CaseAge, { newerThan: number | null; olderThan: number | null }> = {
  '0-2': { newerThan: 3, olderThan: null },
  '3-5': { newerThan: 6, olderThan: 3 },
  '6-10': { newerThan: 11, olderThan: 6 },
  '11+': { newerThan: null, olderThan: 11 },
};

function common(
  query: Query,
  kind: CaseKind,
  q: {
    step?: string | undefined;
    slaState?: string | undefined;
    isOpen?: 'true' | 'false' | undefined;
    age?: CaseAge | undefined;
    channel?: string | undefined;
  },
  now: Date,
): Query {
  let out = query;
  if (q.step) out = out.where('c.step', '=', q.step);
  // A1–A6 (issue 27 §3): the oversight page's channel figures open the list behind them.
  if (q.channel) out = out.where('c.channel', '=', q.channel);
  if (q.slaState) out = out.where('c.sla_state', '=', q.slaState);
  if (q.isOpen === 'true') out = out.where('c.step', 'not in', CLOSED_STEPS[kind]);
  if (q.isOpen === 'false') out = out.where('c.step', 'in', CLOSED_STEPS[kind]);
  if (q.age) {
    const bounds = AGE_BOUNDS[q.age];
    const iso = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
    if (bounds.newerThan !== null) out = out.where('c.created_at', '>', iso(bounds.newerThan));
    if (bounds.olderThan !== null) out = out.where('c.created_at', '<=', iso(bounds.olderThan));
  }
  return out;
}

/**
 * Complaints: `mine` (assigned to me), `committee` (the follow-up committee's: unassigned or
 * assigned to it), `registered` (those I registered), `all` (management). Never those I am concerned by.
 */
export async function listComplaints(ctx: AppContext, principal: StaffPrincipal, asked: ComplaintListQuery) {
  const list = asked.list ?? (has(principal, 'follow-up-committee') ? 'committee' : has(principal, 'management') ? 'all' : 'registered');
  const q = { ...asked, list };
  let query = baseQuery(ctx.db, 'complaint', principal.scope).where(({ not, exists, selectFrom }) =>
    not(
      exists(
        selectFrom('complaint_concerned_staff as cs')
          .select('cs.staff_id')
          .whereRef('cs.complaint_id', '=', 'c.id')
          .where('cs.staff_id', '=', principal.userId),
      ),
    ),
  );
  if (q.list === 'mine') {
    if (!has(principal, 'follow-up-committee')) throw forbidden(q.list);
    query = query.where('c.assigned_to', '=', principal.userId);
  } else if (q.list === 'committee') {
    if (!has(principal, 'follow-up-committee', 'management')) throw forbidden(q.list);
  } else if (q.list === 'registered') {
    query = query.where('c.created_by', '=', principal.userId);
  } else if (!has(principal, 'management', 'follow-up-committee')) throw forbidden(q.list);
  return page(ctx, principal, 'complaint', common(query, 'complaint', q, ctx.clock.now()), q);
}

/**
 * Inquiries: `mine` (routed to me), `general` and `support` (queues any contact officer may take
 * from), `registered` (those I logged), `all` (management; `officerId` narrows to one officer's).
 */
export async function listInquiries(ctx: AppContext, principal: StaffPrincipal, asked: InquiryListQuery) {
  const list = asked.list ?? (has(principal, 'contact-officer') ? 'mine' : has(principal, 'management') ? 'all' : 'registered');
  const q = { ...asked, list };
  let query = baseQuery(ctx.db, 'inquiry', principal.scope);
  if (q.list === 'mine') {
    if (!has(principal, 'contact-officer')) throw forbidden(q.list);
    query = query.where('c.officer_id', '=', principal.userId);
  } else if (q.list === 'general' || q.list === 'support') {
    if (!has(principal, 'contact-officer', 'management')) throw forbidden(q.list);
    query = query.where('c.queue', '=', q.list).where('c.officer_id', 'is', null);
  } else if (q.list === 'registered') {
    query = query.where('c.created_by', '=', principal.userId);
  } else {
    if (!has(principal, 'management')) throw forbidden(q.list);
    if (q.officerId) query = query.where('c.officer_id', '=', q.officerId);
  }
  // The oversight page's officer figures (H6): awaiting an answer; answered by one officer since an instant.
  if (q.awaitingAnswer === 'true') query = query.where('c.step', 'in', AWAITING_ANSWER_STEPS);
  if (q.answeredBy) query = query.where('c.answered_by', '=', q.answeredBy);
  if (q.answeredSince) query = query.where('c.responded_at', '>=', new Date(q.answeredSince).toISOString());
  return page(ctx, principal, 'inquiry', common(query, 'inquiry', q, ctx.clock.now()), q);
}

// ---- oversight (§9) ----

/** The Sunday (Riyadh) that starts the week of `day` (the Saudi week starts on Sunday). */
function weekStart(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return new Date(date.getTime() - date.getUTCDay() * DAY_MS).toISOString().slice(0, 10);
}

type WeekColumn = 'created_at' | 'closed_at' | 'responded_at';

/** Which of the weeks starting at `starts` (ISO instants, oldest first) `column` falls in: a CASE, newest week first. */
function weekIndexOf(column: WeekColumn, starts: readonly string[]) {
  return sql<number>`case ${sql.join(
    starts
      .map((start, i) => ({ start, i }))
      .reverse()
      .map(({ start, i }) => sql`when ${sql.ref(column)} >= ${start} then ${sql.lit(i)}`),
    sql` `,
  )} end`;
}

/**
 * The oversight page's reads, built and not run: `oversight` runs them and the bench's ceiling runs
 * the same SQL raw (bench/run/paths.ts), so the two cannot drift apart. Each counts only the cases
 * `scope` may see (F2, issue 21: a case linked to a family outside it is left out), so the figures
 * match the lists they link to.
 */
export function oversightQueries(db: Kysely<Database>, now: Date, scope: StaffScope = UNRESTRICTED_SCOPE) {
  const inScope = caseInScope('complaints.family_id', scope);
  const iso = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const [t3, t6, t11] = [iso(3), iso(6), iso(11)];
  // Twelve weeks, Sunday to Saturday in Riyadh.
  const firstWeek = weekStart(riyadhCalendarDay(new Date(now.getTime() - 11 * 7 * DAY_MS)));
  const since = new Date(`${firstWeek}T00:00:00+03:00`).toISOString();
  const weeks = Array.from({ length: 12 }, (_, i) =>
    new Date(new Date(`${firstWeek}T00:00:00Z`).getTime() + i * 7 * DAY_MS).toISOString().slice(0, 10),
  );
  // Counted by the database, week by week (a CASE over the weeks' first instants in Riyadh), so the
  // page reads twelve numbers per series rather than every case of the last twelve weeks.
  const starts = weeks.map((w) => new Date(`${w}T00:00:00+03:00`).toISOString());
  const weekOf = (column: WeekColumn) => weekIndexOf(column, starts);
  // Whole milliseconds from receipt to answer (instants are ISO text on both engines).
  const responseMs =
    engineOf(db) === 'sqlite'
      ? sql<number>`cast(round((julianday(responded_at) - julianday(created_at)) * 86400000) as integer)`
      : sql<number>`round(extract(epoch from (responded_at::timestamptz - created_at::timestamptz)) * 1000)::float8`;
  return {
    weeks,
    open: db
      .selectFrom('complaints')
      .select([
        'kind',
        'step',
        // A1–A6 (issue 27 §3): grouped by channel too, so the page counts open cases by channel from the same read.
        'channel',
        sql<string>`case when created_at > ${t3} then '0-2' when created_at > ${t6} then '3-5' when created_at > ${t11} then '6-10' else '11+' end`.as(
          'age',
        ),
        sql<number>`count(*)`.as('n'),
      ])
      .where((eb) =>
        eb.or([
          eb.and([eb('kind', '=', 'complaint'), eb('step', 'in', OPEN_STEPS.complaint)]),
          eb.and([eb('kind', '=', 'inquiry'), eb('step', 'in', OPEN_STEPS.inquiry)]),
        ]),
      )
      .where(inScope)
      .groupBy(['kind', 'step', 'channel', 'age']),
    sla: db
      .selectFrom('complaints')
      .select(['kind', 'sla_state', sql<number>`count(*)`.as('n')])
      // Both kinds named, so the (kind, …) index is read as two ranges, not scanned whole.
      .where('kind', 'in', caseKind.options)
      .where('sla_state', 'in', ['due-soon', 'breached'])
      .where(inScope)
      .groupBy(['kind', 'sla_state']),
    // Both queues named, so (kind, queue, step) is read as a few ranges; with the kind alone, SQLite
    // walked every inquiry ever made (48 ms at a million families, issue 7 §5).
    queues: db
      .selectFrom('complaints')
      .select(['queue', sql<number>`count(*)`.as('n')])
      .where('kind', '=', 'inquiry')
      .where('queue', 'in', ['general', 'support'])
      .where('officer_id', 'is', null)
      .where('step', 'in', OPEN_STEPS.inquiry)
      .where(inScope)
      .groupBy('queue'),
    // Each officer's workload is counted from the open inquiries (a few hundred), found by (kind,
    // step). Grouped by officer, or filtered on one, in SQL, SQLite took the officer index instead
    // and read every inquiry ever assigned.
    awaiting: db
      .selectFrom('complaints')
      .select(['officer_id', 'sla_state'])
      .where('kind', '=', 'inquiry')
      .where('step', 'in', AWAITING_ANSWER_STEPS)
      .where(inScope),
    // Each officer's answers of the last 90 days: their number and the middle one or two response
    // times, picked by the database (a window over the officer's answers in time order). Reading
    // every answer into the page was 17 thousand rows at 500 thousand cases, and 50 managers at
    // once held half a gigabyte (issue 7 §5). The 90 days are read first, on their own (a
    // materialised CTE), from the covering (kind, responded_at, answered_by, created_at): as one
    // query, SQLite walked (kind, answered_by, …) for the window's order instead, every answer ever
    // given and through the table (117 ms at a million families, 1 ms at ten thousand).
    answered: db
      .with(
        (cte) => cte('recent').materialized(),
        (w) =>
          w
            .selectFrom('complaints')
            .select(['answered_by', responseMs.as('ms')])
            .where('kind', '=', 'inquiry')
            .where('responded_at', '>=', iso(90))
            .where('answered_by', 'is not', null)
            .where(inScope),
      )
      .selectFrom((inner) =>
        inner
          .selectFrom('recent')
          .select([
            'answered_by',
            'ms',
            sql<number>`row_number() over (partition by answered_by order by ms)`.as('rn'),
            sql<number>`count(*) over (partition by answered_by)`.as('n'),
          ])
          .as('a'),
      )
      .select(['answered_by', 'ms', 'n'])
      .where(sql<boolean>`rn in ((n + 1) / 2, (n + 2) / 2)`),
    registered: db.selectFrom('contact_officers').select(['officer_id', 'backup_id']).where('is_active', '=', 1),
    received: db
      .selectFrom('complaints')
      .select(['kind', weekOf('created_at').as('week'), sql<number>`count(*)`.as('n')])
      .where('kind', 'in', caseKind.options)
      .where('created_at', '>=', since)
      .where(inScope)
      .groupBy(['kind', 'week']),
    closed: db
      .selectFrom('complaints')
      .select([weekOf('closed_at').as('week'), sql<number>`count(*)`.as('n')])
      .where('kind', '=', 'complaint')
      .where('closed_at', '>=', since)
      .where(inScope)
      .groupBy('week'),
    answeredWeekly: db
      .selectFrom('complaints')
      .select([weekOf('responded_at').as('week'), sql<number>`count(*)`.as('n')])
      .where('kind', '=', 'inquiry')
      .where('responded_at', '>=', since)
      .where(inScope)
      .groupBy('week'),
  };
}

/** Rows grouped more finely than a figure needs, summed by `key` (the first row of each group stands for it). */
function sumBy<T extends { n: number | string }>(rows: readonly T[], key: (row: T) => string): [T, number][] {
  const sums = new Map<string, [T, number]>();
  for (const row of rows) {
    const k = key(row);
    const held = sums.get(k);
    sums.set(k, [held?.[0] ?? row, (held?.[1] ?? 0) + Number(row.n)]);
  }
  return [...sums.values()];
}

/**
 * One call for the oversight page (H5, H6): open complaints and inquiries by age and step, overdue
 * and due-soon counts, the queues, each contact officer's workload and median response time, open
 * cases by channel (A1–A6, issue 27 §3) and twelve weeks of counts, over the cases the manager's
 * scope may see (F2, issue 21). Every figure is an indexed aggregate; nothing personal is returned.
 */
export async function oversight(ctx: AppContext, principal: StaffPrincipal): Promise<Oversight> {
  const now = ctx.clock.now();
  const db = ctx.db;
  const q = oversightQueries(db, now, principal.scope);
  const openRows = await q.open.execute();
  const slaRows = await q.sla.execute();
  const sla = (kind: string, state: string) => Number(slaRows.find((r) => r.kind === kind && r.sla_state === state)?.n ?? 0);
  const queueRows = await q.queues.execute();
  const queue = (name: string) => Number(queueRows.find((r) => r.queue === name)?.n ?? 0);

  // Contact officers: those in the register and those holding inquiries.
  const workload = new Map<string, { open: number; overdue: number }>();
  for (const row of await q.awaiting.execute()) {
    if (!row.officer_id) continue; // not routed yet: counted in the queues
    const load = workload.get(row.officer_id) ?? { open: 0, overdue: 0 };
    load.open += 1;
    if (row.sla_state === 'breached') load.overdue += 1;
    workload.set(row.officer_id, load);
  }
  const answered = new Map<string, { count: number; middle: number[] }>();
  for (const row of await q.answered.execute()) {
    const entry = answered.get(row.answered_by as string) ?? { count: Number(row.n), middle: [] };
    entry.middle.push(Number(row.ms) / 3600_000);
    answered.set(row.answered_by as string, entry);
  }
  const registered = await q.registered.execute();
  const officerIds = [
    ...new Set([...registered.flatMap((r) => [r.officer_id, r.backup_id]), ...workload.keys(), ...answered.keys()]),
  ].filter((id): id is string => Boolean(id));
  const names = await staffRefs(db, officerIds);
  const absent = await absentOn(db, riyadhCalendarDay(now));
  const officers = officerIds
    .map((id) => {
      const load = workload.get(id);
      const answers = answered.get(id);
      // The middle one or two response times: their median is the median of all.
      const m = answers ? median(answers.middle) : null;
      return {
        officer: names.get(id) ?? { id, displayName: id },
        isAbsent: absent.has(id),
        open: Number(load?.open ?? 0),
        overdue: Number(load?.overdue ?? 0),
        answered: answers?.count ?? 0,
        medianResponseHours: m === null ? null : Math.round(m * 10) / 10,
      };
    })
    .sort((a, b) => b.open - a.open || a.officer.displayName.localeCompare(b.officer.displayName));

  const weekly = q.weeks.map((w) => ({
    weekStart: w,
    complaintsReceived: 0,
    inquiriesReceived: 0,
    complaintsClosed: 0,
    inquiriesAnswered: 0,
  }));
  for (const r of await q.received.execute()) {
    const b = weekly[Number(r.week)];
    if (b) b[r.kind === 'complaint' ? 'complaintsReceived' : 'inquiriesReceived'] += Number(r.n);
  }
  for (const r of await q.closed.execute()) {
    const b = weekly[Number(r.week)];
    if (b) b.complaintsClosed += Number(r.n);
  }
  for (const r of await q.answeredWeekly.execute()) {
    const b = weekly[Number(r.week)];
    if (b) b.inquiriesAnswered += Number(r.n);
  }
  await recordAudit(db, { at: now, actor: { kind: 'staff', id: principal.userId }, action: 'complaint.oversight', entity: 'complaint' });
  return {
    asOf: now.toISOString(),
    open: sumBy(openRows, (r) => `${r.kind}|${r.step}|${r.age}`).map(([r, count]) => ({
      kind: r.kind as CaseKind,
      step: r.step,
      age: r.age as Oversight['open'][number]['age'],
      count,
    })),
    openByChannel: sumBy(openRows, (r) => `${r.kind}|${r.channel}`).map(([r, count]) => ({
      kind: r.kind as CaseKind,
      channel: r.channel as Oversight['openByChannel'][number]['channel'],
      count,
    })),
    overdue: { complaints: sla('complaint', 'breached'), inquiries: sla('inquiry', 'breached') },
    dueSoon: { complaints: sla('complaint', 'due-soon'), inquiries: sla('inquiry', 'due-soon') },
    queues: { general: queue('general'), support: queue('support') },
    officers,
    weekly,
  };
}
