import { type AckMember, isInAudience } from '../../domain/acknowledgements.js';
import type { AppContext } from '../../platform/context.js';
import { activeStaffMembers, listDepartments, type StaffMember } from '../staff/index.js';
import type { LiveRequirement } from './acknowledgements.requirements.js';

/**
 * Issue 26 §4–§5 (R1, P-SCOPE): who a live requirement asks — active staff in its audience, less
 * those exempted for the document (their own policy replaces it) — and who has acknowledged.
 */
export type AudienceMember = StaffMember & AckMember;

export async function staffAudience(ctx: AppContext, { ids }: { ids?: readonly string[] } = {}): Promise<AudienceMember[]> {
  const [members, departments] = await Promise.all([activeStaffMembers(ctx.db, ids ? { ids } : {}), listDepartments(ctx)]);
  const parentOf = new Map(departments.map((d) => [d.id, d.parentId]));
  return members.map((m) => ({ ...m, parentDepartmentId: m.departmentId ? (parentOf.get(m.departmentId) ?? null) : null }));
}

/** Exempted staff per document: staff id → the policy that replaces this one. */
export async function staffExemptions(ctx: AppContext, documentIds: readonly string[]): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  if (!documentIds.length) return out;
  const rows = await ctx.db
    .selectFrom('ack_exemptions')
    .select(['document_id', 'staff_user_id', 'replaced_by'])
    .where('document_id', 'in', [...new Set(documentIds)])
    .where('staff_user_id', 'is not', null)
    .execute();
  for (const r of rows) {
    const byStaff = out.get(r.document_id) ?? new Map<string, string>();
    byStaff.set(r.staff_user_id as string, r.replaced_by);
    out.set(r.document_id, byStaff);
  }
  return out;
}

/** Staff acknowledgements of `versionIds`: version → staff id → when. */
export async function staffAcknowledgements(
  ctx: AppContext,
  versionIds: readonly string[],
  { staffId }: { staffId?: string } = {},
): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  if (!versionIds.length) return out;
  let query = ctx.db
    .selectFrom('acknowledgements')
    .select(['version_id', 'staff_user_id', 'acknowledged_at'])
    .where('version_id', 'in', [...new Set(versionIds)])
    .where('staff_user_id', 'is not', null);
  if (staffId) query = query.where('staff_user_id', '=', staffId);
  for (const r of await query.execute()) {
    const byStaff = out.get(r.version_id) ?? new Map<string, string>();
    byStaff.set(r.staff_user_id as string, r.acknowledged_at);
    out.set(r.version_id, byStaff);
  }
  return out;
}

/** The live requirements that ask `member` and that they have not yet met. */
export async function pendingForMember(
  ctx: AppContext,
  live: readonly LiveRequirement[],
  member: AudienceMember,
): Promise<LiveRequirement[]> {
  const asked = live.filter((r) => isInAudience(r.rule, member));
  if (!asked.length) return [];
  const [acks, exemptions] = await Promise.all([
    staffAcknowledgements(
      ctx,
      asked.map((r) => r.version.id),
      { staffId: member.id },
    ),
    staffExemptions(
      ctx,
      asked.map((r) => r.document.id),
    ),
  ]);
  return asked.filter((r) => !acks.get(r.version.id)?.has(member.id) && !exemptions.get(r.document.id)?.has(member.id));
}
