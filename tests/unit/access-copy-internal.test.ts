import { describe, expect, it } from 'vitest';
import { personalDataRegistry } from '../../src/app.js';
import { isColumnShown } from '../../src/modules/privacy/privacy.access-copy-rules.js';

/**
 * Issue 25 §3 (F2; docs/decisions/015-access-copy.md): staff notes marked internal everywhere. Every
 * registry column that holds a note, comment or remark is `accessCopy: 'internal'` — left out of
 * the data subject's copy — unless it is the person's own words or the record of their own consent,
 * listed here with the reason. A note column added later fails until it is declared one or the other.
 */
const THE_PERSONS_OWN: Readonly<Record<string, string>> = {
  'family_channel_changes.consent_note': 'how the family agreed to a new channel: the record of its consent',
  'family_consents.note': 'how the family gave or withdrew a consent: the record of its consent',
  'complaints.satisfaction_note': 'what the writer said of the answer',
  'compensation_rounds.answer_note': 'the family’s answer to an offer',
  'survey_responses.comment': 'the family’s own comment',
  'privacy_breaches.regulator_note': 'the breach register (not walked by the copy): what the regulator was told',
};
const NOTE = /note|comment|remark/;

describe('staff notes in the access copy (issue 25 §3, F2; decision 015)', () => {
  const registry = personalDataRegistry();
  const columns = registry.flatMap((t) => t.columns.map((c) => ({ name: `${t.table}.${c.column}`, column: c })));

  it('F2: every note or comment column is internal unless it is the person’s own words', () => {
    const notes = columns.filter(
      ({ name, column }) => NOTE.test(column.column) && column.kind !== 'keyed-hash' && !(name in THE_PERSONS_OWN),
    );
    expect(notes.filter(({ column }) => column.accessCopy !== 'internal').map(({ name }) => name)).toEqual([]);
    expect(notes.length).toBeGreaterThanOrEqual(8);
  });

  it('F2: the staff notes of requests, complaints, compensation, messages, committees and privacy requests are left out', () => {
    const internal = columns.filter(({ column }) => column.accessCopy === 'internal').map(({ name }) => name);
    expect(internal).toEqual(
      expect.arrayContaining([
        'families.notes',
        'request_history.note',
        'complaint_steps.note',
        'complaint_entries.body',
        'compensation_steps.note',
        'compensation_rounds.notes',
        'outbox_messages.outcome_note',
        'committee_votes.reasons',
        'minutes.notes',
        'privacy_requests.verification_note',
      ]),
    );
    for (const { name, column } of columns) if (internal.includes(name)) expect(isColumnShown(column), name).toBe(false);
  });

  it('F2: the person’s own words stay in the copy', () => {
    for (const name of Object.keys(THE_PERSONS_OWN)) {
      const found = columns.find((c) => c.name === name);
      expect(found, name).toBeDefined();
      expect(found?.column.accessCopy, name).toBeUndefined();
    }
  });
});
