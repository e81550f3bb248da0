import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { oversightQueries } from '../../src/modules/complaints/complaints.worklists.js';
import { familyPageQuery, NAMES_TO_SORT } from '../../src/modules/families/families.repo.js';
import { type NameDrive, nameMatchesQuery } from '../../src/modules/families/families.search.js';
import { pageQuery, visibleRequests } from '../../src/modules/requests/requests.repo.js';
import { listQuery } from '../../src/modules/requests/requests.worklists.js';
import type { Engine } from '../../src/platform/db/dialect.js';
import type { Database } from '../../src/platform/db/schema.js';
import { type BenchPrincipalKey, RECEPTION_SCOPE } from '../seed/principals.js';
import type { PathName } from './options.js';

/** One SQL statement as the driver receives it (placeholders `?` on SQLite, `$n` on PostgreSQL). */
export interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

/** A URL Sila answers and what the ceiling runs for it. */
export interface Variant {
  url: string;
  /** The ceiling's work for this URL: only these statements, then the same bytes as Sila's answer. */
  statements: Statement[];
  /** Statements that depend on the rows of Sila's answer (a page's own follow-up reads), run after `statements`. */
  followUp?: (answer: Buffer) => Statement[];
}

export interface BenchPath {
  name: PathName;
  description: string;
  method: 'GET' | 'POST';
  /** The bench account it runs as; null for the public link. */
  as: BenchPrincipalKey | null;
  variants: Variant[];
  /** For POST: a fresh body for each request. */
  body?: (i: number) => string;
  /** A unique Idempotency-Key per request (public intake). */
  isIdempotent?: boolean;
  /** Also measured at 10 connections (issue 7 §5). */
  isAlsoFew: boolean;
  /** Issue 7 §5 targets, checked in results.ts. */
  target: { ratio?: number; p99Ms?: number; p50Ms?: number };
}

/** Compiles Kysely queries to SQL text without a database: the ceiling runs exactly these. */
export function compiler(engine: Engine): Kysely<Database> {
  return new Kysely<Database>({
    dialect:
      engine === 'sqlite'
        ? {
            createAdapter: () => new SqliteAdapter(),
            createDriver: () => new DummyDriver(),
            createIntrospector: (db) => new SqliteIntrospector(db),
            createQueryCompiler: () => new SqliteQueryCompiler(),
          }
        : {
            createAdapter: () => new PostgresAdapter(),
            createDriver: () => new DummyDriver(),
            createIntrospector: (db) => new PostgresIntrospector(db),
            createQueryCompiler: () => new PostgresQueryCompiler(),
          },
  });
}

function statement(query: { compile(): { sql: string; parameters: readonly unknown[] } }): Statement {
  const { sql: text, parameters } = query.compile();
  return { sql: text, parameters };
}

/**
 * The worklist as the reception user opens its "due soon" tab: open requests nearest their deadline,
 * 50 of them (the contract's default page; the UI asks 25 at a time and "more" pages on).
 */
export const WORKLIST_URL = '/api/v1/requests?list=due-soon&limit=50';

/**
 * The reception tab: the scoped user's drafts to complete, 50 a page, oldest first. Unlike due soon
 * (3 requests of this user at 10 thousand families, a full page at a million), it fills a page at both
 * sizes, so its growth compares the same work (issue 7 §3).
 */
export const RECEPTION_URL = '/api/v1/requests?list=reception&limit=50';

/** Given names and family names typed the other way round from how they are stored (أ/ا, ة/ه, ى/ي). */
export const SEARCH_NAMES = ['فاطمه', 'احمد', 'عائشه', 'مصطفي', 'ابراهيم', 'الغامدى', 'اسماء', 'موسي'];

export function searchUrl(name: string): string {
  // As the families page sends it (queryString order: filters, q, sort, order, limit).
  return `/api/v1/families?${new URLSearchParams({ q: name, sort: 'createdAt', order: 'desc', limit: '25' })}`;
}

/** Worklist: Sila's page query for one of the scoped user's lists, as requests.worklists.ts builds it (names joined). */
export function worklistStatement(engine: Engine, list: 'due-soon' | 'reception' = 'due-soon'): Statement {
  const visibility = { scope: RECEPTION_SCOPE, createdBy: null, committeeIds: null, isNone: false };
  return statement(pageQuery(listQuery(visibleRequests(compiler(engine), visibility), { list }), null, 50));
}

/**
 * A page of drafts also shows whether each one's checklist is satisfied: Sila reads the page's
 * request types and documents (`draftFlags` in requests.present.ts). The same two reads, for the
 * requests of the page Sila answered.
 */
export function draftFlagStatements(engine: Engine, answer: Buffer): Statement[] {
  const { items } = JSON.parse(answer.toString('utf8')) as { items: { id: string; typeCode: string; status: string }[] };
  const open = items.filter((item) => item.status === 'draft' || item.status === 'information-requested');
  if (!open.length) return [];
  const db = compiler(engine);
  return [
    statement(
      db
        .selectFrom('request_types')
        .selectAll()
        .where('code', 'in', [...new Set(open.map((item) => item.typeCode))]),
    ),
    statement(
      db
        .selectFrom('request_documents')
        .select(['request_id', 'item_key as itemKey'])
        .where(
          'request_id',
          'in',
          open.map((item) => item.id),
        )
        .where('removed_at', 'is', null),
    ),
  ];
}

/**
 * Search: Sila's family queries for the scoped user, newest first, 25 + 1 — on SQLite the capped count
 * of the name's matches first, then the page query built the way that count makes Sila build it.
 */
export function searchStatements(engine: Engine, name: string, drive: NameDrive): Statement[] {
  const db = compiler(engine);
  const visibility = { scope: RECEPTION_SCOPE, registeredBy: null, isNone: false };
  const page = familyPageQuery(db, engine, visibility, { q: name, sort: 'createdAt', order: 'desc', limit: 25 }, null, drive);
  const count = engine === 'sqlite' ? nameMatchesQuery(name, NAMES_TO_SORT) : null;
  return [...(count ? [count.compile(db)] : []), statement(page)].map((s) => ({ sql: s.sql, parameters: s.parameters }));
}

/** Worklist counts of management (unrestricted scope): the maintained counters. */
function countsStatements(engine: Engine): Statement[] {
  const db = compiler(engine);
  return [statement(db.selectFrom('counters').select(['name', 'value']).where('name', 'like', 'req:%'))];
}

/** Oversight figures (issue 6 §9): the reads complaints.worklists.ts `oversight` makes, from its own builders. */
function oversightStatements(engine: Engine, now: Date): Statement[] {
  const { weeks: _weeks, ...queries } = oversightQueries(compiler(engine), now);
  return Object.values(queries).map((query) => statement(query));
}

/** A complaint as a person sends it from the public form (named, with a mobile: an SMS acknowledgement). */
export function complaintBody(i: number, privacyNoticeVersion: string): string {
  return JSON.stringify({
    anonymous: false,
    name: 'نورة عبدالله القحطاني',
    mobile: `05${String(50_000_000 + (i % 49_999_999)).padStart(8, '0')}`,
    topic: 'service-delay',
    description: `تأخر الرد على طلب الدعم المقدم منذ أسبوعين، ولم يتواصل معي أحد حتى الآن. رقم المحاولة ${i}.`,
    privacyNoticeVersion,
  });
}

export function benchPaths(
  engine: Engine,
  now: Date,
  privacyNoticeVersion: string,
  drives: Readonly<Record<string, NameDrive>> = {},
): BenchPath[] {
  return [
    {
      name: 'worklist',
      description: 'requests worklist, due soon, 50 by deadline, scoped reception user',
      method: 'GET',
      as: 'reception',
      variants: [{ url: WORKLIST_URL, statements: [worklistStatement(engine)] }],
      isAlsoFew: true,
      target: { ratio: 0.5, p99Ms: 100 },
    },
    {
      name: 'reception',
      description: 'requests worklist, drafts to complete, 50 oldest first, scoped reception user',
      method: 'GET',
      as: 'reception',
      variants: [
        {
          url: RECEPTION_URL,
          statements: [worklistStatement(engine, 'reception')],
          followUp: (answer) => draftFlagStatements(engine, answer),
        },
      ],
      isAlsoFew: true,
      target: { ratio: 0.5, p99Ms: 100 },
    },
    {
      name: 'search',
      description: 'family search by an Arabic name in a variant spelling, scoped reception user',
      method: 'GET',
      as: 'reception',
      variants: SEARCH_NAMES.map((name) => ({ url: searchUrl(name), statements: searchStatements(engine, name, drives[name] ?? 'names') })),
      isAlsoFew: true,
      target: { ratio: 0.5, p99Ms: 100 },
    },
    {
      name: 'intake',
      description: 'public complaint intake, committed before the answer, unique Idempotency-Key',
      method: 'POST',
      as: null,
      // The ceiling inserts one row of the same size in one transaction (ceiling.ts).
      variants: [{ url: '/api/v1/public/complaints', statements: [] }],
      body: (i) => complaintBody(i, privacyNoticeVersion),
      isIdempotent: true,
      isAlsoFew: false,
      target: { ratio: 0.5 },
    },
    {
      name: 'oversight',
      description: 'management oversight figures (complaints and inquiries)',
      method: 'GET',
      as: 'management',
      variants: [{ url: '/api/v1/complaints/oversight', statements: oversightStatements(engine, now) }],
      isAlsoFew: false,
      target: { p50Ms: 200 },
    },
    {
      name: 'counts',
      description: 'request worklist counts, management',
      method: 'GET',
      as: 'management',
      variants: [{ url: '/api/v1/requests/counts', statements: countsStatements(engine) }],
      isAlsoFew: false,
      target: { p50Ms: 200 },
    },
  ];
}
