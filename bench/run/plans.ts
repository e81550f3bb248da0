import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Target } from './options.js';
import { SEARCH_NAMES, type Statement, searchStatement, worklistStatement } from './paths.js';

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
export async function queryPlans(target: Target): Promise<QueryPlan[]> {
  const wanted: [string, Statement][] = [
    ['worklist (page query)', worklistStatement(target.engine, false)],
    ...SEARCH_NAMES.map((name): [string, Statement] => [`search «${name}»`, searchStatement(target.engine, name)]),
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
