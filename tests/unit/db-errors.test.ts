import { describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../src/platform/db/errors.js';

// Issue 18 §3: one isUniqueViolation for both engines (four copies had three sets of codes).
describe('isUniqueViolation', () => {
  it.each([
    ['PostgreSQL unique or primary key', { code: '23505' }],
    ['SQLite unique index', { code: 'SQLITE_CONSTRAINT_UNIQUE' }],
    ['SQLite primary key', { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' }],
    ['SQLite message without a code', new Error('UNIQUE constraint failed: families.national_id_index')],
  ])('recognises %s', (_name, error) => {
    expect(isUniqueViolation(error)).toBe(true);
  });

  it.each([
    ['a foreign key', { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }],
    ['a PostgreSQL check', { code: '23514' }],
    ['nothing', undefined],
    ['null', null],
    ['a plain string', 'UNIQUE constraint failed'],
  ])('refuses %s', (_name, error) => {
    expect(isUniqueViolation(error)).toBe(false);
  });
});
