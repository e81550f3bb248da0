import { normaliseArabic } from '../../domain/arabic-text.js';
import type { AppContext } from '../../platform/context.js';
import type { Keys } from '../../platform/crypto/keys.js';
import type { BilingualLabel, ErasureAction, PersonalTable } from '../../platform/personal-data.js';

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

const sealed = (column: string, holds: string, label: BilingualLabel) => ({
  column,
  kind: 'encrypted' as const,
  holds,
  label,
  erase: 'null' as ErasureAction,
  aad: (k: { id: string }) => familyAad(k.id, column),
});

/** Issue 25 §5 (F2): the name an erased family keeps, «أسرة مجهّلة رقم N» / "anonymised family #N". */
export const anonymisedNameAr = (n: number) => `أسرة مجهّلة رقم ${n}`;
export const anonymisedNameEn = (n: number) => `anonymised family #${n}`;
const IDENTITY_COPY = [{ table: 'identity_index', column: 'national_id_index' }] as const;

/** The registry's personal data (platform/personal-data.ts). */
export const FAMILIES_PERSONAL_DATA: readonly PersonalTable[] = [
  {
    table: 'families',
    key: ['id'],
    subject: 'family',
    columns: [
      // Required and read on every view: sealed as empty, so it reads as no number.
      {
        ...sealed('national_id', 'the head of family’s ID number', { ar: 'رقم الهوية الوطنية / الإقامة', en: 'ID or residence number' }),
        erase: { placeholder: () => '' },
        accessCopy: 'masked-unless-self',
      },
      {
        column: 'national_id_index',
        kind: 'keyed-hash',
        of: 'national_id',
        copiedTo: IDENTITY_COPY,
        holds: 'lookup and duplicates by ID number',
        label: { ar: 'بصمة رقم الهوية للبحث', en: 'ID number lookup hash' },
        // Unique and required: a value no ID number hashes to.
        erase: { placeholder: ({ key }) => `erased:${key.id}` },
      },
      sealed('mobile', 'the registered mobile', { ar: 'الجوال', en: 'Mobile' }),
      {
        column: 'mobile_index',
        kind: 'keyed-hash',
        of: 'mobile',
        holds: 'lookup by mobile',
        label: { ar: 'بصمة الجوال للبحث', en: 'Mobile lookup hash' },
        erase: 'null',
      },
      sealed('other_phone', 'another phone', { ar: 'هاتف آخر', en: 'Other phone' }),
      sealed('email', 'e-mail', { ar: 'البريد الإلكتروني', en: 'E-mail' }),
      sealed('address', 'address', { ar: 'العنوان', en: 'Address' }),
      { ...sealed('notes', 'staff notes', { ar: 'ملاحظات الموظفين', en: 'Staff notes' }), accessCopy: 'internal' },
      {
        column: 'head_name_ar',
        kind: 'plain',
        holds: 'the head of family’s name (searchable)',
        label: { ar: 'اسم رب الأسرة (بالعربية)', en: 'Head of family’s name (Arabic)' },
        erase: { placeholder: ({ n }) => anonymisedNameAr(n) },
      },
      {
        column: 'head_name_en',
        kind: 'plain',
        holds: 'the name in Latin letters',
        label: { ar: 'الاسم بالإنجليزية', en: 'Name in English' },
        erase: { placeholder: ({ n }) => anonymisedNameEn(n) },
      },
      {
        column: 'name_normalised',
        kind: 'plain',
        holds: 'the name normalised for Arabic search',
        label: { ar: 'الاسم مهيّأً للبحث', en: 'Name prepared for search' },
        erase: { placeholder: ({ n }) => normaliseArabic(`${anonymisedNameAr(n)} ${anonymisedNameEn(n)}`) },
      },
      // A statistic (families by city) that names no one once the rest is gone.
      { column: 'city', kind: 'plain', holds: 'city', label: { ar: 'المدينة', en: 'City' }, erase: 'keep' },
    ],
    erasure: { rows: 'update', of: { column: 'id' } },
  },
  {
    table: 'household_members',
    key: ['id'],
    subject: 'family',
    columns: [
      {
        column: 'national_id',
        kind: 'encrypted',
        holds: 'a member’s ID number',
        label: { ar: 'رقم الهوية', en: 'ID number' },
        aad: (k) => memberAad(k.id as string),
        accessCopy: 'masked-unless-self',
      },
      {
        column: 'national_id_index',
        kind: 'keyed-hash',
        of: 'national_id',
        copiedTo: IDENTITY_COPY,
        holds: 'duplicates by ID number',
        label: { ar: 'بصمة رقم الهوية للبحث', en: 'ID number lookup hash' },
      },
      { column: 'name', kind: 'plain', holds: 'a member’s name', label: { ar: 'الاسم', en: 'Name' } },
      { column: 'relation', kind: 'plain', holds: 'relation to the head of family', label: { ar: 'صلة القرابة', en: 'Relation' } },
      { column: 'birth_date', kind: 'plain', holds: 'a member’s birth date', label: { ar: 'تاريخ الميلاد', en: 'Birth date' } },
    ],
    erasure: { rows: 'delete', of: { column: 'family_id' } },
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
        label: { ar: 'فهرس أرقام الهوية', en: 'ID number index' },
      },
    ],
    erasure: { rows: 'delete', of: { column: 'family_id' } },
  },
  {
    table: 'families_fts',
    key: ['rowid'],
    subject: 'family',
    columns: [
      {
        column: 'name_normalised',
        kind: 'plain',
        holds: 'the full-text index of names (SQLite only)',
        label: { ar: 'فهرس البحث في الأسماء', en: 'Name search index' },
      },
    ],
    erasure: { rows: 'outside', reason: 'derived from families by triggers; the erasure merges the index so no old term is left' },
  },
  {
    table: 'family_channel_changes',
    key: ['id'],
    subject: 'family',
    columns: [
      {
        column: 'consent_note',
        kind: 'plain',
        holds: 'how the family consented to a new channel',
        label: { ar: 'ملاحظة موافقة الأسرة على تغيير القناة', en: 'How the family agreed to the channel change' },
        erase: 'empty',
      },
    ],
    erasure: { rows: 'update', of: { column: 'family_id' } },
  },
  {
    table: 'family_imports',
    key: ['id'],
    subject: 'family',
    columns: [
      {
        column: 'rows',
        kind: 'encrypted',
        holds: 'the rows of an imported sheet',
        label: { ar: 'صفوف الملف المستورد', en: 'Rows of an imported sheet' },
        aad: (k) => importAad(k.id as string),
      },
    ],
    erasure: { rows: 'outside', reason: 'one sheet holds many families, sealed; it is not one family’s record' },
  },
];
