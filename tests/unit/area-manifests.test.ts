import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AREAS, personalDataRegistry } from '../../src/app.js';
import { STAFF_ROLES } from '../../src/domain/roles.js';
import { FILE_STORE_PERSONAL_DATA } from '../../src/platform/files/file-store.js';
import { assertRegistry, isLabelled, type PersonalColumn, type PersonalTable } from '../../src/platform/personal-data.js';

/**
 * Issue 18 §2–§3: every area is assembled from its manifest, the manifests declare the audit
 * actions their files write, and the personal-data registry covers every encrypted column.
 */
const MODULES = path.resolve(import.meta.dirname, '../../src/modules');

function sourcesOf(area: string): string {
  return readdirSync(path.join(MODULES, area))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(path.join(MODULES, area, f), 'utf8'))
    .join('\n');
}

/** Literal audit actions (`action: 'family.view'`, and both arms of `action: x ? 'a.b' : 'a.c'`). */
function auditActionsIn(source: string): string[] {
  const lines = source.split('\n').filter((line) => /\baction: /.test(line) && !/^\s*(\/\/|\*)/.test(line));
  return [...new Set(lines.flatMap((line) => [...line.matchAll(/'([a-z-]+\.[a-z.-]+)'/g)].map((m) => m[1] as string)))];
}

const isDeclared = (kinds: readonly string[], action: string) =>
  kinds.some((kind) => kind === action || (kind.endsWith('.*') && action.startsWith(kind.slice(0, -1))));

describe('area manifests (issue 18 §2)', () => {
  it('every folder of src/modules is an area assembled in app.ts, each once', () => {
    const folders = readdirSync(MODULES).sort();
    expect(AREAS.map((a) => a.name).sort()).toEqual(folders);
  });

  it.each(AREAS.map((a) => [a.name, a] as const))('%s declares every audit action its files write', (name, area) => {
    const written = auditActionsIn(sourcesOf(name)).filter((a) => !a.startsWith('request.illegal') && !a.startsWith('calendar.'));
    const missing = written.filter((action) => !isDeclared(area.auditKinds ?? [], action));
    expect(missing).toEqual([]);
  });
});

describe('record of processing declarations (issue 25 §7, F2)', () => {
  const holders = AREAS.filter((a) => (a.personalData ?? []).length > 0);

  it.each(holders.map((a) => [a.name, a] as const))('%s declares its purpose, readers and retention', (_name, area) => {
    const processing = area.processing;
    expect(processing).toBeDefined();
    if (!processing) return;
    expect(isLabelled({ label: processing.purpose })).toBe(true);
    expect(processing.readers.length).toBeGreaterThan(0);
    for (const role of processing.readers) expect(STAFF_ROLES).toContain(role);
    expect(new Set(processing.readers).size).toBe(processing.readers.length);
    // A family's erasure reaches the area's rows: the families' period applies to them.
    const erasedWithFamily = (area.personalData ?? []).some(
      (t) => (t.subject === 'family' || t.subject === 'recipient') && t.erasure && t.erasure.rows !== 'outside',
    );
    if (erasedWithFamily) expect(processing.retention).toContain('families');
    if ((area.personalData ?? []).some((t) => t.subject === 'complainant')) expect(processing.retention).toContain('complaints');
  });
});

describe('personal-data registry (issue 18 §3)', () => {
  const registry = personalDataRegistry();

  it('holds the family registry’s plain personal columns too (names, birth dates, the search index)', () => {
    const plain = registry.flatMap((t) => t.columns.filter((c) => c.kind === 'plain').map((c) => `${t.table}.${c.column}`));
    expect(plain).toEqual(
      expect.arrayContaining([
        'families.head_name_ar',
        'families.head_name_en',
        'families.name_normalised',
        'families_fts.name_normalised',
        'household_members.name',
        'household_members.birth_date',
      ]),
    );
    expect(registry.some((t) => t.table === 'identity_index')).toBe(true);
  });

  it('issue 25 §3, F2: every column has an Arabic and an English label, and a column without one is refused', () => {
    const unlabelled = registry.flatMap((t) => t.columns.filter((c) => !isLabelled(c)).map((c) => `${t.table}.${c.column}`));
    expect(unlabelled).toEqual([]);
    const families = registry.find((t) => t.table === 'families') as PersonalTable;
    const withLabel = (label: unknown) => [
      { ...families, columns: families.columns.map((c, i) => (i === 0 ? ({ ...c, label } as PersonalColumn) : c)) },
    ];
    expect(() => assertRegistry(withLabel(undefined))).toThrow(/families\.national_id has no Arabic and English label/);
    expect(() => assertRegistry(withLabel({ en: 'ID number' }))).toThrow(/no Arabic and English label/);
    expect(() => assertRegistry(withLabel({ ar: 'رقم الهوية', en: '' }))).toThrow(/no Arabic and English label/);
    // Both texts in their own script: an English text pasted as the Arabic label is refused.
    expect(() => assertRegistry(withLabel({ ar: 'ID number', en: 'ID number' }))).toThrow(/no Arabic and English label/);
    expect(() => assertRegistry(withLabel({ ar: 'رقم الهوية', en: 'ID number' }))).not.toThrow();
  });

  it('includes the file store and refuses a table declared twice', () => {
    expect(registry).toEqual(expect.arrayContaining([...FILE_STORE_PERSONAL_DATA]));
    expect(() => assertRegistry([...registry, registry[0] as PersonalTable])).toThrow(/declared twice/);
  });
});
