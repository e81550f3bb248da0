import type { AppContext } from '../../platform/context.js';
import type { PersonalTable } from '../../platform/personal-data.js';

/**
 * What the privacy area encrypts at rest (F2; issue 25 §9): the requester's name, what they asked,
 * the notes, answers and reasons — each bound to its row and column — and in the breach register the
 * incident's description, containment, decision reason, the regulator note and the lessons (they
 * may name people). Reasons chosen from a list, days and counts stay plain.
 */
export const requestAad = (id: string, column: string) => `privacy-request:${id}:${column}`;
export const breachAad = (id: string, column: string) => `privacy-breach:${id}:${column}`;

export const seal = (ctx: AppContext, aad: string, value: string | null | undefined): string | null =>
  value ? ctx.keys.encryptor.encrypt(value, aad) : null;
export const unseal = (ctx: AppContext, aad: string, value: string | null): string | null =>
  value ? ctx.keys.encryptor.decrypt(value, aad) : null;

const sealed = (column: string, holds: string, aad: (id: string, column: string) => string) => ({
  column,
  kind: 'encrypted' as const,
  holds,
  aad: (k: Readonly<Record<string, string>>) => aad(k.id as string, column),
});

export const PRIVACY_PERSONAL_DATA: readonly PersonalTable[] = [
  {
    table: 'privacy_requests',
    key: ['id'],
    subject: 'mixed',
    columns: [
      sealed('requester_name', 'the name of the person asking (a member of the family, a complainant)', requestAad),
      sealed('details', 'what the person asked to see, correct, erase or object to', requestAad),
      sealed('verification_note', 'how the requester’s identity was checked', requestAad),
      sealed('extension_reason', 'why the answer period was extended', requestAad),
      sealed('answer', 'the answer sent to the requester', requestAad),
      { column: 'relation', kind: 'plain', holds: 'the requester’s relation to the data subject' },
    ],
  },
  {
    table: 'privacy_breaches',
    key: ['id'],
    subject: 'mixed',
    columns: [
      sealed('description', 'what happened in a personal-data breach', breachAad),
      sealed('containment', 'how the breach was contained', breachAad),
      sealed('notifiable_reason', 'why the breach is or is not notifiable', breachAad),
      sealed('regulator_note', 'what was told to the regulator', breachAad),
      sealed('lessons', 'lessons learned from the breach', breachAad),
    ],
  },
];
