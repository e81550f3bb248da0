import type { DecisionOutcome } from './committee-vote.js';
import { type DigitStyle, parseCalendarDay } from './dates.js';

/**
 * The Arabic text of a committee meeting's minutes (C5; D2 reuses it), from the meeting's facts.
 * Pure: the same facts give the same text, whose SHA-256 is stored when the minutes are frozen.
 * The text names subjects by reference and type only: no ID numbers, phones or family details. Each
 * subject kind words its own lines (issue 22); a service request's wording is `requestMinutesSentence`.
 */
/** The heading line of a subject in the minutes and the decision's sentence (no final full stop), as its kind words them (issue 22). */
export interface MinutesSentence {
  heading: string;
  decision: string;
}

export interface MinutesItem {
  reference: string;
  typeNameAr: string;
  outcome: DecisionOutcome;
  /** The subject kind's wording; absent: a service request's (`requestMinutesSentence`). */
  sentence?: MinutesSentence;
  reasons: string;
  counts: { approve: number; partlyApprove: number; reject: number; abstain: number };
  isTieBroken: boolean;
}

export interface MinutesFacts {
  associationNameAr: string;
  committeeNameAr: string;
  /** The meeting's day, `YYYY-MM-DD` (Asia/Riyadh). */
  day: string;
  digits?: DigitStyle;
  chairName: string | null;
  /** Members present, chair included, in the order to list them. */
  present: readonly string[];
  items: readonly MinutesItem[];
  /** Requests on the agenda whose study waits for information asked of the family (C6: the clock is paused). */
  deferred?: readonly { reference: string; typeNameAr: string; sentence?: MinutesSentence }[];
  /** What the agenda holds, plural ("الطلبات"; "الموضوعات" when it mixes kinds). */
  subjectsNounAr?: string;
  notes: string | null;
  /** An amendment names the frozen minutes it corrects. */
  amends: { day: string; sha256: string } | null;
}

const REQUEST_DECISION_AR: Record<DecisionOutcome | 'deferred', string> = {
  approved: 'الموافقة على الطلب',
  'partly-approved': 'الموافقة الجزئية على الطلب',
  rejected: 'رفض الطلب',
  deferred: 'تأجيل البت في الطلب لحين ورود المعلومات المطلوبة من الأسرة',
};

/** A service request's lines in the minutes (C5): the wording every minutes since issue 5 printed, word for word. */
export function requestMinutesSentence(subject: {
  reference: string;
  typeNameAr: string;
  outcome: DecisionOutcome | 'deferred';
}): MinutesSentence {
  return { heading: `الطلب رقم ${subject.reference} (${subject.typeNameAr})`, decision: REQUEST_DECISION_AR[subject.outcome] };
}

const ORDINALS = ['أولاً', 'ثانياً', 'ثالثاً', 'رابعاً', 'خامساً', 'سادساً', 'سابعاً', 'ثامناً', 'تاسعاً', 'عاشراً'];

function ordinal(index: number, digits: DigitStyle): string {
  return ORDINALS[index] ?? `البند ${formatNumber(index + 1, digits)}`;
}

function formatNumber(value: number, digits: DigitStyle): string {
  return new Intl.NumberFormat(`ar-SA-u-nu-${digits}`, { useGrouping: false }).format(value);
}

/** "الثلاثاء 21 رمضان 1447 هـ الموافق 10 مارس 2026 م": the day in both calendars, the Hijri first. */
export function minutesDate(day: string, digits: DigitStyle = 'latn'): string {
  const date = parseCalendarDay(day);
  if (!date) throw new RangeError(`Not a calendar day: ${day}`);
  const format = (calendar: string, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(`ar-SA-u-ca-${calendar}-nu-${digits}`, { timeZone: 'UTC', ...options }).format(date);
  const weekday = format('gregory', { weekday: 'long' });
  const hijri = format('islamic-umalqura', { year: 'numeric', month: 'long', day: 'numeric' });
  const gregorian = format('gregory', { year: 'numeric', month: 'long', day: 'numeric' });
  return `${weekday} ${hijri} الموافق ${gregorian} م`;
}

export function composeMinutesText(facts: MinutesFacts): string {
  const digits = facts.digits ?? 'latn';
  const n = (value: number) => formatNumber(value, digits);
  const lines: string[] = [];
  lines.push(facts.amends ? `محضر تصحيحي لاجتماع ${facts.committeeNameAr}` : `محضر اجتماع ${facts.committeeNameAr}`);
  lines.push(facts.associationNameAr);
  lines.push('');
  lines.push(`عقدت ${facts.committeeNameAr} اجتماعها يوم ${minutesDate(facts.day, digits)}، بحضور الأعضاء الآتية أسماؤهم:`);
  facts.present.forEach((name, i) => {
    lines.push(`${n(i + 1)}. ${name}${name === facts.chairName ? ' (رئيس اللجنة)' : ''}`);
  });
  lines.push('');
  const deferred = facts.deferred ?? [];
  if (facts.items.length === 0 && deferred.length === 0) lines.push('ولم يُدرج على جدول أعمال الاجتماع أي طلب.');
  else lines.push(`ونظرت اللجنة في ${facts.subjectsNounAr ?? 'الطلبات'} المدرجة على جدول أعمالها، وقررت ما يلي:`);
  facts.items.forEach((item, i) => {
    const c = item.counts;
    const sentence = item.sentence ?? requestMinutesSentence(item);
    lines.push('');
    lines.push(`${ordinal(i, digits)}: ${sentence.heading}`);
    lines.push(`القرار: ${sentence.decision}.`);
    lines.push(
      `الأصوات: موافقة ${n(c.approve)}، موافقة جزئية ${n(c.partlyApprove)}، رفض ${n(c.reject)}، امتناع ${n(c.abstain)}` +
        (item.isTieBroken ? '، ورُجِّح الجانب الذي صوّت معه رئيس اللجنة عند تساوي الأصوات.' : '.'),
    );
    lines.push(`الأسباب: ${item.reasons.replace(/\s*\n\s*/g, '؛ ')}`);
  });
  deferred.forEach((item, i) => {
    lines.push('');
    const sentence = item.sentence ?? requestMinutesSentence({ ...item, outcome: 'deferred' });
    lines.push(`${ordinal(facts.items.length + i, digits)}: ${sentence.heading}`);
    lines.push(`القرار: ${sentence.decision}.`);
  });
  if (facts.notes) {
    lines.push('');
    lines.push(facts.amends ? `وجه التصحيح: ${facts.notes}` : `ملاحظات: ${facts.notes}`);
  }
  if (facts.amends) {
    lines.push('');
    lines.push(
      `ويُعد هذا المحضر تصحيحاً للمحضر المعتمد بتاريخ ${minutesDate(facts.amends.day, digits)}، ذي البصمة ${facts.amends.sha256.slice(0, 16)}، ولا يُعدَّل المحضر الأصلي.`,
    );
  }
  lines.push('');
  lines.push('ويُعتمد هذا المحضر بموافقة جميع الأعضاء الحاضرين.');
  return lines.join('\n');
}
