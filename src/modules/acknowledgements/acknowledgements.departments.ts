import type { HeadedDepartment } from '../../contracts/acknowledgements.js';
import type { AppContext } from '../../platform/context.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { listDepartments, staffNames } from '../staff/index.js';
import { liveRequirements } from './acknowledgements.requirements.js';

/**
 * R2 (issue 26 §5): each department and section receives its copy of every version in force that
 * asks for acknowledgement, and its head records the receipt (recordReceipt, acknowledgements.hr.ts).
 * This is the head's own view: only the active departments and sections the caller heads — anyone
 * else gets an empty list, never another department's.
 */
export async function headedDepartments(ctx: AppContext, principal: StaffPrincipal): Promise<HeadedDepartment[]> {
  const headed = (await listDepartments(ctx)).filter((d) => d.isActive && d.headUserId === principal.userId);
  if (!headed.length) return [];
  const live = (await liveRequirements(ctx)).sort(
    (a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.version.id.localeCompare(b.version.id),
  );
  const receipts = live.length
    ? await ctx.db
        .selectFrom('department_receipts')
        .selectAll()
        .where(
          'department_id',
          'in',
          headed.map((d) => d.id),
        )
        .where(
          'version_id',
          'in',
          live.map((r) => r.version.id),
        )
        .execute()
    : [];
  const receiptOf = new Map(receipts.map((r) => [`${r.department_id}:${r.version_id}`, r]));
  const receivers = await staffNames(
    ctx.db,
    receipts.map((r) => r.received_by),
  );
  return headed.map((d) => ({
    departmentId: d.id,
    nameAr: d.nameAr,
    nameEn: d.nameEn,
    copies: live.map((r) => {
      const receipt = receiptOf.get(`${d.id}:${r.version.id}`);
      return {
        versionId: r.version.id,
        titleAr: r.document.titleAr,
        titleEn: r.document.titleEn,
        number: r.version.number,
        effectiveOn: r.version.effectiveOn,
        receivedAt: receipt?.received_at ?? null,
        receivedByName: receipt ? (receivers.get(receipt.received_by) ?? null) : null,
      };
    }),
  }));
}
