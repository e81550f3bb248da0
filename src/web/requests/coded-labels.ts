/**
 * Values a request screen shows that are codes, not words (issue 27 §6): each is shown through the
 * label its key names, never raw ("approved" in the history, "attestation" in the send dialog).
 */

/** A history entry's note is a code for these events: the attestation's method, why it was voided, the decision's outcome. */
export const HISTORY_NOTE_PREFIX: Readonly<Record<string, string>> = {
  attested: 'attestation.methods',
  'attestation-voided': 'attestation.voidReasons',
  decide: 'outcomes',
};

/** A 422 `request.incomplete` pointer that is not a checklist item (C4's attestation) → its label's key. */
export const MISSING_POINTER_LABEL: Readonly<Record<string, string>> = {
  '/attestation': 'attestation.title',
};
