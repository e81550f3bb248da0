import { describe, expect, it } from 'vitest';
import { type AttestedData, canonicalAttestedData, canonicalJson } from '../../src/domain/attestation.js';
import { sha256Hex } from '../../src/platform/crypto/digest.js';

const attestedDataSha256 = (data: AttestedData) => sha256Hex(canonicalAttestedData(data));

const DATA: AttestedData = {
  requestReference: 'REQ-2026-000001',
  typeCode: 'tools-aid',
  family: {
    reference: 'FAM-2026-000001',
    headNameAr: 'نورة العتيبي',
    headNameEn: null,
    nationalId: '1000000008',
    mobile: '+966501234567',
    city: 'الدمام',
    address: null,
    members: [{ name: 'خالد', relation: 'son', nationalId: null, birthDate: '2015-04-01' }],
  },
  answers: { 'project-name': 'مطبخ', 'monthly-income': 1200 },
  documents: [
    { itemKey: 'id-copy', sha256: 'b'.repeat(64) },
    { itemKey: 'bank', sha256: 'a'.repeat(64) },
  ],
};

describe('attested data (C4)', () => {
  it('C4: keys are sorted at every level, so key order never changes the hash', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    const reordered: AttestedData = {
      documents: [...DATA.documents].reverse(),
      answers: { 'monthly-income': 1200, 'project-name': 'مطبخ' },
      family: { ...DATA.family },
      typeCode: DATA.typeCode,
      requestReference: DATA.requestReference,
    };
    expect(attestedDataSha256(reordered)).toBe(attestedDataSha256(DATA));
  });

  it('C4: a SHA-256 in hex, stable across runs', () => {
    expect(attestedDataSha256(DATA)).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalAttestedData(DATA)).toContain('"documents":[{"itemKey":"bank"');
  });

  it('C4: an empty answer is the same as no answer', () => {
    expect(attestedDataSha256({ ...DATA, answers: { ...DATA.answers, note: null, list: [] } })).toBe(attestedDataSha256(DATA));
  });

  it.each([
    ['an answer', { answers: { ...DATA.answers, 'monthly-income': 1300 } }],
    ['a document', { documents: [...DATA.documents, { itemKey: 'photos', sha256: 'c'.repeat(64) }] }],
    ['the mobile', { family: { ...DATA.family, mobile: '+966501234568' } }],
    ['a household member', { family: { ...DATA.family, members: [] } }],
  ])('C4: changing %s changes the hash (and so voids the attestation)', (_what, change) => {
    expect(attestedDataSha256({ ...DATA, ...change })).not.toBe(attestedDataSha256(DATA));
  });
});
