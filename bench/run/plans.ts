import SQLite from 'better-sqlite3';
import pg from 'pg';
import { NAMES_TO_SORT } from '../../src/modules/families/families.repo.js';
import { type NameDrive, nameMatchesQuery } from '../../src/modules/families/families.search.js';
import type { Target } from './options.js';
import { compiler, SEARCH_NAMES, type Statement, searchStatements, worklistStatement } from './paths.js';

export interface QueryPlan {
  query: string;
  sql: string;
  parameters: readonly unknown[];
  plan: string[];
}

/** Inlines parameters for a plan readable on its own (bench values only: no personal data). */
function sqliteLiteral(value: unknown): string {
  return typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`;
}

/**
 * The plan of each worklist and search query (issue 7 §6), as Sila sends them: EXPLAIN QUERY PLAN on
 * SQLite, EXPLAIN on PostgreSQL (estimates, without running the query).
 */
export async function queryPlans(target: Target, drives: Readonly<Record<string, NameDrive>>): Promise<QueryPlan[]> {
  const wanted: [string, Statement][] = [
    ['worklist (page query)', worklistStatement(target.engine)],
    ['reception (page query)', worklistStatement(target.engine, 'reception')],
    ...SEARCH_NAMES.map((name): [string, Statement] => [
      `search «${name}» (${drives[name] ?? 'names'})`,
      searchStatements(target.engine, name, drives[name] ?? 'names').at(-1) as Statement,
    ]),
  ];
  const plans: QueryPlan[] = [];
  if (target.engine === 'sqlite') {
    const db = new SQLite(target.file, { readonly: true });
    try {
      for (const [query, s] of wanted) {
        const rows = db.prepare(`explain query plan ${s.sql}`).all(...(s.parameters as unknown[])) as {
          id: number;
          parent: number;
          detail: string;
        }[];
        const depth = new Map<number, number>([[0, 0]]);
        const plan = rows.map((r) => {
          const d = (depth.get(r.parent) ?? 0) + 1;
          depth.set(r.id, d);
          return `${'  '.repeat(d - 1)}${r.detail}`;
        });
        let inlined = s.sql;
        for (const p of s.parameters) inlined = inlined.replace('?', sqliteLiteral(p));
        plans.push({ query, sql: inlined, parameters: s.parameters, plan });
      }
    } finally {
      db.close();
    }
    return plans;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    for (const [query, s] of wanted) {
      const result = await client.query(`explain ${s.sql}`, s.parameters as unknown[]);
      plans.push({
        query,
        sql: s.sql,
        parameters: s.parameters,
        plan: result.rows.map((r: Record<string, string>) => r['QUERY PLAN'] as string),
      });
    }
  } finally {
    await client.end();
  }
  return plans;
}

/**
 * How Sila will build each bench search (families.repo.ts `nameDriveFor`): on SQLite a name matched by
 * more than NAMES_TO_SORT families walks the date index; the ceiling is given the same query.
 */
export function searchDrives(target: Target): Record<string, NameDrive> {
  const drives: Record<string, NameDrive> = {};
  if (target.engine !== 'sqlite') return drives;
  const db = new SQLite(target.file, { readonly: true });
  try {
    for (const name of SEARCH_NAMES) {
      const query = nameMatchesQuery(name, NAMES_TO_SORT);
      if (!query) continue;
      const { sql, parameters } = query.compile(compiler('sqlite'));
      const { n } = db.prepare(sql).get(...(parameters as unknown[])) as { n: number };
      drives[name] = n > NAMES_TO_SORT ? 'sort-index' : 'names';
    }
  } finally {
    db.close();
  }
  return drives;
}
