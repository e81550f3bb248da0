import { Alert, Anchor, Badge, Button, EmptyState, Group, Paper, Stack, Table, Tabs, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconFilePlus, IconInbox, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { RequestCounts, RequestSummary, Worklist } from '../../contracts/requests.js';
import type { StaffRole } from '../../domain/roles.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { DualDay } from '../ui/dual-day.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { REQUESTS_NS } from './i18n.js';
import type { HandedOverState } from './request-actions.js';
import { SLA_COLOURS } from './request-clock.js';
import { STATUS_COLOURS } from './request-page.js';
import { useRequestCounts, useRequestList } from './requests-api.js';

/** Which worklists each role works from (the server scopes every list again). */
const TABS: { list: Worklist; count: keyof Omit<RequestCounts, 'isCapped' | 'cap'>; roles: StaffRole[] }[] = [
  { list: 'reception', count: 'reception', roles: ['reception', 'contact-officer', 'volunteer'] },
  { list: 'committee', count: 'committee', roles: ['committee-member'] },
  { list: 'under-study', count: 'underStudy', roles: ['committee-member'] },
  { list: 'information-requested', count: 'informationRequested', roles: ['committee-member'] },
  { list: 'due-soon', count: 'dueSoon', roles: ['management', 'reception', 'contact-officer'] },
  { list: 'breached', count: 'breached', roles: ['management', 'reception', 'contact-officer'] },
  { list: 'all', count: 'all', roles: ['management', 'reception', 'contact-officer'] },
];

/** Worklists (issue 5 §10): tabs with counts, sorted by deadline, "more" pages by cursor. */
export function RequestsPage() {
  const { t } = useTranslation(REQUESTS_NS);
  const { number } = useFormat();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const handedOver = (useLocation().state as Partial<HandedOverState> | null)?.handedOver;
  const tabs = TABS.filter((tab) => hasRole(me.roles, ...tab.roles));
  const wanted = params.get('list');
  const active = tabs.find((tab) => tab.list === wanted) ?? tabs[0];
  const counts = useRequestCounts(tabs.length > 0);
  if (!active) return <NotAllowed />;
  const canCreate = hasRole(me.roles, 'reception', 'contact-officer', 'volunteer');
  const countText = (value: number | undefined) => {
    if (value === undefined) return '';
    const capped = counts.data?.isCapped && value >= counts.data.cap;
    return capped ? `${number(counts.data?.cap ?? value)}+` : number(value);
  };
  return (
    <Page
      title={t('list.title')}
      actions={
        canCreate && (
          <Button component={Link} to="/requests/new" leftSection={<IconFilePlus size={18} aria-hidden />}>
            {t('list.new')}
          </Button>
        )
      }
    >
      {handedOver && (
        <Alert
          variant="light"
          color="green"
          icon={<IconSend aria-hidden />}
          title={t('list.handedOver.title')}
          role="status"
          data-testid="handed-over"
        >
          <Text size="sm">
            {t('list.handedOver.body')} <Ltr>{handedOver}</Ltr>
          </Text>
        </Alert>
      )}
      <Tabs value={active.list} onChange={(value) => value && setParams({ list: value }, { replace: true })} keepMounted={false}>
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab
              key={tab.list}
              value={tab.list}
              rightSection={
                counts.data && (
                  <Badge size="sm" variant="light" color={tab.list === 'breached' && counts.data.breached > 0 ? 'red' : 'gray'}>
                    <Ltr>{countText(counts.data[tab.count])}</Ltr>
                  </Badge>
                )
              }
            >
              {t(`list.tabs.${tab.list}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Panel key={tab.list} value={tab.list} pt="md">
            <WorklistPanel list={tab.list} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Page>
  );
}

function WorklistPanel({ list }: { list: Worklist }) {
  const { t } = useTranslation(REQUESTS_NS);
  const { t: tc } = useTranslation();
  const query = useRequestList(list);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={errorMessage(tc, query.error)} />;
  const items = query.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <Paper withBorder radius="md" p="xl">
        <EmptyState icon={<IconInbox size={32} aria-hidden />} title={t(`list.empty.${list}`)} description={t('list.emptyHint')} />
      </Paper>
    );
  }
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t(`list.explain.${list}`)}
      </Text>
      <Paper withBorder radius="md">
        <RequestsTable items={items} />
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

/** The request's status, and for a draft what it still needs. */
function StatusCell({ item }: { item: RequestSummary }) {
  const { t } = useTranslation(REQUESTS_NS);
  return (
    <Stack gap={4} align="flex-start">
      <Badge variant="light" color={STATUS_COLOURS[item.status]}>
        {t(`statuses.${item.status}`)}
      </Badge>
      {item.status === 'draft' && (
        <Text size="xs" c="dimmed">
          {!item.isChecklistSatisfied ? t('list.incomplete') : !item.isAttested ? t('list.toAttest') : t('list.readyToSubmit')}
        </Text>
      )}
    </Stack>
  );
}

/** The deadline in both calendars, with the clock's warning or breach. */
export function DeadlineCell({ item }: { item: RequestSummary }) {
  const { t } = useTranslation(REQUESTS_NS);
  if (!item.deadlineDay)
    return (
      <Text size="sm" c="dimmed">
        {t('list.noClock')}
      </Text>
    );
  return (
    <Group gap="xs" wrap="nowrap">
      <div>
        <DualDay value={item.deadlineDay} />
      </div>
      {item.slaState !== 'none' && item.slaState !== 'on-time' && (
        <Badge size="sm" variant="light" color={SLA_COLOURS[item.slaState]}>
          {t(`sla.${item.slaState}`)}
        </Badge>
      )}
    </Group>
  );
}

/**
 * A worklist: a table on wide screens; on a phone one card per request, so the deadline (what the
 * list is sorted by) is read without scrolling sideways.
 */
export function RequestsTable({ items }: { items: RequestSummary[] }) {
  const { t } = useTranslation(REQUESTS_NS);
  const { language } = useLanguage();
  const isPhone = useMediaQuery('(max-width: 40em)');
  if (isPhone)
    return (
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} data-testid="requests-cards">
        {items.map((item) => (
          <Paper component="li" key={item.id} withBorder radius="md" p="sm">
            <Stack gap={6}>
              <Group justify="space-between" align="flex-start" gap="xs">
                <Anchor component={Link} to={`/requests/${item.id}`} fw={600}>
                  <Ltr>{item.reference}</Ltr>
                </Anchor>
                <StatusCell item={item} />
              </Group>
              <Text size="sm">{item.familyName}</Text>
              <Text size="sm" c="dimmed">
                {language === 'ar' ? item.typeNameAr : item.typeNameEn}
              </Text>
              <Group gap="xs" align="baseline" wrap="nowrap">
                <Text size="sm" c="dimmed">
                  {t('clock.deadline')}:
                </Text>
                <DeadlineCell item={item} />
              </Group>
            </Stack>
          </Paper>
        ))}
      </Stack>
    );
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped highlightOnHover verticalSpacing="sm" style={{ wordBreak: 'normal' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reference')}</Table.Th>
            <Table.Th scope="col">{t('family')}</Table.Th>
            <Table.Th scope="col">{t('type')}</Table.Th>
            <Table.Th scope="col">{t('status')}</Table.Th>
            <Table.Th scope="col">{t('clock.deadline')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Anchor component={Link} to={`/requests/${item.id}`} fw={600}>
                  <Ltr>{item.reference}</Ltr>
                </Anchor>
              </Table.Td>
              <Table.Td>{item.familyName}</Table.Td>
              <Table.Td>{language === 'ar' ? item.typeNameAr : item.typeNameEn}</Table.Td>
              <Table.Td>
                <StatusCell item={item} />
              </Table.Td>
              <Table.Td>
                <DeadlineCell item={item} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
