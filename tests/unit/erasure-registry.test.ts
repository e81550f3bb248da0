import { describe, expect, it } from 'vitest';
import { AREAS, personalDataRegistry } from '../../src/app.js';

/**
 * Issue 25 §5 (F2): every table of a family's or a complainant's data says how an erasure reaches
 * it, and every column of the rows it updates says what happens to it — so an area added later
 * cannot leave a family's data behind by forgetting.
 */
describe('erasure declarations in the personal-data registry (issue 25 §5, F2)', () => {
  const registry = personalDataRegistry();
  const names = new Set(registry.map((t) => t.table));
  const ofSubject = registry.filter((t) => t.subject === 'family' || t.subject === 'complainant');

  it('F2: every family and complainant table declares its erasure', () => {
    expect(ofSubject.length).toBeGreaterThan(10);
    expect(ofSubject.filter((t) => !t.erasure).map((t) => t.table)).toEqual([]);
  });

  it('F2: every column of the rows an erasure updates declares its action', () => {
    const missing = ofSubject
      .filter((t) => t.erasure?.rows === 'update')
      .flatMap((t) => t.columns.filter((c) => c.erase === undefined).map((c) => `${t.table}.${c.column}`));
    expect(missing).toEqual([]);
  });

  it('F2: a table left outside says why, and join paths name registered or known tables', () => {
    for (const table of registry)
      if (table.erasure?.rows === 'outside') expect(table.erasure.reason.length, table.table).toBeGreaterThan(20);
    const paths = registry.flatMap((t) =>
      t.erasure && t.erasure.rows !== 'outside' ? (Array.isArray(t.erasure.of) ? t.erasure.of : [t.erasure.of]) : [],
    );
    for (const path of paths) if (path.in) expect(names.has(path.in.table), path.in.table).toBe(true);
  });

  it('F2: the family registry anonymises the name and removes the members and the identity index', () => {
    const families = registry.find((t) => t.table === 'families');
    const name = families?.columns.find((c) => c.column === 'head_name_ar');
    expect(typeof name?.erase === 'object' && name.erase.placeholder({ n: 7, key: { id: 'x' } })).toBe('أسرة مجهّلة رقم 7');
    expect(registry.find((t) => t.table === 'household_members')?.erasure?.rows).toBe('delete');
    expect(registry.find((t) => t.table === 'identity_index')?.erasure?.rows).toBe('delete');
  });

  it('F2: requests, complaints, compensation cases and data-subject requests register their legal holds', () => {
    const holds = AREAS.flatMap((a) => a.erasureHolds ?? []).map((h) => h.name);
    expect(holds).toEqual(
      expect.arrayContaining(['open-request', 'open-complaint', 'open-compensation-case', 'open-data-subject-request']),
    );
  });
});
