import type { AppContext } from '../../platform/context.js';
import { Encryptor } from '../../platform/crypto/keyring.js';
import { rotateSealedColumns } from '../keys/rotate-columns.js';
import { minutesAad, voteAad } from './meeting-state.js';

/**
 * The committees' part of `sila keys rotate` (issue 3 §2): votes' reasons and the minutes' text,
 * notes and decisions re-encrypted under the newest key, in batches with one transaction each; rows
 * already under it are skipped, so it can be run again. (modules/keys calls it with the other tables.)
 */
const BATCH = 500;
const MINUTES_SEALED = ['text', 'notes', 'decisions'] as const;

export async function rotateCommitteeKeys(ctx: AppContext): Promise<number> {
  return (await rotateVotes(ctx)) + (await rotateMinutes(ctx));
}

async function rotateVotes(ctx: AppContext): Promise<number> {
  const { encryptor } = ctx.keys;
  let changed = 0;
  let after = '';
  for (;;) {
    // Meeting by meeting (a meeting has at most members × agenda votes).
    const meetings = await ctx.db
      .selectFrom('committee_meetings')
      .select('id')
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (!meetings.length) return changed;
    const rows = await ctx.db
      .selectFrom('committee_votes')
      .select(['meeting_id', 'request_id', 'member_id', 'reasons'])
      .where(
        'meeting_id',
        'in',
        meetings.map((m) => m.id),
      )
      .where('reasons', 'is not', null)
      .execute();
    const stale = rows.filter((r) => r.reasons !== null && Encryptor.keyIdOf(r.reasons) !== encryptor.currentKeyId);
    await ctx.db.transaction().execute(async (trx) => {
      for (const row of stale) {
        const aad = voteAad(row.meeting_id, row.request_id, row.member_id);
        await trx
          .updateTable('committee_votes')
          .set({ reasons: encryptor.encrypt(encryptor.decrypt(row.reasons as string, aad), aad) })
          .where('meeting_id', '=', row.meeting_id)
          .where('request_id', '=', row.request_id)
          .where('member_id', '=', row.member_id)
          .execute();
      }
    });
    changed += stale.length;
    after = meetings[meetings.length - 1]?.id as string;
  }
}

function rotateMinutes(ctx: AppContext): Promise<number> {
  return rotateSealedColumns(ctx, {
    table: 'minutes',
    columns: MINUTES_SEALED,
    aad: (id, column) => minutesAad(id, column as (typeof MINUTES_SEALED)[number]),
  });
}
