import type SQLite from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Where generated rows go, in big transactions: better-sqlite3 prepared statements on SQLite,
 * batches sent with COPY on PostgreSQL. Rows are written as they are made (nothing is
 * held beyond one batch); `COPY … FROM STDIN` on PostgreSQL. Secondary indexes and the name-search triggers of the tables being
 * filled are dropped for the load and recreated from their own definitions afterwards (so they are
 * exactly the migration's), which is much faster than maintaining them row by row.
 */
export type Value = string | number | null;
export type Row = Value[];

export interface Sink {
  readonly engine: 'sqlite' | 'postgres';
  /** Registers a table's column order; returns a writer taking rows in that order. */
  table(name: string, columns: readonly string[]): (row: Row) => void;
  /** Lets buffered rows reach the database when a batch is full (call between records). */
  drain(): Promise<void>;
  /** Writes everything still buffered and commits. */
  flush(): Promise<void>;
  exec(sql: string): Promise<void>;
  /** Drops the secondary indexes (and triggers) of `tables`; `restore` recreates them. */
  dropIndexes(tables: readonly string[]): Promise<void>;
  restoreIndexes(onEach?: (name: string, ms: number) => void): Promise<void>;
  close(): Promise<void>;
  abort?(): Promise<void>;
}

const COMMIT_EVERY = 250_000;
/** Rows bound into one INSERT on SQLite (a 13-column audit row: 832 values, far under SQLite's 32,766). */
const ROWS_PER_STATEMENT = 64;

export class SqliteSink implements Sink {
  readonly engine = 'sqlite' as const;
  private pending = 0;
  private inTransaction = false;
  private dropped: Array<{ type: string; name: string; sql: string }> = [];
  private readonly saved: Record<string, unknown> = {};
  private readonly flushers: Array<() => void> = [];

  constructor(private readonly db: SQLite.Database) {}

  /** Load-time settings (journal off, no fsync, big cache, no foreign-key checks); `close` restores the app's. */
  begin(): void {
    for (const name of ['journal_mode', 'synchronous', 'foreign_keys', 'cache_size', 'temp_store', 'threads'])
      this.saved[name] = this.db.pragma(name, { simple: true });
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('foreign_keys = OFF');
    this.db.pragma('cache_size = -1000000'); // ~1 GB
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma('threads = 2'); // CREATE INDEX sorts with a helper thread (one per core here)
  }

  table(name: string, columns: readonly string[]): (row: Row) => void {
    const width = columns.length;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const head = `insert into ${name} (${columns.join(', ')}) values `;
    const one = this.db.prepare(`${head}${tuple}`);
    // Many rows a statement (one call into SQLite per ROWS_PER_STATEMENT rows, values bound from one flat array).
    const many = this.db.prepare(`${head}${Array.from({ length: ROWS_PER_STATEMENT }, () => tuple).join(', ')}`);
    const flat: Value[] = new Array(width * ROWS_PER_STATEMENT);
    let filled = 0;
    const flush = () => {
      for (let r = 0; r < filled; r++) one.run(flat.slice(r * width, (r + 1) * width));
      filled = 0;
    };
    this.flushers.push(flush);
    return (row) => {
      if (!this.inTransaction) {
        this.db.exec('begin');
        this.inTransaction = true;
      }
      const base = filled * width;
      for (let c = 0; c < width; c++) flat[base + c] = row[c] as Value;
      if (++filled === ROWS_PER_STATEMENT) {
        many.run(flat);
        filled = 0;
      }
      if (++this.pending >= COMMIT_EVERY) this.commit();
    };
  }

  private commit(): void {
    if (this.inTransaction) {
      for (const flush of this.flushers) flush();
      this.db.exec('commit');
    }
    this.inTransaction = false;
    this.pending = 0;
  }

  async drain(): Promise<void> {}

  async flush(): Promise<void> {
    this.commit();
  }

  async exec(sql: string): Promise<void> {
    this.commit();
    this.db.exec(sql);
  }

  async dropIndexes(tables: readonly string[]): Promise<void> {
    this.commit();
    const list = tables.map((t) => `'${t}'`).join(', ');
    this.dropped = this.db
      .prepare(`select type, name, sql from sqlite_master where type in ('index', 'trigger') and sql is not null and tbl_name in (${list})`)
      .all() as Array<{ type: string; name: string; sql: string }>;
    for (const item of this.dropped) this.db.exec(`drop ${item.type} ${item.name}`);
  }

  async restoreIndexes(onEach?: (name: string, ms: number) => void): Promise<void> {
    this.commit();
    // Indexes first, then the triggers; the trigram index of names is rebuilt from the table at once.
    for (const item of [...this.dropped.filter((d) => d.type === 'index'), ...this.dropped.filter((d) => d.type === 'trigger')]) {
      const started = Date.now();
      this.db.exec(item.sql);
      onEach?.(item.name, Date.now() - started);
    }
    const started = Date.now();
    this.db.exec(`insert into families_fts(families_fts) values ('rebuild')`);
    onEach?.('families_fts (rebuild)', Date.now() - started);
    this.dropped = [];
  }

  async close(): Promise<void> {
    this.commit();
    this.db.pragma(`cache_size = ${this.saved.cache_size}`);
    this.db.pragma(`temp_store = ${this.saved.temp_store}`);
    this.db.pragma(`threads = ${this.saved.threads}`);
    this.db.pragma(`journal_mode = ${this.saved.journal_mode}`);
    this.db.pragma(`synchronous = ${this.saved.synchronous}`);
    this.db.pragma(`foreign_keys = ${this.saved.foreign_keys}`);
  }
}

/** Rows sent in one COPY (a few MB of text): big enough that the statement's cost vanishes. */
const COPY_ROWS = 20_000;
/**
 * Characters sent in one COPY at most, whatever the row count: a few rows can be large (a meeting's
 * minutes list thousands of decisions). Counted by rows alone, the minutes of a full run waited for
 * the end, grew the heap by ~0.8 KB a request and went out as one COPY of gigabytes that stalled.
 */
export const COPY_CHARS = 8_000_000;

/** A value in COPY's text format: \\N for null; backslash, tab, newline and carriage return escaped. */
export function copyText(value: Value): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] as string) : value;
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export class PostgresSink implements Sink {
  readonly engine = 'postgres' as const;
  private readonly client: pg.Client;
  private readonly buffers = new Map<string, { columns: readonly string[]; rows: Row[]; chars: number }>();
  private dropped: Array<{ name: string; sql: string }> = [];
  private pendingRows = 0;
  private pendingChars = 0;
  private isOpen = false;
  private readonly inFlight: Promise<void>[] = [];
  /** Tables truncated in the open transaction: COPY … FREEZE until it commits. */
  private readonly frozen = new Set<string>();

  constructor(url: string) {
    this.client = new pg.Client({ connectionString: url });
  }

  async begin(): Promise<void> {
    await this.client.connect();
    await this.client.query('set synchronous_commit = off');
    // Foreign keys are not checked during the load (rows of one record reach their tables in
    // separate batches); the generator writes only existing references, as the test checks.
    await this.client.query('set session_replication_role = replica');
    await this.client.query('begin');
    this.isOpen = true;
  }

  table(name: string, columns: readonly string[]): (row: Row) => void {
    const buffer = { columns, rows: [] as Row[], chars: 0 };
    this.buffers.set(name, buffer);
    return (row) => {
      buffer.rows.push(row);
      let chars = row.length;
      for (const value of row) if (typeof value === 'string') chars += value.length;
      buffer.chars += chars;
      this.pendingRows++;
      this.pendingChars += chars;
    };
  }

  /** One COPY of the buffered rows of `name` (all of them, or only when a full batch is waiting). */
  private async write(name: string, all: boolean): Promise<void> {
    const buffer = this.buffers.get(name);
    if (!buffer || buffer.rows.length === 0 || (!all && buffer.rows.length < COPY_ROWS && buffer.chars < COPY_CHARS)) return;
    const rows = buffer.rows;
    buffer.rows = [];
    this.pendingChars -= buffer.chars;
    buffer.chars = 0;
    const lines: string[] = new Array(rows.length);
    for (let r = 0; r < rows.length; r++) lines[r] = (rows[r] as Row).map(copyText).join('\t');
    const freeze = this.frozen.has(name) ? ' with (freeze)' : '';
    const stream = this.client.query(copyFrom(`copy ${name} (${buffer.columns.join(', ')}) from stdin${freeze}`));
    const done = new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('finish', resolve);
    });
    done.catch(() => {}); // awaited below or by `settle`; this only keeps an early failure from being "unhandled"
    stream.end(`${lines.join('\n')}\n`);
    this.pendingRows -= rows.length;
    // The client sends queries in order: while PostgreSQL takes in one COPY, the next is made here.
    this.inFlight.push(done);
    if (this.inFlight.length > 2) await this.inFlight.shift();
  }

  /** Waits for every COPY sent (before a commit, a query, or the end). */
  private async settle(): Promise<void> {
    while (this.inFlight.length) await this.inFlight.shift();
  }

  async drain(): Promise<void> {
    if (this.pendingRows < 5_000 && this.pendingChars < COPY_CHARS) return;
    for (const name of this.buffers.keys()) await this.write(name, false);
    if (this.pendingRows > 200_000 || this.pendingChars > 8 * COPY_CHARS)
      for (const name of this.buffers.keys()) await this.write(name, true);
  }

  async flush(): Promise<void> {
    for (const name of this.buffers.keys()) await this.write(name, true);
    await this.settle();
    this.frozen.clear();
    if (this.isOpen) {
      await this.client.query('commit');
      await this.client.query('begin');
    }
  }

  async exec(sql: string): Promise<void> {
    await this.flush();
    await this.client.query(sql);
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query(sql, params)).rows as T[];
  }

  async dropIndexes(tables: readonly string[]): Promise<void> {
    await this.flush();
    // Empty tables are truncated in the loading transaction, so COPY can write their rows frozen
    // (no hint-bit rewrite of every page on first read) and, under wal_level = minimal, skip the WAL.
    const empty: string[] = [];
    for (const table of tables) if (!(await this.query(`select 1 from ${table} limit 1`)).length) empty.push(table);
    // CASCADE reaches only tables whose rows would point into these empty ones: empty as well.
    if (empty.length) await this.client.query(`truncate ${empty.join(', ')} cascade`);
    for (const table of empty) this.frozen.add(table);
    const rows = await this.query<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = any($1)
         and indexname not in (select conname from pg_constraint)`,
      [tables],
    );
    this.dropped = rows.map((r) => ({ name: r.indexname, sql: r.indexdef }));
    for (const item of this.dropped) await this.client.query(`drop index ${item.name}`);
  }

  async restoreIndexes(onEach?: (name: string, ms: number) => void): Promise<void> {
    await this.flush();
    await this.client.query(`set maintenance_work_mem = '512MB'`);
    for (const item of this.dropped) {
      const started = Date.now();
      await this.client.query(item.sql);
      onEach?.(item.name, Date.now() - started);
    }
    this.dropped = [];
    await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    await this.client.query('commit');
    this.isOpen = false;
    await this.client.query('set session_replication_role = origin');
    await this.client.end();
  }

  /** After a failure: rolls back and lets the connection go. */
  async abort(): Promise<void> {
    await this.client.query('rollback').catch(() => {});
    await this.client.end().catch(() => {});
  }
}
