import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { normaliseArabic } from '../../domain/arabic-text.js';
import { labelOfCode } from '../../domain/coded-labels.js';
import { type Answers, answersInWords, type ChecklistItem } from '../../domain/request-checklist.js';
import type { Keys } from '../../platform/crypto/keys.js';
import type { Database } from '../../platform/db/schema.js';
import type { BilingualLabel, FamilyRows, PersonalTable } from '../../platform/personal-data.js';
import { checklistsByVersion } from '../requests/index.js';
import { listConsentPurposes, listTaxonomy } from '../settings/index.js';
import {
  CODED_COLUMNS,
  FACT_COLUMNS,
  isColumnShown,
  isTableShown,
  maskId,
  SETTINGS_LISTS,
  type SettingsList,
} from './privacy.access-copy-rules.js';

/**
 * Issue 25 §3 (F2): the walk of the personal-data registry that reads one subject's rows for an
 * access copy, inside the caller's read transaction (one snapshot). Rows are read a page at a time
 * by primary key and handed to `emit` one by one, so a family with 10,000 messages never sits in
 * memory as decrypted rows — only as the copy's own text.
 */
type AnyDb = Kysely<any>;
const PAGE = 500;

/** Whose copy: a family (with who asks, for the masking rule) or a complainant's complaint. */
export type CopySubject =
  | { kind: 'family'; familyId: string; requesterName: string | null; isHead: boolean }
  | { kind: 'complainant'; complaintId: string };

/**
 * A personal value with the registry's column name and its label in both languages (issue 25 §3);
 * a coded value (a member's relation) also in words, both languages (`valueLabel`).
 */
export interface CopyField {
  column: string;
  label: BilingualLabel;
  value: string;
  valueLabel?: BilingualLabel;
}
export type CopyEvent =
  | { type: 'section'; table: string }
  | {
      type: 'row';
      table: string;
      /** The row's facts as stored (codes), and the coded ones in words, both languages. */
      facts: Record<string, string>;
      factValueLabels: Record<string, BilingualLabel>;
      fields: CopyField[];
    }
  | { type: 'document'; table: string; name: string; mediaType: string; size: number; createdAt: string };

function reach(path: FamilyRows, subject: CopySubject): RawBuilder<SqlBool> | null {
  let core: RawBuilder<SqlBool>;
  if (!path.in) {
    if (subject.kind !== 'family') return null;
    core = sql<SqlBool>`${sql.ref(path.column)} = ${subject.familyId}`;
  } else if (subject.kind === 'complainant' && path.in.table === 'complaints') {
    core = sql<SqlBool>`${sql.ref(path.column)} = ${subject.complaintId}`;
  } else {
    const inner = reach(path.in.rows, subject);
    if (!inner) return null;
    core = sql<SqlBool>`${sql.ref(path.column)} in (select ${sql.ref(path.in.key ?? 'id')} from ${sql.table(path.in.table)} where ${inner})`;
  }
  const fixed = Object.entries(path.where ?? {}).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
  return sql<SqlBool>`${sql.join([...fixed, core], sql` and `)}`;
}

/** The subject's rows of a table, or null when the table does not reach them. */
export function rowsOfSubject(table: PersonalTable, subject: CopySubject): RawBuilder<SqlBool> | null {
  if (subject.kind === 'complainant' && table.table === 'complaints') return sql<SqlBool>`${sql.ref('id')} = ${subject.complaintId}`;
  const erasure = table.erasure;
  if (!erasure || erasure.rows === 'outside') return null;
  const paths = (Array.isArray(erasure.of) ? erasure.of : [erasure.of]) as readonly FamilyRows[];
  const conditions = paths.map((p) => reach(p, subject)).filter((c): c is RawBuilder<SqlBool> => c !== null);
  if (!conditions.length) return null;
  return sql<SqlBool>`(${sql.join(
    conditions.map((c) => sql`(${c})`),
    sql` or `,
  )})`;
}

const same = (a: string | null, b: string | null) => !!a && !!b && normaliseArabic(a).trim() === normaliseArabic(b).trim();

/** F2 masking: is this row's ID number the requester's own? */
function isRequesterRow(table: string, row: Record<string, unknown>, subject: CopySubject): boolean {
  if (subject.kind !== 'family') return true;
  if (table === 'families') return subject.isHead;
  return same(subject.requesterName, (row.name as string | null) ?? null);
}

async function* pages(db: AnyDb, table: PersonalTable, where: RawBuilder<SqlBool>): AsyncGenerator<Record<string, unknown>[]> {
  const key = table.key;
  let last: unknown[] | null = null;
  for (;;) {
    const after = last ? sql`and (${sql.join(key.map((k) => sql.ref(k)))}) > (${sql.join(last)})` : sql``;
    const order = sql.join(key.map((k) => sql.ref(k)));
    const { rows } = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(table.table)} where ${where} ${after} order by ${order} limit ${PAGE}`.execute(db);
    if (rows.length) yield rows;
    if (rows.length < PAGE) return;
    const tail = rows[rows.length - 1] as Record<string, unknown>;
    last = key.map((k) => tail[k]);
  }
}

/** The settings' own names of their codes (SETTINGS_LISTS), read once inside the copy's snapshot. */
type SettingsNames = ReadonlyMap<SettingsList, ReadonlyMap<string, BilingualLabel>>;
/** What the copy reads once to put codes and answers in words: the settings' names, the requests' checklists. */
interface Lookups {
  names: SettingsNames;
  checklists: ReadonlyMap<string, ChecklistItem[]>;
}

/** A request's answers (stored as JSON) by the labels of the checklist it was filed under; undefined if unreadable. */
function answersLabel(row: Record<string, unknown>, value: string, checklists: Lookups['checklists']): BilingualLabel | undefined {
  const checklist = checklists.get(`${row.type_code}@${row.type_version}`) ?? checklists.get(String(row.type_code)) ?? [];
  let answers: Answers;
  try {
    answers = JSON.parse(value) as Answers;
  } catch {
    return undefined;
  }
  if (!answers || typeof answers !== 'object' || Array.isArray(answers)) return undefined;
  return { ar: answersInWords(checklist, answers, 'ar'), en: answersInWords(checklist, answers, 'en') };
}

async function settingsNames(db: Kysely<Database>): Promise<SettingsNames> {
  const named = (items: { code: string; nameAr: string; nameEn: string }[]) =>
    new Map(items.map((i) => [i.code, { ar: i.nameAr, en: i.nameEn }] as const));
  const taxonomies = ['offices', 'categories', 'domains'] as const;
  // One after the other: they share the copy's one transaction (and its connection).
  const names = new Map<SettingsList, ReadonlyMap<string, BilingualLabel>>([['consent-purpose', named(await listConsentPurposes(db))]]);
  for (const kind of taxonomies) names.set(kind, named(await listTaxonomy(db, kind)));
  return names;
}

/** Issue 25 §3: a coded column's value in words (CODED_COLUMNS); undefined for a code with none (printed as it is). */
function wordsOf(table: string, column: string, row: Record<string, unknown>, names: SettingsNames): BilingualLabel | undefined {
  const coded = CODED_COLUMNS[table]?.[column];
  if (!coded) return undefined;
  const code = coded.code ? coded.code(row) : String(row[column]);
  const list = coded.list;
  return isSettingsList(list) ? names.get(list)?.get(code) : labelOfCode(list, code);
}

const isSettingsList = (list: string): list is SettingsList => (SETTINGS_LISTS as readonly string[]).includes(list);

function readRow(keys: Keys, table: PersonalTable, row: Record<string, unknown>, subject: CopySubject, lookups: Lookups): CopyEvent {
  const { names } = lookups;
  const key = Object.fromEntries(table.key.map((k) => [k, String(row[k])]));
  const personal = new Set(table.columns.map((c) => c.column));
  const facts: Record<string, string> = {};
  const factValueLabels: Record<string, BilingualLabel> = {};
  for (const name of FACT_COLUMNS) {
    if (personal.has(name) || row[name] == null) continue;
    facts[name] = String(row[name]);
    const words = wordsOf(table.table, name, row, names);
    if (words) factValueLabels[name] = words;
  }
  const fields: CopyField[] = [];
  for (const column of table.columns) {
    const raw = row[column.column];
    if (!isColumnShown(column) || raw == null || raw === '') continue;
    let value = column.kind === 'encrypted' ? keys.encryptor.decrypt(String(raw), column.aad(key)) : String(raw);
    if (column.accessCopy === 'masked-unless-self' && !isRequesterRow(table.table, row, subject)) value = maskId(value);
    if (value === '') continue;
    const valueLabel =
      table.table === 'requests' && column.column === 'answers'
        ? answersLabel(row, value, lookups.checklists)
        : column.kind === 'plain'
          ? wordsOf(table.table, column.column, row, names)
          : undefined;
    fields.push({ column: column.column, label: column.label, value, ...(valueLabel ? { valueLabel } : {}) });
  }
  return { type: 'row', table: table.table, facts, factValueLabels, fields };
}

/** Every registry table the subject's data is in, row by row, then each table's documents (names only). */
export async function* readSubjectData(
  db: AnyDb,
  keys: Keys,
  tables: readonly PersonalTable[],
  subject: CopySubject,
): AsyncGenerator<CopyEvent> {
  const lookups: Lookups = {
    names: await settingsNames(db as Kysely<Database>),
    checklists: await checklistsByVersion(db as Kysely<Database>),
  };
  for (const table of tables) {
    if (!isTableShown(table)) continue;
    const where = rowsOfSubject(table, subject);
    if (!where) continue;
    const owners = table.erasure && table.erasure.rows !== 'outside' ? (table.erasure.files ?? []) : [];
    let isOpen = false;
    for await (const rows of pages(db, table, where)) {
      if (!isOpen) yield { type: 'section', table: table.table };
      isOpen = true;
      for (const row of rows) yield readRow(keys, table, row, subject, lookups);
      if (!owners.length) continue;
      const files = await db
        .selectFrom('files')
        .select(['name', 'media_type', 'size', 'created_at'])
        .where('owner_type', 'in', owners)
        .where(
          'owner_id',
          'in',
          rows.map((r) => String(r.id)),
        )
        .where('content', '<>', '')
        .orderBy('created_at')
        .execute();
      for (const f of files)
        yield {
          type: 'document',
          table: table.table,
          name: f.name,
          mediaType: f.media_type,
          size: Number(f.size),
          createdAt: f.created_at,
        };
    }
  }
}
