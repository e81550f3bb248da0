import type { AppContext } from '../../platform/context.js';
import { Encryptor } from '../../platform/crypto/keyring.js';
import { outboxAad } from './outbox.enqueue.js';

/**
 * The outbox's part of `sila keys rotate` (issue 3 §2): every sealed column re-encrypted under the
 * newest key, in batches with one transaction each; rows already under it are skipped, so it can be
 * run again. (modules/keys calls it with the other tables.)
 */
const SEALED = ['address', 'subject', 'body', 'transport_data', 'outcome_note'] as const;
const BATCH = 500;

export async function rotateOutboxKeys(ctx: AppContext): Promise<number> {
  const { encryptor } = ctx.keys;
  let changed = 0;
  let after = '';
  for (;;) {
    const rows = await ctx.db
      .selectFrom('outbox_messages')
      .select(['id', ...SEALED])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (!rows.length) return changed;
    await ctx.db.transaction().execute(async (trx) => {
      for (const row of rows) {
        const patch: Partial<Record<(typeof SEALED)[number], string>> = {};
        for (const column of SEALED) {
          const sealed = row[column];
          if (!sealed || Encryptor.keyIdOf(sealed) === encryptor.currentKeyId) continue;
          const aad = outboxAad(row.id, column);
          patch[column] = encryptor.encrypt(encryptor.decrypt(sealed, aad), aad);
        }
        if (!Object.keys(patch).length) continue;
        await trx.updateTable('outbox_messages').set(patch).where('id', '=', row.id).execute();
        changed += 1;
      }
    });
    after = rows[rows.length - 1]?.id as string;
  }
}
