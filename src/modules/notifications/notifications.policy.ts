import type { BulkSendAbilities } from '../../contracts/notifications.js';
import type { StaffRole } from '../../domain/roles.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';

/**
 * Who may do what with messages (issue 4 §5, §9). The outbox page, retries and templates are the
 * administrator's; printing letters and faxes and making calls are reception's desk work too.
 * Messages to families follow the caller's scope like the registry does (out of scope: 404).
 */
export const OUTBOX_ADMINS: StaffRole[] = ['administrator'];
export const STAFF_TASK_ROLES: StaffRole[] = ['administrator', 'reception'];
export const TEMPLATE_EDITORS: StaffRole[] = ['administrator'];
/** Bulk sends (issue 20 §2, G3): administrators prepare, start and cancel them; management follows them. */
export const BULK_SENDERS: StaffRole[] = ['administrator'];
export const BULK_READERS: StaffRole[] = ['administrator', 'management'];

/** Reception prints the letter and dials the number: it sees the address in full; others masked. */
export function canSeeFullAddress(principal: StaffPrincipal): boolean {
  return principal.roles.includes('reception');
}

/** Bulk sends are prepared, started and cancelled by administrators (the bulk-send routes' roles). */
export function canSendBulk(principal: StaffPrincipal): boolean {
  return principal.roles.some((role) => BULK_SENDERS.includes(role));
}

/** What `principal` may do with a bulk send they see (issue 19 §2): cancel only one still scheduled or running. */
export function bulkSendAbilities(principal: StaffPrincipal, send: { status: string }): BulkSendAbilities {
  return { cancel: canSendBulk(principal) && (send.status === 'scheduled' || send.status === 'running') };
}
