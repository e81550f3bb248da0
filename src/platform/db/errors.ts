/**
 * Whether a database error is a broken unique or primary-key constraint, on either engine:
 * PostgreSQL's SQLSTATE 23505 (a primary key is a unique index there), better-sqlite3's
 * SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY, and SQLite's message when the code
 * is missing (errors re-thrown through a transaction wrapper).
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null | undefined;
  if (e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  return typeof e?.message === 'string' && /UNIQUE constraint failed/.test(e.message);
}
