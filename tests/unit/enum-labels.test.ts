import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATTESTATION_METHODS } from '../../src/contracts/attestations.js';
import { CLOCK_STATES, HOLIDAY_KINDS } from '../../src/contracts/calendar.js';
import { COMMITTEE_PURPOSES, MEETING_STATUSES, MINUTES_STATUSES } from '../../src/contracts/committees.js';
import {
  caseAge,
  caseChannel,
  caseDetail,
  complaintStep,
  complaintStepBody,
  inquiryQueue,
  inquiryStep,
  severity,
  slaState,
} from '../../src/contracts/complaints.js';
import { DOCUMENT_STATUSES, DOCUMENT_VISIBILITIES } from '../../src/contracts/documents.js';
import { CONTACT_CHANNELS, ORIGIN_CHANNELS, RELATIONS } from '../../src/contracts/families.js';
import { BULK_SEND_STATUSES, CALL_OUTCOMES, DELIVERY_CHANNELS, MESSAGE_PRIORITIES } from '../../src/contracts/notifications.js';
import { requestChannel, SLA_STATES, STAFF_ACTIONS, UNTOLD_DECISIONS, WORKLISTS } from '../../src/contracts/requests.js';
import { RESULT_DIMENSIONS } from '../../src/contracts/surveys.js';
import { INTAKE_CHANNELS } from '../../src/domain/channels.js';
import { DECISION_OUTCOMES, TALLY_STATES, VOTE_CHOICES } from '../../src/domain/committee-vote.js';
import {
  COMPENSATION_AGE_BANDS,
  COMPENSATION_ORIGINS,
  COMPENSATION_STATUSES,
  OFFER_ANSWERS,
  PAYMENT_METHODS,
} from '../../src/domain/compensation-status.js';
import { COMPLAINT_ACTIONS, complaintMove } from '../../src/domain/complaint-steps.js';
import { MESSAGE_STATES } from '../../src/domain/message-state.js';
import { FIELD_TYPES } from '../../src/domain/request-checklist.js';
import { REQUEST_HISTORY_EVENTS, REQUEST_STATUSES } from '../../src/domain/request-status.js';
import { STAFF_ROLES } from '../../src/domain/roles.js';
import { HISTORY_NOTE_PREFIX, MISSING_POINTER_LABEL } from '../../src/web/requests/coded-labels.js';

/**
 * Issue 27 §6 (X2): a screen that builds a translation key from a value (`statuses.${status}`) shows
 * the raw value when the key is missing — "attestation" or "approved" in an Arabic screen. Every value
 * of every enum rendered that way has, in Arabic and in English, a text that is not the key: Arabic
 * in Arabic letters, English without them.
 */
type Texts = { [key: string]: string | Texts };
type Language = 'ar' | 'en';

function readJson(file: string): Texts {
  return JSON.parse(readFileSync(path.resolve(file), 'utf8')) as Texts;
}

/** An area's texts as its i18n.ts registers them: its own file, plus its errors under `errors`. */
function resources(area: string, language: Language): Texts {
  if (area === 'shared') return readJson(`src/web/i18n/${language}.json`);
  const own = readJson(`src/web/${area}/i18n/${language}.json`);
  const errors = `src/web/${area}/i18n/errors.${language}.json`;
  return existsSync(path.resolve(errors)) ? { ...own, errors: readJson(errors) } : own;
}

function textOf(tree: Texts, key: string): string | undefined {
  let node: string | Texts | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node === 'string') return node;
  // i18next plurals: `key_other` stands for the key.
  const parent = key.split('.').slice(0, -1).join('.');
  const last = key.split('.').at(-1);
  const holder = parent ? textOf(tree, parent) : undefined;
  if (holder !== undefined) return undefined;
  let branch: string | Texts | undefined = tree;
  for (const part of parent ? parent.split('.') : []) branch = typeof branch === 'object' ? branch[part] : undefined;
  const plural = typeof branch === 'object' ? branch[`${last}_other`] : undefined;
  return typeof plural === 'string' ? plural : undefined;
}

const VOID_REASONS = ['answers-changed', 'documents-changed', 'family-changed'];
const options = (schema: { options: readonly string[] }) => schema.options;
const detail = caseDetail.shape;
const complaintActions = COMPLAINT_ACTIONS.filter((action) => action !== 'acknowledge');
/** A step recorded again without moving (`assessed:assess`) names its action; settlements and escalations too. */
const repeatedActions = [
  ...COMPLAINT_ACTIONS.filter((action) =>
    options(complaintStep).some((step) => {
      const move = complaintMove(step as never, action);
      return move.isAllowed && move.to === step;
    }),
  ),
  'settlement',
  'compensation',
];
/** The compensation page's transitions menu (the other actions have their own forms). */
const compensationTransitions = ['begin-investigation', 'withdraw', 'fail-negotiation', 'close'];

/** [enum, its values, the area whose texts render it, the key prefixes built from it]. */
const RENDERED: [string, readonly string[], string, string[]][] = [
  ['request statuses', REQUEST_STATUSES, 'requests', ['statuses']],
  ['document version statuses', DOCUMENT_STATUSES, 'documents', ['status']],
  ['document visibilities', DOCUMENT_VISIBILITIES, 'documents', ['visibility']],
  ['request statuses (minutes, shared)', REQUEST_STATUSES, 'shared', ['requestStatuses']],
  ['request decision outcomes', DECISION_OUTCOMES, 'requests', ['outcomes']],
  ['request staff actions', STAFF_ACTIONS, 'requests', ['actions', 'actions.explain', 'actions.confirm', 'actions.done']],
  ['request history events', REQUEST_HISTORY_EVENTS, 'requests', ['history.events']],
  ['request channels', options(requestChannel), 'requests', ['channels']],
  ['request SLA states', SLA_STATES, 'requests', ['sla']],
  ['request clock states', CLOCK_STATES, 'requests', ['clock.states']],
  ['request worklists', WORKLISTS, 'requests', ['list.tabs', 'list.empty', 'list.explain']],
  ['untold decisions', UNTOLD_DECISIONS, 'requests', ['list.untold']],
  ['request field types', FIELD_TYPES, 'requests', ['types.fieldTypes']],
  ['attestation methods', ATTESTATION_METHODS, 'requests', ['attestation.methods']],
  ['attestation void reasons', VOID_REASONS, 'requests', ['attestation.voidReasons']],
  ['staff roles', STAFF_ROLES, 'shared', ['roles', 'roleHints']],
  ['message states', MESSAGE_STATES, 'shared', ['caseMessages.states']],
  ['message channels', DELIVERY_CHANNELS, 'shared', ['caseMessages.channels']],
  ['complaint steps', options(complaintStep), 'complaints', ['steps']],
  ['complaint actions', complaintActions, 'complaints', ['actions', 'actions.explain', 'actions.confirm', 'actions.done']],
  ['complaint timeline actions', repeatedActions, 'complaints', ['timeline.actions']],
  ['complaint channels', options(caseChannel), 'complaints', ['channels']],
  ['complaint severities', options(severity), 'complaints', ['severities']],
  ['complaint SLA states', options(slaState), 'complaints', ['sla']],
  ['complaint clock states', CLOCK_STATES, 'complaints', ['clock.states']],
  ['complaint ages', options(caseAge), 'complaints', ['ages']],
  ['complaint outcomes', options(detail.closedOutcome.unwrap()), 'complaints', ['outcomes']],
  ['complaint satisfaction', options(detail.satisfaction.unwrap()), 'complaints', ['satisfaction']],
  ['complaint acknowledgement vias', viasOf('acknowledge'), 'complaints', ['vias']],
  ['inquiry steps', options(inquiryStep), 'inquiries', ['steps']],
  ['inquiry channels', options(caseChannel), 'inquiries', ['channels']],
  ['inquiry SLA states', options(slaState), 'inquiries', ['sla']],
  ['inquiry queues', options(inquiryQueue), 'inquiries', ['queues']],
  // A1–A6 (issue 27 §3): the oversight page's counts by channel.
  ['oversight channels', INTAKE_CHANNELS, 'oversight', ['byChannel.channels']],
  ['family origin channels', ORIGIN_CHANNELS, 'families', ['origins']],
  ['family contact channels', CONTACT_CHANNELS, 'families', ['channels']],
  ['family relations', RELATIONS, 'families', ['relations']],
  ['committee purposes', COMMITTEE_PURPOSES, 'committees', ['purposes']],
  ['meeting statuses', MEETING_STATUSES, 'committees', ['meetingStatuses']],
  ['minutes statuses', MINUTES_STATUSES, 'committees', ['minutesStatuses']],
  ['vote tallies', TALLY_STATES, 'committees', ['tallyStates']],
  ['vote choices', VOTE_CHOICES, 'committees', ['choices']],
  ['agenda subject kinds', ['request', 'compensation'], 'committees', ['subjectKinds']],
  ['compensation statuses', COMPENSATION_STATUSES, 'compensation', ['status']],
  ['compensation transitions', compensationTransitions, 'compensation', ['actions']],
  ['compensation origins', COMPENSATION_ORIGINS, 'compensation', ['origin']],
  ['payment methods', PAYMENT_METHODS, 'compensation', ['payments.methods']],
  ['offer answers', OFFER_ANSWERS, 'compensation', ['rounds']],
  ['compensation age bands', COMPENSATION_AGE_BANDS.map((band) => band.band), 'compensation', ['oversight.age']],
  ['call outcomes', CALL_OUTCOMES, 'notifications', ['callOutcomes']],
  // Transactional, the usual case, carries no mark in the outbox.
  ['message priorities', MESSAGE_PRIORITIES.filter((p) => p !== 'transactional'), 'notifications', ['priorities']],
  ['bulk send statuses', BULK_SEND_STATUSES, 'notifications', ['bulk.statuses']],
  ['holiday kinds', HOLIDAY_KINDS, 'calendar', ['kinds']],
  ['survey result dimensions', RESULT_DIMENSIONS, 'surveys', ['by']],
];

function viasOf(action: string): readonly string[] {
  const branch = complaintStepBody.options.find((option) => option.shape.action.value === action);
  const via = branch?.shape && 'via' in branch.shape ? (branch.shape.via as { options: readonly string[] }) : undefined;
  return via?.options ?? [];
}

/** Codes a request's history carries as its note, by event: shown through HISTORY_NOTE_PREFIX. */
const HISTORY_NOTES: Record<string, readonly string[]> = {
  attested: ATTESTATION_METHODS,
  'attestation-voided': VOID_REASONS,
  decide: DECISION_OUTCOMES,
};
for (const [event, values] of Object.entries(HISTORY_NOTES)) {
  const prefix = HISTORY_NOTE_PREFIX[event];
  RENDERED.push([`history notes of ${event}`, values, 'requests', prefix ? [prefix] : [`(no label prefix for ${event})`]]);
}

const ARABIC = /[\u0600-\u06FF]/;
const cases = RENDERED.flatMap(([name, values, area, prefixes]) =>
  prefixes.flatMap((prefix) => values.map((value) => ({ name, area, key: `${prefix}.${value}`, value }))),
);

describe('every enum value rendered through a key has words in both languages (issue 27 §6, X2)', () => {
  it('the send dialog names a missing attestation in words, not by its pointer (request.incomplete)', () => {
    const key = MISSING_POINTER_LABEL['/attestation'];
    expect(key).toBeTruthy();
    expect(textOf(resources('requests', 'ar'), key ?? '')).toMatch(ARABIC);
    expect(textOf(resources('requests', 'en'), key ?? '')).toMatch(/attest/i);
  });

  it('the table covers the enums', () => {
    expect(cases.length).toBeGreaterThan(300);
    for (const [name, values] of RENDERED) expect(values.length, name).toBeGreaterThan(0);
  });

  it.each(cases.map((each) => [`${each.area}: ${each.key} (${each.name})`, each]))('%s', (_, each) => {
    const { area, key, value } = each as (typeof cases)[number];
    const ar = textOf(resources(area, 'ar'), key);
    const en = textOf(resources(area, 'en'), key);
    expect(ar, `Arabic ${key} in ${area}`).toBeTruthy();
    expect(en, `English ${key} in ${area}`).toBeTruthy();
    expect(ar).toMatch(ARABIC);
    expect(en).not.toMatch(ARABIC);
    for (const text of [ar, en]) {
      expect(text).not.toBe(value);
      expect(text).not.toBe(key);
    }
  });
});
