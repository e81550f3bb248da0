import type { Kysely } from 'kysely';
import { Encryptor, Indexer } from '../crypto/keyring.js';
import type { Keys } from '../crypto/keys.js';
import type { EncryptedColumn, KeyedHashColumn, PersonalTable, RowKey } from '../personal-data.js';
import type { Database } from './schema.js';

/**
 * Key sentinels (decision 007): before any data is read, Sila checks that its keys are the ones
 * this database's data is under. The table `key_sentinels` holds, for each key id the data may be
 * under, a constant sealed with that encryption key, or the keyed hash of the constant under that
 * index key. Start-up, restore and `/readyz` check every sentinel; a database that has none yet
 * (made before sentinels) gets them only after one of its existing ciphertexts — and one keyed
 * hash — has been opened with the keys, so the wrong keys are never locked in.
 */
const CONSTANT = 'sila key sentinel v1';
/** The marker the erasure engine leaves in a unique keyed-hash column (families.sealing.ts, surveys). */
const ERASED_MARKER = 'erased:';
const aadOf = (keyId: string) => `key-sentinel:${keyId}`;

type Kind = 'encryption' | 'index';
const VARIABLE: Record<Kind, 'SILA_ENCRYPTION_KEY' | 'SILA_INDEX_KEY'> = { encryption: 'SILA_ENCRYPTION_KEY', index: 'SILA_INDEX_KEY' };

/** The keys do not open this data; names the variable and the key id that failed. */
export class KeyMismatchError extends Error {
  override name = 'KeyMismatchError';
  constructor(
    readonly variable: 'SILA_ENCRYPTION_KEY' | 'SILA_INDEX_KEY',
    readonly keyId: string,
    readonly isMissing: boolean,
  ) {
    super(
      isMissing
        ? `${variable} has no key "${keyId}", which this data is under`
        : `${variable}'s key "${keyId}" is not the key this data is under (same key id, different key)`,
    );
  }
}

interface SentinelRow {
  kind: string;
  key_id: string;
  value: string;
}

function sentinelValue(keys: Keys, kind: Kind, keyId: string): string {
  return kind === 'encryption'
    ? keys.encryptor.encrypt(CONSTANT, aadOf(keyId), keyId)
    : (keys.indexer.indexWith(keyId, CONSTANT) as string);
}

function checkSentinel(keys: Keys, row: SentinelRow): KeyMismatchError | undefined {
  const kind = row.kind === 'index' ? 'index' : 'encryption';
  const configured = kind === 'encryption' ? keys.encryptor.keyIds : keys.indexer.keyIds;
  if (!configured.includes(row.key_id)) return new KeyMismatchError(VARIABLE[kind], row.key_id, true);
  if (kind === 'index')
    return keys.indexer.indexWith(row.key_id, CONSTANT) === row.value ? undefined : new KeyMismatchError(VARIABLE[kind], row.key_id, false);
  try {
    return keys.encryptor.decrypt(row.value, aadOf(row.key_id)) === CONSTANT
      ? undefined
      : new KeyMismatchError(VARIABLE[kind], row.key_id, false);
  } catch {
    return new KeyMismatchError(VARIABLE[kind], row.key_id, false);
  }
}

/** Checks the keys against every sentinel there (none there: nothing to check). For `/readyz`. */
export async function checkKeySentinels(db: Kysely<Database>, keys: Keys): Promise<KeyMismatchError | undefined> {
  const rows = await db.selectFrom('key_sentinels').select(['kind', 'key_id', 'value']).orderBy('kind').orderBy('key_id').execute();
  for (const row of rows) {
    const failure = checkSentinel(keys, row);
    if (failure) return failure;
  }
  return undefined;
}

// Tables and columns come from the registry at run time.
type AnyDb = Kysely<any>;

const keyOf = (table: PersonalTable, row: Record<string, unknown>): RowKey => Object.fromEntries(table.key.map((k) => [k, String(row[k])]));

/** Opens a ciphertext, or says which encryption key failed. */
function openWith(keys: Keys, sealed: string, aad: string): { plain: string } | KeyMismatchError {
  const keyId = Encryptor.keyIdOf(sealed) ?? '';
  if (!keys.encryptor.keyIds.includes(keyId)) return new KeyMismatchError('SILA_ENCRYPTION_KEY', keyId, true);
  try {
    return { plain: keys.encryptor.decrypt(sealed, aad) };
  } catch {
    return new KeyMismatchError('SILA_ENCRYPTION_KEY', keyId, false);
  }
}

/**
 * For data made before sentinels: opens the first ciphertext found (registry order: staff
 * authenticator secrets, family fields, …) and recomputes the first keyed hash found from its
 * sealed source. Returns the key ids so proven, or the key that failed. Nothing found: nothing to prove.
 */
async function proveOnExistingData(
  db: AnyDb,
  keys: Keys,
  registry: readonly PersonalTable[],
): Promise<{ encryption?: string; index?: string } | KeyMismatchError> {
  const proven: { encryption?: string; index?: string } = {};
  for (const table of registry) {
    for (const column of table.columns.filter((c): c is EncryptedColumn => c.kind === 'encrypted')) {
      if (proven.encryption) break;
      const row = (await db
        .selectFrom(table.table)
        .select([...table.key, column.column])
        .where(column.column, 'is not', null)
        .limit(1)
        .executeTakeFirst()) as Record<string, string> | undefined;
      const sealed = row?.[column.column];
      if (!row || !sealed) continue;
      const opened = openWith(keys, sealed, column.aad(keyOf(table, row)));
      if (opened instanceof KeyMismatchError) return opened;
      proven.encryption = Encryptor.keyIdOf(sealed);
    }
    for (const column of table.columns.filter((c): c is KeyedHashColumn => c.kind === 'keyed-hash' && c.of !== undefined)) {
      if (proven.index) break;
      const source = table.columns.find((c): c is EncryptedColumn => c.column === column.of && c.kind === 'encrypted');
      if (!source) continue;
      const row = (await db
        .selectFrom(table.table)
        .select([...table.key, source.column, column.column])
        .where(source.column, 'is not', null)
        .where(column.column, 'is not', null)
        // An erased row (issue 25 §5, F2) keeps an `erased:<id>` marker, not a keyed hash: it proves no key.
        .where(column.column, 'not like', `${ERASED_MARKER}%`)
        .limit(1)
        .executeTakeFirst()) as Record<string, string> | undefined;
      const hash = row?.[column.column];
      const sealed = row?.[source.column];
      if (!row || !hash || !sealed) continue;
      const opened = openWith(keys, sealed, source.aad(keyOf(table, row)));
      if (opened instanceof KeyMismatchError) return opened;
      const keyId = Indexer.keyIdOf(hash) ?? '';
      const recomputed = keys.indexer.indexWith(keyId, opened.plain);
      if (recomputed === undefined) return new KeyMismatchError('SILA_INDEX_KEY', keyId, true);
      if (recomputed !== hash) return new KeyMismatchError('SILA_INDEX_KEY', keyId, false);
      proven.index = keyId;
    }
    if (proven.encryption && proven.index) break;
  }
  return proven;
}

async function addSentinels(db: Kysely<Database>, keys: Keys, wanted: Array<[Kind, string]>, now: Date): Promise<string[]> {
  const made: string[] = [];
  for (const [kind, keyId] of wanted) {
    const inserted = await db
      .insertInto('key_sentinels')
      .values({ kind, key_id: keyId, value: sentinelValue(keys, kind, keyId), created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['kind', 'key_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) made.push(`${VARIABLE[kind]} key "${keyId}"`);
  }
  return made;
}

/**
 * Start-up (and restore): refuses the wrong keys with a KeyMismatchError naming the key, then
 * records a sentinel for each newest key (what new data is sealed with) and, on a database that
 * had none, for the keys proven on its data. Returns what was recorded.
 */
export async function ensureKeySentinels(
  db: Kysely<Database>,
  keys: Keys,
  registry: readonly PersonalTable[],
  now: Date,
): Promise<string[]> {
  const rows = await db.selectFrom('key_sentinels').select(['kind', 'key_id', 'value']).orderBy('kind').orderBy('key_id').execute();
  for (const row of rows) {
    const failure = checkSentinel(keys, row);
    if (failure) throw failure;
  }
  const wanted: Array<[Kind, string]> = [
    ['encryption', keys.encryptor.currentKeyId],
    ['index', keys.indexer.keyIds[0] as string],
  ];
  if (!rows.length) {
    const proven = await proveOnExistingData(db as unknown as AnyDb, keys, registry);
    if (proven instanceof KeyMismatchError) throw proven;
    if (proven.encryption) wanted.push(['encryption', proven.encryption]);
    if (proven.index) wanted.push(['index', proven.index]);
  }
  const has = new Set(rows.map((r) => `${r.kind}:${r.key_id}`));
  const unique = new Map(wanted.filter(([kind, id]) => !has.has(`${kind}:${id}`)).map((w) => [`${w[0]}:${w[1]}`, w] as const));
  return addSentinels(db, keys, [...unique.values()], now);
}

/**
 * After `sila keys rotate` has re-encrypted and re-indexed everything: the data is under the newest
 * keys only, so their sentinels are the only ones kept (older keys may then leave the configuration).
 */
export async function resetKeySentinels(db: Kysely<Database>, keys: Keys, now: Date): Promise<void> {
  const newest: Array<[Kind, string]> = [
    ['encryption', keys.encryptor.currentKeyId],
    ['index', keys.indexer.keyIds[0] as string],
  ];
  await db.transaction().execute(async (trx) => {
    for (const [kind, keyId] of newest)
      await trx.deleteFrom('key_sentinels').where('kind', '=', kind).where('key_id', '!=', keyId).execute();
    await addSentinels(trx, keys, newest, now);
  });
}
