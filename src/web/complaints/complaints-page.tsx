import { Anchor, Badge, Button, EmptyState, Group, Paper, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconFilePlus, IconInbox } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { StaffRole } from '../../domain/roles.js';
import { useFormat } from '../app/format.js';
import { useLanguage } from '../app/language.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { DualDay } from '../requests/dual-day.js';
import { Ltr } from '../ui/ltr.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import {
  type CaseSummary,
  CHANNEL_CODES,
  type ComplaintCounts,
  type ComplaintFilters,
  useComplaintCounts,
  useComplaintList,
  useFormOptions,
} from './complaints-api.js';
import { COMPLAINTS_NS } from './i18n.js';

export type TabKey = 'mine' | 'committee' | 'registered' | 'all' | 'awaiting' | 'breached' | 'closed';

export const SLA_COLOURS: Record<string, string> = {
  'on-time': 'teal',
  'due-soon': 'orange',
  breached: 'red',
  met: 'green',
  late: 'red',
};
export const SEVERITY_COLOURS: Record<string, string> = { low: 'gray', medium: 'yellow', high: 'orange', critical: 'red' };

/** The list a role works from (the server scopes each list again): the committee's, management's all, else mine registered. */
function baseList(roles: readonly StaffRole[]): 'committee' | 'all' | 'registered' {
  if (hasRole(roles, 'follow-up-committee')) return 'committee';
  if (hasRole(roles, 'management')) return 'all';
  return 'registered';
}

/** The tabs each role sees (E1, §5): their filters on the server and the count heading each. */
export function tabsFor(roles: readonly StaffRole[]): { key: TabKey; filters: ComplaintFilters; count?: keyof ComplaintCounts }[] {
  const base = baseList(roles);
  const tabs: { key: TabKey; filters: ComplaintFilters; count?: keyof ComplaintCounts }[] = [];
  if (hasRole(roles, 'follow-up-committee')) {
    tabs.push({ key: 'mine', filters: { list: 'mine', isOpen: 'true' }, count: 'mine' });
    tabs.push({ key: 'committee', filters: { list: 'committee', isOpen: 'true' }, count: 'committee' });
  } else if (hasRole(roles, 'management')) {
    tabs.push({ key: 'all', filters: { list: 'all', isOpen: 'true' }, count: 'all' });
  } else {
    tabs.push({ key: 'registered', filters: { list: 'registered', isOpen: 'true' }, count: 'registered' });
  }
  tabs.push({ key: 'awaiting', filters: { list: base, step: 'received' }, count: 'awaitingAcknowledgement' });
  tabs.push({ key: 'breached', filters: { list: base, slaState: 'breached', isOpen: 'true' }, count: 'breached' });
  tabs.push({ key: 'closed', filters: { list: base, isOpen: 'false' } });
  return tabs;
}

/** Complaints' worklists (issue 6 §5): tabs by role with counts, sorted by deadline, "more" by cursor. */
export function ComplaintsPage() {
  const { t } = useTranslation(COMPLAINTS_NS);
  const { number } = useFormat();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const mayRead = hasRole(me.roles, 'follow-up-committee', 'management', 'reception', 'contact-officer');
  const counts = useComplaintCounts();
  if (!mayRead) return <NotAllowed />;
  const tabs = tabsFor(me.roles);
  const active = tabs.find((tab) => tab.key === params.get('tab')) ?? tabs[0];
  if (!active) return <NotAllowed />;
  const canRegister = hasRole(me.roles, 'reception', 'contact-officer');
  return (
    <Page
      title={t('list.title')}
      actions={
        canRegister && (
          <Button component={Link} to="/complaints/new" leftSection={<IconFilePlus size={18} aria-hidden />}>
            {t('list.new')}
          </Button>
        )
      }
    >
      <Tabs value={active.key} onChange={(value) => value && setParams({ tab: value }, { replace: true })} keepMounted={false}>
        <Tabs.List>
          {tabs.map((tab) => {
            const value = tab.count && counts.data ? counts.data[tab.count] : null;
            return (
              <Tabs.Tab
                key={tab.key}
                value={tab.key}
                rightSection={
                  typeof value === 'number' && (
                    <Badge size="sm" variant="light" color={tab.key === 'breached' && value > 0 ? 'red' : 'gray'}>
                      <Ltr>{number(value)}</Ltr>
                    </Badge>
                  )
                }
              >
                {t(`list.tabs.${tab.key}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Panel key={tab.key} value={tab.key} pt="md">
            <WorklistPanel tab={tab.key} filters={tab.filters} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Page>
  );
}

function WorklistPanel({ tab, filters }: { tab: TabKey; filters: ComplaintFilters }) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const { t: tc } = useTranslation();
  const query = useComplaintList(filters);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={errorMessage(tc, query.error)} />;
  const items = query.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <Paper withBorder radius="md" p="xl">
        <EmptyState icon={<IconInbox size={32} aria-hidden />} title={t(`list.empty.${tab}`)} description={t('list.emptyHint')} />
      </Paper>
    );
  }
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t(`list.explain.${tab}`)}
      </Text>
      <Paper withBorder radius="md">
        <ComplaintsTable items={items} />
      </Paper>
      {query.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {t('list.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** A topic's or domain's name as the administrator wrote it, else its code. */
export function useChoiceNames() {
  const { language } = useLanguage();
  const options = useFormOptions();
  const name = (list: { code: string; nameAr: string; nameEn: string }[] | undefined, code: string | null) => {
    if (!code) return '';
    const found = list?.find((item) => item.code === code);
    return found ? (language === 'ar' ? found.nameAr : found.nameEn) : code;
  };
  return {
    topic: (code: string) => name(options.data?.topics, code),
    domain: (code: string | null) => name(options.data?.domains, code),
  };
}

function ComplaintsTable({ items }: { items: CaseSummary[] }) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const names = useChoiceNames();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover verticalSpacing="sm" style={{ wordBreak: 'normal' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reference')}</Table.Th>
            <Table.Th scope="col">{t('topic')}</Table.Th>
            <Table.Th scope="col">{t('channel')}</Table.Th>
            <Table.Th scope="col">{t('step')}</Table.Th>
            <Table.Th scope="col">{t('assignedTo')}</Table.Th>
            <Table.Th scope="col">{t('deadline')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id} data-testid="complaint-row">
              <Table.Td>
                <Anchor component={Link} to={`/complaints/${item.id}`} fw={600}>
                  <Ltr>{item.reference}</Ltr>
                </Anchor>
                {item.needsImmediateAction && (
                  <Badge size="xs" color="red" variant="filled" ms={6}>
                    {t('immediate')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {names.topic(item.topic)}
                {item.severity && (
                  <Badge size="xs" variant="light" color={SEVERITY_COLOURS[item.severity]} ms={6}>
                    {t(`severities.${item.severity}`)}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Ltr>{CHANNEL_CODES[item.channel]}</Ltr> — {t(`channels.${item.channel}`)}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color="indigo">
                  {t(`steps.${item.step}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {item.assignedTo?.displayName ?? (item.assignedCommitteeId ? t('list.committeeOnly') : t('list.unassigned'))}
              </Table.Td>
              <Table.Td>
                {item.deadline ? (
                  <Group gap="xs" wrap="nowrap">
                    <div>
                      <DualDay value={item.deadline.day} />
                    </div>
                    {item.slaState !== 'on-time' && (
                      <Badge size="sm" variant={item.slaState === 'breached' ? 'filled' : 'light'} color={SLA_COLOURS[item.slaState]}>
                        {t(`sla.${item.slaState}`)}
                      </Badge>
                    )}
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('list.noDeadline')}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
