import type { AppContext } from '../../platform/context.js';
import type { Keys } from '../../platform/crypto/keys.js';
import type { PersonalTable } from '../../platform/personal-data.js';

/**
 * The family registry's bindings (F2): each ciphertext is bound to its row and column, so values
 * cannot be swapped between families or fields. The one place these strings exist: sealing and
 * reading in this area, the attested-family view and key rotation all use them.
 */
export const familyAad = (id: string, column: string) => `family:${id}:${column}`;
export const memberAad = (id: string) => `member:${id}:national_id`;
export const importAad = (id: string) => `import:${id}`;

export const openFamily = (keys: Keys, id: string, column: string, value: string | null) =>
  value ? keys.encryptor.decrypt(value, familyAad(id, column)) : null;

/** Columns encrypted at rest (F2), each bound to its row and column so ciphertexts cannot be swapped. */
export const seal = (ctx: AppContext, aad: string, value: string | null | undefined) =>
  value ? ctx.keys.encryptor.encrypt(value, aad) : null;
export const open = (ctx: AppContext, aad: string, value: string | null) => (value ? ctx.keys.encryptor.decrypt(value, aad) : null);

const sealed = (column: string, holds: string) => ({
  column,
  kind: 'encrypted' as const,
  holds,
  aad: (k: { id: string }) => familyAad(k.id, column),
});
const IDENTITY_COPY = [{ table: 'identity_index', column: 'national_id_index' }] as const;

/** The registry's personal data (platform/personal-data.ts). */
export const FAMILIES_PERSONAL_DATA: readonly PersonalTable[] = [
  {
    table: 'families',
    key: ['id'],
    subject: 'family',
    columns: [
      sealed('national_id', 'the head of family’s ID number'),
      {
        column: 'national_id_index',
        kind: 'keyed-hash',
        of: 'national_id',
        copiedTo: IDENTITY_COPY,
        holds: 'lookup and duplicates by ID number',
      },
      sealed('mobile', 'the registered mobile'),
      { column: 'mobile_index', kind: 'keyed-hash', of: 'mobile', holds: 'lookup by mobile' },
      sealed('other_phone', 'another phone'),
      sealed('email', 'e-mail'),
      sealed('address', 'address'),
      sealed('notes', 'staff notes'),
      { column: 'head_name_ar', kind: 'plain', holds: 'the head of family’s name (searchable)' },
      { column: 'head_name_en', kind: 'plain', holds: 'the name in Latin letters' },
      { column: 'name_normalised', kind: 'plain', holds: 'the name normalised for Arabic search' },
      { column: 'city', kind: 'plain', holds: 'city' },
    ],
  },
  {
    table: 'household_members',
    key: ['id'],
    subject: 'family',
    columns: [
      { column: 'national_id', kind: 'encrypted', holds: 'a member’s ID number', aad: (k) => memberAad(k.id as string) },
      { column: 'national_id_index', kind: 'keyed-hash', of: 'national_id', copiedTo: IDENTITY_COPY, holds: 'duplicates by ID number' },
      { column: 'name', kind: 'plain', holds: 'a member’s name' },
      { column: 'relation', kind: 'plain', holds: 'relation to the head of family' },
      { column: 'birth_date', kind: 'plain', holds: 'a member’s birth date' },
    ],
  },
  {
    table: 'identity_index',
    key: ['national_id_index'],
    subject: 'family',
    columns: [
      {
        column: 'national_id_index',
        kind: 'keyed-hash',
        holds: 'every ID number of every family (copies, kept with the families’ and members’ hashes)',
      },
    ],
  },
  {
    table: 'families_fts',
    key: ['rowid'],
    subject: 'family',
    columns: [{ column: 'name_normalised', kind: 'plain', holds: 'the full-text index of names (SQLite only)' }],
  },
  {
    table: 'family_channel_changes',
    key: ['id'],
    subject: 'family',
    columns: [{ column: 'consent_note', kind: 'plain', holds: 'how the family consented to a new channel' }],
  },
  {
    table: 'family_imports',
    key: ['id'],
    subject: 'family',
    columns: [{ column: 'rows', kind: 'encrypted', holds: 'the rows of an imported sheet', aad: (k) => importAad(k.id as string) }],
  },
];
