import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { assertSqlitePragmas, openDatabase } from '../../src/platform/db/database.js';

// The embedded engine's durability settings (issue 2 §2), asserted at start-up.
describe('SQLite start-up', () => {
  it('opens SQLite in WAL mode, synchronous=FULL, with foreign keys, a busy timeout and secure_delete (F2)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sila-pragma-'));
    const handle = openDatabase({ engine: 'sqlite', file: path.join(dir, 'x.db') });
    const raw = handle.sqlite as SQLite.Database;
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('synchronous', { simple: true })).toBe(2);
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(raw.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(raw.pragma('secure_delete', { simple: true })).toBe(1);
    // The assertion names the pragma that is wrong.
    raw.pragma('synchronous = NORMAL');
    expect(() => assertSqlitePragmas(raw)).toThrow(/synchronous/);
    raw.pragma('synchronous = FULL');
    raw.pragma('secure_delete = OFF');
    expect(() => assertSqlitePragmas(raw)).toThrow(/secure_delete/);
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
