import type { AppContext } from '../../platform/context.js';
import { Encryptor } from '../../platform/crypto/keyring.js';
import type { ComplaintRow } from '../../platform/db/schema-complaints.js';
import { complaintAad, entryAad, stepNoteAad } from './complaints.sealing.js';

/**
 * `sila keys rotate` for complaints and inquiries (issue 3 §2, issue 6): every sealed column under
 * the newest encryption key, and the keyed indexes — tracking code, mobile, ID number — recomputed
 * under the newest index key, so lookups keep working once the old keys are dropped. The tracking
 * index is recomputed from the sealed code (rows filed before migration 0011 have none: they are
 * counted in `untrackable` and keep their old index while the old key stays).
 */
const SEALED = [
  'writer_name',
  'mobile',
  'email',
  'national_id',
  'description',
  'remedy',
  'response',
  'reply_address',
  'decided_response',
  'decided_escalation',
  'satisfaction_note',
  'settlement_terms',
  'compensation_reason',
  'tracking_code',
] as const;
const BATCH = 500;

export async function rotateComplaintKeys(ctx: AppContext): Promise<{ rows: number; untrackable: number }> {
  const { encryptor, indexer } = ctx.keys;
  let changed = 0;
  let untrackable = 0;
  let after = '';
  for (;;) {
    const rows = (await ctx.db
      .selectFrom('complaints')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute()) as ComplaintRow[];
    if (!rows.length) break;
    await ctx.db.transaction().execute(async (trx) => {
      for (const row of rows) {
        const patch: Record<string, string | null> = {};
        const plain: Record<string, string | null> = {};
        for (const column of SEALED) {
          const sealed = row[column];
          if (!sealed) continue;
          const aad = complaintAad(row.id, column);
          plain[column] = encryptor.decrypt(sealed, aad);
          if (Encryptor.keyIdOf(sealed) !== encryptor.currentKeyId) patch[column] = encryptor.encrypt(plain[column] as string, aad);
        }
        if (plain.tracking_code) {
          const index = indexer.index(plain.tracking_code);
          if (index !== row.tracking_index) patch.tracking_index = index;
        } else if (row.tracking_index) untrackable += 1;
        const mobileIndex = plain.mobile ? indexer.index(plain.mobile) : null;
        if (mobileIndex !== row.mobile_index) patch.mobile_index = mobileIndex;
        const idIndex = plain.national_id ? indexer.index(plain.national_id) : null;
        if (idIndex !== row.national_id_index) patch.national_id_index = idIndex;
        if (Object.keys(patch).length) {
          await trx.updateTable('complaints').set(patch).where('id', '=', row.id).execute();
          changed += 1;
        }
        for (const step of await trx.selectFrom('complaint_steps').select(['id', 'note']).where('complaint_id', '=', row.id).execute()) {
          if (!step.note || Encryptor.keyIdOf(step.note) === encryptor.currentKeyId) continue;
          const aad = stepNoteAad(step.id);
          await trx
            .updateTable('complaint_steps')
            .set({ note: encryptor.encrypt(encryptor.decrypt(step.note, aad), aad) })
            .where('id', '=', step.id)
            .execute();
        }
        for (const entry of await trx.selectFrom('complaint_entries').select(['id', 'body']).where('complaint_id', '=', row.id).execute()) {
          if (!entry.body || Encryptor.keyIdOf(entry.body) === encryptor.currentKeyId) continue;
          const aad = entryAad(entry.id);
          await trx
            .updateTable('complaint_entries')
            .set({ body: encryptor.encrypt(encryptor.decrypt(entry.body, aad), aad) })
            .where('id', '=', entry.id)
            .execute();
        }
      }
    });
    after = rows[rows.length - 1]?.id as string;
  }
  // Replays of public submissions hold the receipt (reference and tracking code), sealed per key hash.
  for (const row of await ctx.db.selectFrom('public_idempotency').select(['key_hash', 'response']).execute()) {
    if (Encryptor.keyIdOf(row.response) === encryptor.currentKeyId) continue;
    const aad = `idempotency:${row.key_hash}`;
    await ctx.db
      .updateTable('public_idempotency')
      .set({ response: encryptor.encrypt(encryptor.decrypt(row.response, aad), aad) })
      .where('key_hash', '=', row.key_hash)
      .execute();
  }
  return { rows: changed, untrackable };
}
