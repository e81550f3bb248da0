import { describe, expect, it } from 'vitest';
import { UNRESTRICTED_SCOPE } from '../../src/domain/scope.js';
import { taxonomyLabels } from '../../src/web/ui/taxonomy-labels.js';

const item = (code: string, nameAr: string, isActive = true) => ({ code, nameAr, nameEn: code.toUpperCase(), isActive });
const DATA = {
  offices: [item('khobar', 'الخبر'), item('dammam', 'الدمام'), item('old', 'قديم', false)],
  categories: [item('orphans', 'أيتام'), item('widows', 'أرامل')],
  domains: [item('training', 'تدريب')],
} as Parameters<typeof taxonomyLabels>[0];

describe('taxonomy labels shared by the families and bulk-send screens (web/ui)', () => {
  it('names codes in the interface language, and an unknown code as itself', () => {
    expect(taxonomyLabels(DATA, 'ar').office('khobar')).toBe('الخبر');
    expect(taxonomyLabels(DATA, 'en').category('widows')).toBe('WIDOWS');
    expect(taxonomyLabels(DATA, 'ar').domain('nowhere')).toBe('nowhere');
  });

  it('F2, issue 21 §1: a writing form offers only the offices and categories of the user’s scope', () => {
    const khobar = { ...UNRESTRICTED_SCOPE, offices: ['khobar'] };
    expect(taxonomyLabels(DATA, 'ar', khobar).offices()).toEqual([{ value: 'khobar', label: 'الخبر' }]);
    expect(taxonomyLabels(DATA, 'ar', khobar).categories()).toHaveLength(2);
    expect(
      taxonomyLabels(DATA, 'ar')
        .offices()
        .map((o) => o.value),
    ).toEqual(['khobar', 'dammam']);
  });

  it('offers an inactive item only as the record’s current value', () => {
    expect(
      taxonomyLabels(DATA, 'ar')
        .offices(['old'])
        .map((o) => o.value),
    ).toEqual(['khobar', 'dammam', 'old']);
  });
});
