/**
 * Issue 26 §4 (R1, P-SCOPE): who must acknowledge a document version, and by when. Pure, with an
 * explicit `now`; the services and the browser share it.
 */
export const ACK_AUDIENCES = ['all', 'roles', 'departments'] as const;
export type AckAudience = (typeof ACK_AUDIENCES)[number];

export const CONTRACT_PARTY_KINDS = ['contractor', 'partner', 'volunteer'] as const;
export type ContractPartyKind = (typeof CONTRACT_PARTY_KINDS)[number];

export interface AckAudienceRule {
  audience: AckAudience;
  roles: readonly string[];
  departmentIds: readonly string[];
}

export interface AckMember {
  roles: readonly string[];
  departmentId: string | null;
  /** The department a section belongs to: a requirement on a department covers its sections. */
  parentDepartmentId: string | null;
}

/** R1: whether a staff member is in a requirement's audience. */
export function isInAudience(rule: AckAudienceRule, member: AckMember): boolean {
  switch (rule.audience) {
    case 'all':
      return true;
    case 'roles':
      return member.roles.some((role) => rule.roles.includes(role));
    case 'departments':
      return [member.departmentId, member.parentDepartmentId].some((id) => id !== null && rule.departmentIds.includes(id));
  }
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * When the grace period ends: `graceDays` after the later of the version's effective day (its start
 * in Riyadh, UTC+3 all year) and the moment the requirement was set.
 */
export function acknowledgementDueAt({ effectiveOn, setAt, graceDays }: { effectiveOn: string; setAt: string; graceDays: number }): Date {
  const effective = Date.parse(`${effectiveOn}T00:00:00+03:00`);
  const start = Math.max(effective, Date.parse(setAt));
  return new Date(start + graceDays * DAY_MS);
}

export function isOverdue(dueAt: Date, now: Date): boolean {
  return now.getTime() >= dueAt.getTime();
}
