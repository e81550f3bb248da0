import type { Campaign } from '../../contracts/survey-campaigns.js';
import type { StaffRole } from '../../domain/roles.js';
import type { SurveyCampaignTable } from '../../platform/db/schema-surveys.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';

/**
 * Who may do what with survey campaigns (issue 24 §3, H1): management runs them, administrators
 * too (they run the bulk-send engine); each sees and stops only campaigns within their scope (F2).
 */
export const CAMPAIGN_ROLES: StaffRole[] = ['management', 'administrator'];

/** Where a campaign is now: its own cancel, the close date, then the engine's send. */
export function campaignStatus(
  row: Pick<SurveyCampaignTable, 'status' | 'closes_at'>,
  send: 'scheduled' | 'running' | 'finished' | 'cancelled',
  now: Date,
): Campaign['status'] {
  if (row.status === 'cancelled' || send === 'cancelled') return 'cancelled';
  if (now.getTime() >= new Date(row.closes_at).getTime()) return 'closed';
  if (send === 'scheduled') return 'scheduled';
  if (send === 'running') return 'sending';
  return 'open';
}

/** Stop it: a campaign role, while it is not cancelled or closed (an open one stops its reminders). */
export function canCancelCampaign(principal: StaffPrincipal, status: Campaign['status']): boolean {
  return principal.roles.some((role) => CAMPAIGN_ROLES.includes(role)) && status !== 'cancelled' && status !== 'closed';
}
