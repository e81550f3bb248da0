import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInScope, type StaffScope, UNRESTRICTED_SCOPE } from '../../src/domain/scope.js';

const family = { category: 'productive-family', domains: ['training', 'marketing'], office: 'dammam' };

describe('staff scope (F2, ARCHITECTURE "Who can call what")', () => {
  it('an empty set means all', () => {
    expect(isInScope(UNRESTRICTED_SCOPE, family)).toBe(true);
  });

  it('needs the category, one of the domains and the office', () => {
    const scope: StaffScope = { categories: ['productive-family'], domains: ['marketing'], offices: ['dammam'] };
    expect(isInScope(scope, family)).toBe(true);
    expect(isInScope({ ...scope, categories: ['trainee'] }, family)).toBe(false);
    expect(isInScope({ ...scope, domains: ['licensing'] }, family)).toBe(false);
    expect(isInScope({ ...scope, offices: ['khobar'] }, family)).toBe(false);
  });

  it('a record without an office or category is outside any restricted set', () => {
    expect(isInScope({ categories: [], domains: [], offices: ['dammam'] }, { ...family, office: null })).toBe(false);
    expect(isInScope({ categories: ['trainee'], domains: [], offices: [] }, { ...family, category: null })).toBe(false);
  });

  it('adding codes to a set never takes a record out of scope (monotonic)', () => {
    const codes = fc.constantFrom('a', 'b', 'c', 'd');
    fc.assert(
      fc.property(
        fc.array(codes),
        fc.array(codes),
        fc.array(codes),
        codes,
        fc.array(codes, { minLength: 1 }),
        codes,
        codes,
        (cats, doms, offs, cat, fdoms, off, extra) => {
          const scope = { categories: cats, domains: doms, offices: offs };
          const record = { category: cat, domains: fdoms, office: off };
          if (!isInScope(scope, record)) return true;
          const widened = {
            categories: cats.length ? [...cats, extra] : cats,
            domains: doms.length ? [...doms, extra] : doms,
            offices: offs.length ? [...offs, extra] : offs,
          };
          return isInScope(widened, record);
        },
      ),
    );
  });
});
