import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
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

export function nameSearchCondition(engine: Engine, q: string) {
  const terms = searchTerms(q);
  return (eb: ExpressionBuilder<Database, 'families'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    const long = terms.filter((t) => [...t].length >= TRIGRAM_MIN);
    const short = terms.filter((t) => [...t].length < TRIGRAM_MIN);
    if (long.length) {
      if (engine === 'sqlite') {
        const match = long.map(ftsPhrase).join(' AND ');
        conditions.push(sql<SqlBool>`families.rowid in (select rowid from families_fts where families_fts match ${match})`);
      } else {
        for (const term of long) conditions.push(sql<SqlBool>`families.name_normalised like ${`%${likeEscape(term)}%`} escape '\\'`);
      }
    }
    for (const term of short) {
      conditions.push(sql<SqlBool>`(' ' || families.name_normalised) like ${`% ${likeEscape(term)}%`} escape '\\'`);
    }
    return conditions.length ? eb.and(conditions) : sql<SqlBool>`1 = 1`;
  };
}
