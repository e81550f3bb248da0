import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Appends rows from a worker thread with its own SQLite connection (issue 7). better-sqlite3 is
 * synchronous, so a commit's fsync (synchronous=FULL: several milliseconds) stops the whole server;
 * rows that need no transaction of their caller (the audit rows of views and lists) are committed
 * here instead, and the server keeps answering while the disk works. Each batch is one immediate
 * transaction; the caller's promise settles once its rows are durable.
 */
export class OffThreadWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private isClosed = false;

  constructor(file: string, busyTimeoutMs: number) {
    const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driverPath, busyTimeoutMs } });
    this.worker.unref();
    this.worker.on('message', ({ id, error }: { id: number; error?: string }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (error) waiting?.reject(new Error(error));
      else waiting?.resolve();
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', () => this.failAll(new Error('The database writer thread stopped')));
  }

  /** Runs `sql` once for each row of values, in one transaction. */
  append(sql: string, rows: unknown[][]): Promise<void> {
    if (this.isClosed) return Promise.reject(new Error('The database writer thread is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, sql, rows });
    });
  }

  /** Waits for the rows already handed over, then stops the thread. */
  async close(): Promise<void> {
    this.isClosed = true;
    while (this.pending.size > 0) await new Promise((r) => setTimeout(r, 5));
    await this.worker.terminate();
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

// Plain CommonJS so the same thread runs from the sources (tsx) and from dist.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
db.pragma('secure_delete = ON');
const statements = new Map();
parentPort.on('message', ({ id, sql, rows }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) { statement = db.prepare(sql); statements.set(sql, statement); }
    db.transaction(() => { for (const row of rows) statement.run(row); }).immediate();
    parentPort.postMessage({ id });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;
