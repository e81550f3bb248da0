import type { AttestedFamily } from '../../src/domain/attestation.js';
import { dayOfOrdinal, parseDayOrdinal } from '../../src/domain/calendar-days.js';
import { DISTRICTS, FAMILY, headName, memberName, mobileFor, nationalIdFor, OFFICES } from './people.js';
import { Rng, unit } from './rng.js';

/**
 * One family of the generated registry as a pure function of (seed, index): the families pass writes
 * it, and the requests and complaints passes rebuild it when they need its ID number or the data a
 * request's attestation hashes (C4), so no pass holds the registry in memory.
 */
export interface GeneratedMember {
  id: string;
  name: string;
  relation: string;
  nationalId: string | null;
  birthDate: string | null;
  birthDateCalendar: 'gregorian' | 'hijri' | null;
}

export interface GeneratedFamily {
  index: number;
  id: string;
  createdMs: number;
  headNameAr: string;
  headNameEn: string | null;
  nationalId: string;
  mobile: string | null;
  otherPhone: string | null;
  email: string | null;
  city: string;
  address: string | null;
  office: string;
  category: string;
  domains: string[];
  agreedChannel: string;
  originChannel: string;
  notes: string | null;
  members: GeneratedMember[];
  registrarSlot: number;
}

export const CATEGORIES = [
  ['productive-family', 45],
  ['home-business-owner', 30],
  ['trainee', 15],
  ['craftsperson', 10],
] as const;

export const DOMAINS = ['training', 'marketing', 'equipment', 'financial-aid', 'licensing'] as const;

const AGREED = [
  ['sms', 50],
  ['whatsapp', 20],
  ['phone-call', 14],
  ['email', 8],
  ['letter', 6],
  ['fax', 2],
] as const;

export const ORIGINS = [
  ['interview', 40],
  ['phone', 15],
  ['website', 25],
  ['letter', 8],
  ['fax', 4],
  ['volunteer', 8],
] as const;

const RELATIONS = [
  ['spouse', 20],
  ['son', 28],
  ['daughter', 28],
  ['mother', 6],
  ['father', 3],
  ['brother', 4],
  ['sister', 5],
  ['grandchild', 4],
  ['other', 2],
] as const;

const NOTES = ['تفضل التواصل مساءً', 'لديها مشروع طبخ منزلي', 'تحتاج إلى مترجم لغة إشارة', 'تسكن مع والدتها المسنّة'];

/** The registry's time line: families registered evenly over `spanMs` before `endMs`. */
export class FamilyTimeline {
  readonly startMs: number;
  readonly stepMs: number;
  constructor(
    readonly seed: number,
    readonly count: number,
    endMs: number,
    spanMs: number,
  ) {
    this.startMs = endMs - spanMs;
    this.stepMs = spanMs / Math.max(1, count);
  }

  /** Increasing with the index (one slot per family, jittered inside it). */
  createdMs(index: number): number {
    return Math.floor(this.startMs + (index + unit(this.seed ^ 0x51ed, index) * 0.98) * this.stepMs);
  }

  /** How many families were registered before `ms`. */
  registeredBefore(ms: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.createdMs(mid) < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const MAX_MEMBERS = 8;

export function familyAt(timeline: FamilyTimeline, index: number): GeneratedFamily {
  const rng = new Rng(timeline.seed, 0x10000000 + index);
  const createdMs = timeline.createdMs(index);
  const id = rng.uuidv7(createdMs);
  const name = headName(rng);
  const officeRow = rng.weighted(OFFICES.map((o) => [o, o[2]] as const));
  const office = officeRow[0];
  const category = rng.weighted(CATEGORIES);
  const domainCount = rng.weighted([
    [1, 55],
    [2, 35],
    [3, 10],
  ] as const);
  const domains = new Set<string>();
  while (domains.size < domainCount) domains.add(rng.pick(DOMAINS));
  const hasMobile = rng.chance(0.96);
  const memberCount = rng.weighted([
    [0, 18],
    [1, 20],
    [2, 22],
    [3, 18],
    [4, 12],
    [5, 6],
    [6, 4],
  ] as const);
  const createdDay = parseDayOrdinal(new Date(createdMs + 3 * 3_600_000).toISOString().slice(0, 10));
  const members: GeneratedMember[] = [];
  for (let k = 0; k < memberCount && k < MAX_MEMBERS; k++) {
    const relation = k === 0 && rng.chance(0.6) ? 'spouse' : rng.weighted(RELATIONS);
    const isChild = relation === 'son' || relation === 'daughter' || relation === 'grandchild';
    const ageDays = isChild ? rng.int(200, 22 * 365) : rng.int(20 * 365, 75 * 365);
    const hasBirthDate = rng.chance(0.7);
    members.push({
      id: rng.uuidv7(createdMs),
      name: memberName(rng, relation, name.familyIndex),
      relation,
      // Small children often have no ID number of their own yet.
      nationalId:
        isChild && ageDays < 6 * 365 && rng.chance(0.7) ? null : nationalIdFor(timeline.count + index * MAX_MEMBERS + k, rng.chance(0.08)),
      birthDate: hasBirthDate ? dayOfOrdinal(createdDay - ageDays) : null,
      birthDateCalendar: hasBirthDate ? (rng.chance(0.6) ? 'hijri' : 'gregorian') : null,
    });
  }
  const family = FAMILY[name.familyIndex] as readonly string[];
  return {
    index,
    id,
    createdMs,
    headNameAr: name.ar,
    headNameEn: rng.chance(0.35) ? name.en : null,
    nationalId: nationalIdFor(index, rng.chance(0.08)),
    mobile: hasMobile ? mobileFor(index) : null,
    otherPhone: rng.chance(0.1) ? `+96613${String(rng.int(8_000_000, 8_999_999))}` : null,
    email: rng.chance(0.15) ? `${(family[1] ?? 'family').toLowerCase().replace(/[^a-z]/g, '')}${index}@example.sa` : null,
    city: officeRow[1],
    address: rng.chance(0.6) ? `${rng.pick(DISTRICTS)}، شارع ${rng.int(1, 60)}، منزل ${rng.int(1, 400)}` : null,
    office,
    category,
    domains: [...domains],
    agreedChannel: hasMobile ? rng.weighted(AGREED) : 'letter',
    originChannel: rng.weighted(ORIGINS),
    notes: rng.chance(0.05) ? rng.pick(NOTES) : null,
    members,
    registrarSlot: rng.int(0, 1),
  };
}

/** The family's core data as a request's attestation covers it (requests.core.ts attestedFamily). */
export function attestedFamilyOf(family: GeneratedFamily, reference: string): AttestedFamily {
  return {
    reference,
    headNameAr: family.headNameAr,
    headNameEn: family.headNameEn,
    nationalId: family.nationalId,
    mobile: family.mobile,
    city: family.city,
    address: family.address,
    members: family.members.map((m) => ({ name: m.name, relation: m.relation, nationalId: m.nationalId, birthDate: m.birthDate })),
  };
}
