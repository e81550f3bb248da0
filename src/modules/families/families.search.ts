import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { searchTerms } from '../../domain/arabic-text.js';
import type { Engine } from '../../platform/db/dialect.js';
import type { Database } from '../../platform/db/schema.js';

/**
 * Name search on the normalised column (issue 3 §5): every term typed must appear in the name.
 * Terms of 3+ characters use the trigram index (FTS5 `trigram` on SQLite, `gin_trgm_ops` on
 * PostgreSQL) as a substring match; shorter ones match the start of a word.
 */
const TRIGRAM_MIN = 3;

function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function ftsPhrase(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/**
 * `names`: the name index finds the families (few matches, then sorted). `sort-index`: the list walks
 * its sort index and tests each family's normalised name as it passes (many matches, so the page
 * fills quickly).
 */
export type NameDrive = 'names' | 'sort-index';

function ftsMatch(terms: string[]): string {
  return terms
    .filter((t) => [...t].length >= TRIGRAM_MIN)
    .map(ftsPhrase)
    .join(' AND ');
}

/** The trigram index's matches for `q`, at most `cap + 1` of them, counted (SQLite; null when `q` has no long term). */
export function nameMatchesQuery(q: string, cap: number) {
  const match = ftsMatch(searchTerms(q));
  return match
    ? sql<{ n: number }>`select count(*) as n from (select rowid from families_fts where families_fts match ${match} limit ${cap + 1})`
    : null;
}

/** How many families the trigram index matches for `q`, counted up to `cap + 1` (SQLite only; else 0). */
export async function countNameMatches(db: Kysely<Database>, engine: Engine, q: string, cap: number): Promise<number> {
  const query = engine === 'sqlite' ? nameMatchesQuery(q, cap) : null;
  if (!query) return 0;
  const { rows } = await query.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export function nameSearchCondition(engine: Engine, q: string, drive: NameDrive = 'names') {
  const terms = searchTerms(q);
  return (eb: ExpressionBuilder<Database, 'families'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    const long = terms.filter((t) => [...t].length >= TRIGRAM_MIN);
    const short = terms.filter((t) => [...t].length < TRIGRAM_MIN);
    if (long.length) {
      if (engine === 'sqlite' && drive === 'names') {
        conditions.push(sql<SqlBool>`families.rowid in (select rowid from families_fts where families_fts match ${ftsMatch(long)})`);
      } else {
        // PostgreSQL's trigram index serves LIKE; SQLite walking its sort index tests each family's
        // name as it passes (reading a common name's 75 thousand matches first cost more than the walk).
        for (const term of long) conditions.push(sql<SqlBool>`families.name_normalised like ${`%${likeEscape(term)}%`} escape '\\'`);
      }
    }
    for (const term of short) {
      conditions.push(sql<SqlBool>`(' ' || families.name_normalised) like ${`% ${likeEscape(term)}%`} escape '\\'`);
    }
    return conditions.length ? eb.and(conditions) : sql<SqlBool>`1 = 1`;
  };
}
