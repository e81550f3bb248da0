import type { AppContext } from '../../platform/context.js';
import { rotateSealedColumns } from '../keys/rotate-columns.js';
import { answersAad, noteAad, reasonsAad } from './requests.core.js';

/** The requests' part of `sila keys rotate`: answers, decision reasons and history notes (F2). */
export async function rotateRequestKeys(ctx: AppContext): Promise<number> {
  const requests = await rotateSealedColumns(ctx, {
    table: 'requests',
    columns: ['answers', 'decision_reasons'],
    aad: (id, column) => (column === 'answers' ? answersAad(id) : reasonsAad(id)),
  });
  const history = await rotateSealedColumns(ctx, { table: 'request_history', columns: ['note'], aad: noteAad });
  return requests + history;
}
