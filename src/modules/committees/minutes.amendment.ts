import type { Minutes } from '../../contracts/committees.js';
import type { AppContext } from '../../platform/context.js';
import { sha256Hex } from '../../platform/crypto/digest.js';
import type { MinutesTable } from '../../platform/db/schema-committees.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import * as repo from './committees.repo.js';
import { isChair, lockMeeting, minutesAad, seal } from './meeting-state.js';
import { actorOf, memberMinutes, notFound } from './minutes.access.js';
import { composeText, minutesLetterhead, sealOutcomes, storedOutcomes } from './minutes.content.js';
import { presentMinutes } from './minutes.present.js';

/** C5: a correction of frozen minutes is a new record linked to them, with its own approvals; the original never changes. */
export async function amendMinutes(ctx: AppContext, principal: StaffPrincipal, id: string, notes: string): Promise<Minutes> {
  const association = await minutesLetterhead(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const found = await repo.findMinutes(trx, id);
    if (!found) throw notFound();
    await lockMeeting(trx, found.meeting_id);
    const { row, state } = await memberMinutes(trx, ctx, principal, id);
    if (!isChair(state, principal)) throw AppError.forbidden('meeting.chair-only', 'Only the committee’s chair amends the minutes');
    if (row.status !== 'frozen') throw AppError.conflict('minutes.not-frozen', 'Draft minutes are edited, not amended');
    if (state.minutes.some((m) => m.amends_id === id && m.status === 'draft'))
      throw AppError.conflict('minutes.amendment-open', 'An amendment of these minutes is awaiting approval');
    const outcomes = storedOutcomes(ctx, row);
    const text = await composeText(association, trx, state, { ...outcomes, notes, amends: row });
    const now = ctx.clock.now();
    const newId = uuidv7(now.getTime());
    await trx
      .insertInto('minutes')
      .values({
        id: newId,
        meeting_id: row.meeting_id,
        committee_id: row.committee_id,
        amends_id: id,
        status: 'draft',
        text: seal(ctx, minutesAad(newId, 'text'), text) as string,
        notes: seal(ctx, minutesAad(newId, 'notes'), notes),
        decisions: sealOutcomes(ctx, newId, outcomes),
        sha256: sha256Hex(text),
        created_by: principal.userId,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        frozen_at: null,
      })
      .execute();
    await recordAudit(trx, {
      at: now,
      actor: actorOf(principal),
      action: 'minutes.amend',
      entity: 'minutes',
      entityId: newId,
      details: { amendsId: id, sha256: sha256Hex(text) },
    });
    const fresh = (await repo.findMinutes(trx, newId)) as MinutesTable;
    const after = { ...state, minutes: await repo.minutesOfMeeting(trx, row.meeting_id) };
    return presentMinutes(ctx, trx, principal, after, fresh);
  });
}
