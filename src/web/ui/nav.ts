import {
  type Icon,
  IconAddressBook,
  IconAdjustments,
  IconAdjustmentsHorizontal,
  IconBooks,
  IconBuildingCommunity,
  IconCalendarEvent,
  IconChartBar,
  IconClipboardList,
  IconCoin,
  IconFileText,
  IconGavel,
  IconHelpCircle,
  IconHome,
  IconListCheck,
  IconMailForward,
  IconMessageReport,
  IconMoodSmile,
  IconPrinter,
  IconSettings,
  IconShieldLock,
  IconSignature,
  IconSpeakerphone,
  IconTemplate,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { StaffRole } from '../../domain/roles.js';

/**
 * The staff app's menu: one list of the pages each role works in, shared by the shell's navigation
 * and the home page's list of worklists (issue 27 §6). Labels are translation keys of the areas'
 * namespaces, which web/app/nav-items.ts loads (an area's texts are its own, so web/ui never imports them).
 */
export interface NavItem {
  to: string;
  labelKey: string;
  icon: Icon;
  /** Who sees the item; absent = everyone signed in. The server decides again on every request. */
  roles?: StaffRole[];
}

export const NAV_ITEMS: NavItem[] = [
  { to: '/', labelKey: 'shell.home', icon: IconHome },
  {
    to: '/families',
    labelKey: 'families:nav',
    icon: IconUsersGroup,
    roles: ['reception', 'contact-officer', 'volunteer', 'administrator', 'management'],
  },
  {
    to: '/requests',
    labelKey: 'requests:nav',
    icon: IconFileText,
    roles: ['reception', 'contact-officer', 'volunteer', 'committee-member', 'management'],
  },
  {
    to: '/complaints',
    labelKey: 'complaints:nav',
    icon: IconMessageReport,
    // A6 (issue 27 §3): volunteers file and follow complaints and inquiries on a family's behalf.
    roles: ['follow-up-committee', 'management', 'reception', 'contact-officer', 'volunteer'],
  },
  {
    to: '/inquiries',
    labelKey: 'inquiries:nav',
    icon: IconHelpCircle,
    roles: ['contact-officer', 'management', 'reception', 'volunteer'],
  },
  { to: '/oversight', labelKey: 'oversight:nav', icon: IconChartBar, roles: ['management'] },
  { to: '/compensation', labelKey: 'compensation:nav', icon: IconCoin, roles: ['management', 'committee-member', 'follow-up-committee'] },
  { to: '/surveys', labelKey: 'surveys:nav', icon: IconMoodSmile, roles: ['management', 'contact-officer'] },
  { to: '/surveys/questionnaires', labelKey: 'surveys:builder.nav', icon: IconClipboardList, roles: ['management', 'administrator'] },
  { to: '/surveys/settings', labelKey: 'surveys:settings.nav', icon: IconAdjustmentsHorizontal, roles: ['administrator', 'management'] },
  { to: '/surveys/campaigns', labelKey: 'surveys:campaign.nav', icon: IconSpeakerphone, roles: ['management', 'administrator'] },
  { to: '/contact-officers', labelKey: 'contactOfficers:nav', icon: IconAddressBook, roles: ['administrator', 'management'] },
  { to: '/documents', labelKey: 'documents:nav', icon: IconBooks, roles: ['documents-editor', 'administrator'] },
  // F2 (issue 25 §1): data-subject requests, the breach register and the record of processing.
  { to: '/privacy', labelKey: 'privacy:nav', icon: IconShieldLock, roles: ['privacy-officer', 'administrator'] },
  // Issue 25 §6 (F2): retention periods, the dry run and the nightly runs' reports.
  { to: '/privacy/retention', labelKey: 'erasure:nav', icon: IconAdjustmentsHorizontal, roles: ['privacy-officer', 'administrator'] },
  {
    to: '/committees',
    labelKey: 'committees:nav',
    icon: IconGavel,
    roles: ['administrator', 'committee-member', 'follow-up-committee', 'management'],
  },
  { to: '/settings/request-types', labelKey: 'requests:typesNav', icon: IconListCheck, roles: ['administrator'] },
  { to: '/users', labelKey: 'shell.users', icon: IconUsers, roles: ['administrator', 'hr'] },
  // Issue 26 §5 (R2): HR follows who has acknowledged each policy version; departments are an administrator's setting.
  { to: '/acknowledgements', labelKey: 'acknowledgements:nav', icon: IconSignature, roles: ['hr', 'administrator'] },
  { to: '/settings/departments', labelKey: 'acknowledgements:departmentsNav', icon: IconBuildingCommunity, roles: ['administrator'] },
  { to: '/settings', labelKey: 'shell.settings', icon: IconSettings, roles: ['administrator'] },
  { to: '/settings/complaints', labelKey: 'complaintSettings:nav', icon: IconAdjustments, roles: ['administrator'] },
  { to: '/tasks', labelKey: 'notifications:navTasks', icon: IconPrinter, roles: ['reception', 'administrator'] },
  { to: '/holidays', labelKey: 'calendar:nav', icon: IconCalendarEvent, roles: ['administrator'] },
  { to: '/outbox', labelKey: 'notifications:navOutbox', icon: IconMailForward, roles: ['administrator'] },
  { to: '/bulk-sends', labelKey: 'notifications:navBulk', icon: IconSpeakerphone, roles: ['administrator', 'management'] },
  { to: '/templates', labelKey: 'notifications:navTemplates', icon: IconTemplate, roles: ['administrator'] },
  { to: '/account', labelKey: 'shell.account', icon: IconUserCircle },
];

export function navItemsFor(roles: readonly StaffRole[]): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.roles || item.roles.some((role) => roles.includes(role)));
}
