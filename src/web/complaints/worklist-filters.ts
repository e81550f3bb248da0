import { type ComplaintCounts, type ComplaintListQuery, complaintListQuery } from '../../contracts/complaints.js';
import type { StaffRole } from '../../domain/roles.js';

/**
 * The complaints worklist's tabs and narrowing (issue 6 §5, §9), kept free of React so the API tests
 * can check that an oversight figure's link asks the server for exactly the rows the figure counts.
 */
export type TabKey = 'mine' | 'committee' | 'registered' | 'all' | 'awaiting' | 'breached' | 'closed';
/** The worklists' server filters: `list` plus a step, a clock state, an age group, or open/closed. */
export type ComplaintFilters = Pick<ComplaintListQuery, 'list' | 'step' | 'slaState' | 'isOpen' | 'age' | 'channel'>;
export interface Tab {
  key: TabKey;
  filters: ComplaintFilters;
  count?: keyof ComplaintCounts;
}

const has = (roles: readonly StaffRole[], ...wanted: StaffRole[]) => roles.some((role) => wanted.includes(role));

/**
 * What narrows a tab: the oversight page's figures link here with a step, an age group, a clock
 * state and a channel (A1–A6, issue 27 §3); the channel is also chosen on the page.
 */
export type Narrowing = Pick<ComplaintFilters, 'step' | 'slaState' | 'age' | 'channel'>;
export const NARROWING_KEYS = ['step', 'age', 'slaState', 'channel'] as const;
const narrowingShape = complaintListQuery.pick({ step: true, age: true, slaState: true, channel: true });

/** The narrowing in the address, each value checked against the API's own schema (an unknown value is dropped). */
export function narrowingFrom(params: URLSearchParams): Narrowing {
  const out: Narrowing = {};
  for (const key of NARROWING_KEYS) {
    const value = params.get(key);
    if (!value) continue;
    const parsed = narrowingShape.safeParse({ [key]: value });
    if (parsed.success) Object.assign(out, parsed.data);
  }
  return out;
}

/** The list a role works from (the server scopes each list again): the committee's, management's all, else mine registered. */
function baseList(roles: readonly StaffRole[]): 'committee' | 'all' | 'registered' {
  if (has(roles, 'follow-up-committee')) return 'committee';
  if (has(roles, 'management')) return 'all';
  return 'registered';
}

/** The tabs each role sees (E1, §5): their filters on the server and the count heading each. */
export function tabsFor(roles: readonly StaffRole[]): Tab[] {
  const base = baseList(roles);
  const tabs: Tab[] = [];
  const isManager = has(roles, 'management');
  const isHandler = has(roles, 'follow-up-committee');
  if (isHandler) {
    tabs.push({ key: 'mine', filters: { list: 'mine', isOpen: 'true' }, count: 'mine' });
    tabs.push({ key: 'committee', filters: { list: 'committee', isOpen: 'true' }, count: 'committee' });
  }
  // Management's list (the oversight page's figures open it), also for a manager on the committee.
  if (isManager) tabs.push({ key: 'all', filters: { list: 'all', isOpen: 'true' }, count: 'all' });
  if (!isManager && !isHandler) tabs.push({ key: 'registered', filters: { list: 'registered', isOpen: 'true' }, count: 'registered' });
  tabs.push({ key: 'awaiting', filters: { list: base, step: 'received' }, count: 'awaitingAcknowledgement' });
  tabs.push({ key: 'breached', filters: { list: base, slaState: 'breached', isOpen: 'true' }, count: 'breached' });
  tabs.push({ key: 'closed', filters: { list: base, isOpen: 'false' } });
  return tabs;
}

/** What the page at `/complaints?…` asks the server for: the address's tab (else the first) narrowed by its chips. */
export function worklistFor(roles: readonly StaffRole[], params: URLSearchParams): { tab: Tab; narrowing: Narrowing } | null {
  const tabs = tabsFor(roles);
  const tab = tabs.find((each) => each.key === params.get('tab')) ?? tabs[0];
  return tab ? { tab, narrowing: narrowingFrom(params) } : null;
}
