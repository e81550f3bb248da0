/**
 * The ceiling (issue 7 §2): a bare Fastify server on the same driver and the same database as Sila,
 * whose routes run only the equivalent raw SQL and answer the bytes Sila answered. No sessions, no
 * validation, no audit, no logging: what the stack itself costs. Run by main.ts as a child process:
 * `node --import tsx bench/run/ceiling.ts SPEC.json`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import type { Statement } from './paths.js';

export interface CeilingRoute {
  method: 'GET' | 'POST';
  url: string;
  statements: Statement[];
  /** Sila's answer, base64. */
  body: string;
  status: number;
  contentType: string;
  /** Inserts one row of `payloadBytes` in a transaction instead of running statements. */
  insertPayloadBytes?: number;
}

export interface CeilingSpec {
  database: { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };
  routes: CeilingRoute[];
}

export const SCRATCH_TABLE = 'bench_ceiling_intake';

interface Runner {
  run(statements: Statement[]): Promise<void>;
  insert(row: { id: string; tracking_index: string; payload: string; created_at: string }): Promise<void>;
  close(): Promise<void>;
}

function sqliteRunner(file: string): Runner {
  // Sila's pragmas (platform/db/database.ts): WAL, synchronous FULL, a busy timeout.
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(
    `create table if not exists ${SCRATCH_TABLE} (id text primary key, tracking_index text not null, payload text not null, created_at text not null)`,
  );
  const prepared = new Map<string, SQLite.Statement>();
  const prepare = (text: string) => {
    let s = prepared.get(text);
    if (!s) {
      s = db.prepare(text);
      prepared.set(text, s);
    }
    return s;
  };
  const insert = db.prepare(`insert into ${SCRATCH_TABLE} (id, tracking_index, payload, created_at) values (?, ?, ?, ?)`);
  const insertInTransaction = db.transaction((row: { id: string; tracking_index: string; payload: string; created_at: string }) =>
    insert.run(row.id, row.tracking_index, row.payload, row.created_at),
  );
  return {
    run: async (statements) => {
      for (const s of statements) prepare(s.sql).all(...(s.parameters as unknown[]));
    },
    insert: async (row) => {
      insertInTransaction(row);
    },
    close: async () => {
      db.exec(`drop table if exists ${SCRATCH_TABLE}`);
      db.close();
    },
  };
}

async function postgresRunner(url: string): Promise<Runner> {
  pg.types.setTypeParser(20, (value) => Number(value));
  // Sila's pool size (platform/db/database.ts).
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query(
    `create table if not exists ${SCRATCH_TABLE} (id text primary key, tracking_index text not null, payload text not null, created_at text not null)`,
  );
  return {
    run: async (statements) => {
      for (const s of statements) await pool.query(s.sql, s.parameters as unknown[]);
    },
    insert: async (row) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(`insert into ${SCRATCH_TABLE} (id, tracking_index, payload, created_at) values ($1, $2, $3, $4)`, [
          row.id,
          row.tracking_index,
          row.payload,
          row.created_at,
        ]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    close: async () => {
      await pool.query(`drop table if exists ${SCRATCH_TABLE}`);
      await pool.end();
    },
  };
}

async function main(): Promise<void> {
  const specFile = process.argv[2];
  if (!specFile) throw new Error('Usage: ceiling.ts SPEC.json');
  const spec = JSON.parse(readFileSync(specFile, 'utf8')) as CeilingSpec;
  const runner = spec.database.engine === 'sqlite' ? sqliteRunner(spec.database.file) : await postgresRunner(spec.database.url);
  const app = Fastify({ logger: false });
  // Bodies are read (as Sila does) but not validated.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const byUrl = new Map<string, CeilingRoute & { bytes: Buffer }>();
  for (const route of spec.routes) byUrl.set(`${route.method} ${route.url}`, { ...route, bytes: Buffer.from(route.body, 'base64') });

  const handler = async (request: { method: string; url: string; body?: unknown }, reply: import('fastify').FastifyReply) => {
    const route = byUrl.get(`${request.method} ${request.url}`);
    if (!route) return reply.code(404).send();
    if (route.insertPayloadBytes !== undefined) {
      await runner.insert({
        id: randomUUID(),
        tracking_index: randomBytes(16).toString('hex'),
        payload:
          typeof request.body === 'string'
            ? request.body.padEnd(route.insertPayloadBytes)
            : randomBytes(route.insertPayloadBytes).toString('base64'),
        created_at: new Date().toISOString(),
      });
    } else await runner.run(route.statements);
    return reply.code(route.status).header('content-type', route.contentType).send(route.bytes);
  };
  app.get('/ready', async () => ({ ok: true }));
  app.get('/*', handler);
  app.post('/*', handler);

  const shutdown = async () => {
    await app.close();
    await runner.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
}

await main();
