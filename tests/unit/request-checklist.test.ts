import { describe, expect, it } from 'vitest';
import type { ChecklistItem } from '../../src/contracts/requests.js';
import { answerErrors, evaluateChecklist, normaliseAnswer } from '../../src/domain/request-checklist.js';

const CHECKLIST: ChecklistItem[] = [
  { key: 'project-name', kind: 'field', fieldType: 'text', labelAr: 'اسم المشروع', labelEn: 'Project name', isRequired: true },
  { key: 'monthly-income', kind: 'field', fieldType: 'number', labelAr: 'الدخل الشهري', labelEn: 'Monthly income', isRequired: true },
  { key: 'start-date', kind: 'field', fieldType: 'date', labelAr: 'تاريخ البدء', labelEn: 'Start date', isRequired: false },
  { key: 'has-licence', kind: 'field', fieldType: 'yes-no', labelAr: 'لديك ترخيص؟', labelEn: 'Licensed?', isRequired: true },
  {
    key: 'activity',
    kind: 'field',
    fieldType: 'choice',
    labelAr: 'النشاط',
    labelEn: 'Activity',
    isRequired: true,
    options: [
      { value: 'food', labelAr: 'أغذية', labelEn: 'Food' },
      { value: 'sewing', labelAr: 'خياطة', labelEn: 'Sewing' },
    ],
  },
  {
    key: 'channels',
    kind: 'field',
    fieldType: 'multi-choice',
    labelAr: 'قنوات البيع',
    labelEn: 'Sales channels',
    isRequired: false,
    options: [
      { value: 'online', labelAr: 'إلكتروني', labelEn: 'Online' },
      { value: 'market', labelAr: 'سوق', labelEn: 'Market' },
    ],
  },
  { key: 'id-copy', kind: 'document', labelAr: 'صورة الهوية', labelEn: 'ID copy', isRequired: true },
  { key: 'photos', kind: 'document', labelAr: 'صور المنتجات', labelEn: 'Product photos', isRequired: false },
];

const COMPLETE = { 'project-name': 'مطبخ أم خالد', 'monthly-income': 1200, 'has-licence': false, activity: 'food' };

describe('request checklist (C2, C3)', () => {
  it('C3: an empty request is missing every required item, fields and documents', () => {
    const result = evaluateChecklist(CHECKLIST, {}, []);
    expect(result.isSatisfied).toBe(false);
    expect(result.missing).toEqual(['project-name', 'monthly-income', 'has-licence', 'activity', 'id-copy']);
    expect(result.items.find((i) => i.key === 'id-copy')?.problem).toBe('checklist.missing');
    expect(result.items.find((i) => i.key === 'photos')).toMatchObject({ isSatisfied: false, problem: null });
  });

  it('C3: satisfied when every required field is answered and every required document attached', () => {
    const result = evaluateChecklist(CHECKLIST, COMPLETE, [{ itemKey: 'id-copy' }]);
    expect(result).toMatchObject({ isSatisfied: true, missing: [] });
    expect(result.items.find((i) => i.key === 'has-licence')?.isSatisfied).toBe(true); // "no" is an answer
  });

  it('C3: a document for another item does not satisfy this one', () => {
    expect(evaluateChecklist(CHECKLIST, COMPLETE, [{ itemKey: 'photos' }]).missing).toEqual(['id-copy']);
  });

  it('C3: blank text and empty lists count as missing', () => {
    const result = evaluateChecklist(CHECKLIST, { ...COMPLETE, 'project-name': '   ' }, [{ itemKey: 'id-copy' }]);
    expect(result.missing).toEqual(['project-name']);
  });

  it('C2: custom field types are validated, optional ones too', () => {
    const result = evaluateChecklist(
      CHECKLIST,
      { ...COMPLETE, 'monthly-income': 'a lot', 'start-date': '2026-02-30', activity: 'cars', channels: ['online', 'online'] },
      [{ itemKey: 'id-copy' }],
    );
    const problems = Object.fromEntries(result.items.filter((i) => i.problem).map((i) => [i.key, i.problem]));
    expect(problems).toEqual({
      'monthly-income': 'field.not-a-number',
      'start-date': 'field.date-invalid',
      activity: 'field.unknown-option',
      channels: 'field.repeated-option',
    });
    expect(result.isSatisfied).toBe(false);
  });

  it('C2: an edit may only answer known field items', () => {
    expect(answerErrors(CHECKLIST, { nope: 'x', 'id-copy': 'x', 'has-licence': 'yes', activity: 'food' })).toEqual([
      { pointer: '/answers/nope', code: 'checklist.unknown-item' },
      { pointer: '/answers/id-copy', code: 'checklist.document-not-an-answer' },
      { pointer: '/answers/has-licence', code: 'field.invalid-type' },
    ]);
  });

  it('C2: numbers typed in Arabic-Indic digits and padded text are tidied', () => {
    const income = CHECKLIST[1] as ChecklistItem;
    const name = CHECKLIST[0] as ChecklistItem;
    expect(normaliseAnswer(income, '١٢٠٠')).toBe(1200);
    expect(normaliseAnswer(income, '12.5')).toBe(12.5);
    expect(normaliseAnswer(name, '\u200f  مطبخ  ')).toBe('مطبخ');
    expect(normaliseAnswer(name, '  ')).toBeNull();
  });
});
