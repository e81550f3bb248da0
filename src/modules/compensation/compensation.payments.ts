import type { CompensationDetail } from '../../contracts/compensation.js';
import { formatRiyals } from '../../domain/compensation-status.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { storeCaseFile } from './compensation.cases.js';
import { assertMayMove, auditCase, caseForWrite, moveCase, staffActor, tellFamily } from './compensation.core.js';
import { presentDetail } from './compensation.present.js';
import { paymentAad, sealWith } from './compensation.sealing.js';

/**
 * Payments and deliveries (issue 23 §4): amount, method, day, reference, who, the receipt's scan;
 * possibly in instalments, never above the settlement; the case closes when all is delivered.
 */
export async function recordPayment(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  input: {
    amountHalalas: number;
    method: string;
    paidDay: string;
    reference?: string | undefined;
    file?: { fileName: string; bytes: Buffer } | undefined;
  },
): Promise<CompensationDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await caseForWrite(trx, ctx, principal, id);
    assertMayMove(row, 'pay');
    const settlement = await trx
      .selectFrom('compensation_settlements')
      .select('amount')
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    const paid = (await trx.selectFrom('compensation_payments').select('amount').where('case_id', '=', id).execute()).reduce(
      (sum, p) => sum + Number(p.amount),
      0,
    );
    const total = Number(settlement.amount);
    if (paid + input.amountHalalas > total)
      throw new AppError(
        409,
        'compensation.payment-above-settlement',
        'This payment would exceed the settlement',
        [],
        {},
        {
          remainingHalalas: total - paid,
        },
      );
    const actor = staffActor(principal);
    const stored = input.file ? await storeCaseFile(trx, ctx, actor, row, 'compensation-receipt', input.file) : null;
    const now = ctx.clock.now();
    const paymentId = uuidv7(now.getTime());
    await trx
      .insertInto('compensation_payments')
      .values({
        id: paymentId,
        case_id: id,
        amount: input.amountHalalas,
        method: input.method,
        paid_day: input.paidDay,
        payment_reference: sealWith(ctx, paymentAad(paymentId), input.reference),
        file_id: stored?.id ?? null,
        recorded_by: principal.userId,
        recorded_at: now.toISOString(),
      })
      .execute();
    await moveCase(trx, ctx, row, 'pay', actor);
    const remaining = total - paid - input.amountHalalas;
    await tellFamily(trx, ctx, row, 'compensation.payment', actor, {
      key: `payment:${paymentId}`,
      params: { amount: formatRiyals(input.amountHalalas, 'ar'), remaining: formatRiyals(remaining, 'ar') },
    });
    // Everything delivered: the case closes.
    if (remaining === 0) await moveCase(trx, ctx, row, 'complete', actor, { set: { closed_at: now.toISOString() } });
    await auditCase(trx, ctx, actor, 'payment', id, {
      paymentId,
      amount: input.amountHalalas,
      method: input.method,
      fileId: stored?.id ?? null,
    });
    return presentDetail(trx, ctx, row, principal);
  });
}
