import { describe, expect, it } from 'vitest';
import { UNRESTRICTED_SCOPE } from '../../src/domain/scope.js';
import { AppError } from '../../src/platform/http/app-error.js';
import { assertScopeWithin, assertWritableScope, isScopeWithin, scopeViolations } from '../../src/platform/http/write-scope.js';

const KHOBAR = { categories: [], domains: [], offices: ['khobar'] };
const TRAINING = { categories: [], domains: ['training'], offices: [] };

function refusal(run: () => void): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('issue 21 §1 F2: the write-scope check', () => {
  it('lets an unrestricted writer place a record anywhere', () => {
    expect(scopeViolations(UNRESTRICTED_SCOPE, { office: 'dammam', category: 'trainee', domains: [] })).toEqual([]);
  });

  it('names only the fields the write sets', () => {
    expect(scopeViolations(KHOBAR, { category: 'trainee' })).toEqual([]);
    expect(scopeViolations(KHOBAR, { office: 'dammam' }).map((e) => e.pointer)).toEqual(['/office']);
  });

  it('refuses a record left without an office when the writer is limited to some (null is not "all")', () => {
    expect(scopeViolations(KHOBAR, { office: null }).map((e) => e.code)).toEqual(['scope.forbidden']);
  });

  it('wants one domain of the record inside a domain-limited scope, as reads do', () => {
    expect(scopeViolations(TRAINING, { domains: ['marketing', 'training'] })).toEqual([]);
    expect(scopeViolations(TRAINING, { domains: ['marketing'] }).map((e) => e.pointer)).toEqual(['/domains']);
    expect(scopeViolations(TRAINING, { domains: [] }).map((e) => e.pointer)).toEqual(['/domains']);
  });

  it('answers 403 scope.forbidden with the pointers it was given', () => {
    const error = refusal(() =>
      assertWritableScope(KHOBAR, { office: 'dammam' }, { office: '/defaults/office', category: '/c', domains: '/d' }),
    );
    expect(error.status).toBe(403);
    expect(error.code).toBe('scope.forbidden');
    expect(error.errors.map((e) => e.pointer)).toEqual(['/defaults/office']);
  });

  it('hands out only a scope within the writer’s own; "all" only from "all"', () => {
    expect(() => assertScopeWithin(KHOBAR, KHOBAR)).not.toThrow();
    expect(() => assertScopeWithin(UNRESTRICTED_SCOPE, { categories: ['trainee'], domains: [], offices: [] })).not.toThrow();
    const wider = refusal(() => assertScopeWithin(KHOBAR, { categories: [], domains: [], offices: ['khobar', 'dammam'] }));
    expect(wider.errors.map((e) => e.pointer)).toEqual(['/scope/offices/1']);
    const all = refusal(() => assertScopeWithin(KHOBAR, UNRESTRICTED_SCOPE));
    expect(all.errors.map((e) => e.pointer)).toEqual(['/scope/offices']);
  });

  it('F2: isScopeWithin answers the same rule as a yes or no', () => {
    expect(isScopeWithin(UNRESTRICTED_SCOPE, KHOBAR)).toBe(true);
    expect(isScopeWithin(KHOBAR, KHOBAR)).toBe(true);
    expect(isScopeWithin(KHOBAR, { categories: ['trainee'], domains: [], offices: ['khobar'] })).toBe(true);
    expect(isScopeWithin(KHOBAR, UNRESTRICTED_SCOPE)).toBe(false);
    expect(isScopeWithin(KHOBAR, { categories: [], domains: [], offices: ['khobar', 'dammam'] })).toBe(false);
    expect(isScopeWithin(TRAINING, KHOBAR)).toBe(false);
  });
});
