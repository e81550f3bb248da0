import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { Encryptor } from '../../platform/crypto/keyring.js';
import type { Database } from '../../platform/db/schema.js';

/** Tables whose rows have a text primary key `id` (every table with encrypted columns but a few). */
type TableWithId = { [T in keyof Database]: Database[T] extends { id: string } ? T : never }[keyof Database];

export interface SealedColumns<T extends TableWithId> {
  table: T;
  columns: readonly (keyof Database[T] & string)[];
  /** The additional authenticated data each value was sealed with. */
  aad: (id: string, column: string) => string;
}

const BATCH = 500;

/**
 * Re-encrypts `columns` of `table` under the newest key (issue 3 §2, `sila keys rotate`): in
 * batches by id, one transaction each, skipping values already under the newest key, so a large
 * table rotates without one long lock and the command can be run again safely. Returns the rows changed.
 */
export async function rotateSealedColumns<T extends TableWithId>(ctx: AppContext, spec: SealedColumns<T>): Promise<number> {
  const { encryptor } = ctx.keys;
  // The generic Kysely types cannot follow a table chosen at run time; the spec's types keep callers honest.
  const db = ctx.db as unknown as Kysely<any>;
  let changed = 0;
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom(spec.table as string)
      .select(['id', ...spec.columns])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (!rows.length) return changed;
    const batch = rows as Record<string, string | null>[];
    await db.transaction().execute(async (trx) => {
      for (const row of batch) {
        const id = row.id as string;
        const patch: Record<string, string> = {};
        for (const column of spec.columns) {
          const sealed = row[column];
          if (!sealed || Encryptor.keyIdOf(sealed) === encryptor.currentKeyId) continue;
          const aad = spec.aad(id, column);
          patch[column] = encryptor.encrypt(encryptor.decrypt(sealed, aad), aad);
        }
        if (!Object.keys(patch).length) continue;
        await trx
          .updateTable(spec.table as string)
          .set(patch)
          .where('id', '=', id)
          .execute();
        changed += 1;
      }
    });
    after = batch[batch.length - 1]?.id as string;
  }
}
