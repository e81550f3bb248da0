import type { Answers } from './request-checklist.js';

/**
 * The data a family attests (C4) and its SHA-256: the family's core data, the request's type and
 * answers, and the hash of each document attached. Serialised canonically — object keys sorted at
 * every level, arrays in a fixed order, no whitespace — so the same data always gives the same hash
 * on any engine and after any round trip through JSON (the hash itself is taken server-side,
 * `sha256Hex(canonicalAttestedData(data))`, since node:crypto is not in the browser). A later change to any of it gives another
 * hash, which is how a change voids the attestation.
 */
export interface AttestedFamily {
  reference: string;
  headNameAr: string;
  headNameEn: string | null;
  nationalId: string;
  mobile: string | null;
  city: string;
  address: string | null;
  members: readonly { name: string; relation: string; nationalId: string | null; birthDate: string | null }[];
}

export interface AttestedData {
  requestReference: string;
  typeCode: string;
  family: AttestedFamily;
  answers: Answers;
  documents: readonly { itemKey: string; sha256: string }[];
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** JSON with object keys sorted (code-point order) at every level; `undefined` members left out. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value as Json));
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const member = value[key];
      if (member !== undefined) out[key] = sortKeys(member);
    }
    return out;
  }
  return value;
}

/**
 * Any subject's attested data (issue 22; C4 for requests, D2's agreements next): the kind names it
 * and supplies the data; the attestation is the SHA-256 of this canonical JSON, so any change to the
 * data gives another hash and voids it. Service requests keep `canonicalAttestedData` below (their
 * hashes of before issue 22 stay valid): it is the request kind's canonical form.
 */
export function canonicalSubjectData(kind: string, data: unknown): string {
  return canonicalJson({ kind, data, version: 1 });
}

/** One line of attested data as a form or a screen shows it, in Arabic and English. */
export interface AttestedLine {
  labelAr: string;
  labelEn: string;
  value: string;
}

/** The canonical form: empty answers dropped (null and "not answered" are the same), documents sorted. */
export function canonicalAttestedData(data: AttestedData): string {
  const answers: Answers = {};
  for (const [key, value] of Object.entries(data.answers)) {
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    answers[key] = value;
  }
  const documents = [...data.documents]
    .map((d) => ({ itemKey: d.itemKey, sha256: d.sha256 }))
    .sort((a, b) => (a.itemKey === b.itemKey ? cmp(a.sha256, b.sha256) : cmp(a.itemKey, b.itemKey)));
  return canonicalJson({ ...data, answers, documents, version: 1 });
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
