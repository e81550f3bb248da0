import { describe, expect, it } from 'vitest';
import { caseEntry } from '../../src/contracts/complaints.js';
import { CONSENT_CHANNELS, consentHistoryEntry, RELATIONS } from '../../src/contracts/families.js';
import { DELIVERY_CHANNELS, NOTIFICATION_EVENTS } from '../../src/contracts/notifications.js';
import { INTAKE_CHANNELS } from '../../src/domain/channels.js';
import { CODED_LABELS, type CodeList, codeInWords, labelOfCode } from '../../src/domain/coded-labels.js';
import { COMPENSATION_ACTIONS, COMPENSATION_STATUSES } from '../../src/domain/compensation-status.js';
import { CLOSED_STEPS, COMPLAINT_STEPS, INQUIRY_STEPS } from '../../src/domain/complaint-steps.js';
import { MESSAGE_STATES } from '../../src/domain/message-state.js';
import { REQUEST_HISTORY_EVENTS, REQUEST_STATUSES } from '../../src/domain/request-status.js';

/**
 * Issue 25 §3 (F2): the server's words for coded values (src/domain/coded-labels.ts), which the access
 * copy prints in its language. Every value of every enum a list stands for has an Arabic text in
 * Arabic letters and an English one without them, neither the code itself — so a new enum value
 * without words fails here, not as a raw code in a family's Arabic copy.
 */
const ARABIC = /[\u0600-\u06FF]/;

/** Each list and the enum(s) whose every value it must name. */
const SOURCES: Record<CodeList, readonly string[]> = {
  relation: RELATIONS,
  'intake-channel': INTAKE_CHANNELS,
  'consent-channel': CONSENT_CHANNELS,
  'delivery-channel': DELIVERY_CHANNELS,
  'request-status': REQUEST_STATUSES,
  'request-event': REQUEST_HISTORY_EVENTS,
  'message-state': MESSAGE_STATES,
  'complaint-step': [...COMPLAINT_STEPS, ...INQUIRY_STEPS],
  'compensation-status': COMPENSATION_STATUSES,
  event: NOTIFICATION_EVENTS,
  'consent-action': consentHistoryEntry.shape.action.options,
  'case-kind': Object.keys(CLOSED_STEPS),
  'complaint-entry': caseEntry.shape.kind.options,
  'compensation-action': COMPENSATION_ACTIONS,
  // No enum holds these (the surveys area writes them as literals): the list itself is the source.
  'survey-invitation': ['scheduled', 'sent', 'answered', 'expired', 'skipped', 'cancelled'],
};

const cases = Object.entries(SOURCES).flatMap(([list, values]) => values.map((value) => [`${list}: ${value}`, list, value] as const));

describe('coded values in words, Arabic and English (issue 25 §3, F2)', () => {
  it('covers every list the catalogue has, each with its source enum', () => {
    expect(Object.keys(SOURCES).sort()).toEqual(Object.keys(CODED_LABELS).sort());
    expect(cases.length).toBeGreaterThan(120);
  });

  it.each(cases)('F2 §3: %s has an Arabic and an English word', (_, list, value) => {
    const label = labelOfCode(list as CodeList, value);
    expect(label, `${list}.${value} has no words`).toBeDefined();
    expect(label?.ar).toMatch(ARABIC);
    expect(label?.en).not.toMatch(ARABIC);
    expect(label?.en.trim()).not.toBe('');
    expect(label?.ar).not.toBe(value);
    expect(label?.en).not.toBe(value);
  });

  it('names a code in the language asked, and an unknown or legacy code as itself (never an error)', () => {
    expect(codeInWords('relation', 'son', 'ar')).toBe('ابن');
    expect(codeInWords('relation', 'son', 'en')).toBe('Son');
    expect(codeInWords('delivery-channel', 'sms', 'ar')).toBe('رسالة نصية');
    expect(codeInWords('request-status', 'legacy-status', 'ar')).toBe('legacy-status');
    expect(labelOfCode('relation', 'toString')).toBeUndefined();
    expect(codeInWords('relation', '__proto__', 'en')).toBe('__proto__');
  });
});
