import { Anchor, Badge, Button, CloseButton, EmptyState, Group, Paper, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconInbox, IconMessagePlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { caseAge, inquiryListQuery, inquiryStep, slaState } from '../../contracts/complaints.js';
import type { StaffRole } from '../../domain/roles.js';
import { useFormat } from '../app/format.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { DualDay } from '../requests/dual-day.js';
import { Ltr } from '../ui/ltr.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { INQUIRIES_NS } from './i18n.js';
import { type CaseSummary, type InquiryFilters, useCaseLabels, useInquiryList } from './inquiries-api.js';

type List = NonNullable<InquiryFilters['list']>;

/** Which worklists each role works from (C1, G1, E2); the server scopes every list again. */
const TABS: { list: List; roles: StaffRole[] }[] = [
  { list: 'mine', roles: ['contact-officer'] },
  { list: 'all', roles: ['management'] },
  { list: 'general', roles: ['contact-officer', 'management'] },
  { list: 'support', roles: ['contact-officer', 'management'] },
  { list: 'registered', roles: ['reception', 'contact-officer'] },
];

export const SLA_COLOURS: Record<string, string> = {
  'on-time': 'teal',
  'due-soon': 'orange',
  breached: 'red',
  met: 'green',
  late: 'red',
};
export const STEP_COLOURS: Record<string, string> = {
  received: 'gray',
  acknowledged: 'blue',
  routed: 'indigo',
  answered: 'green',
  closed: 'gray',
};

/** The narrowing filters the oversight page links with (`step`, `slaState`, `age`, `officerId`, `isOpen`). */
function filtersFrom(params: URLSearchParams): Omit<InquiryFilters, 'list'> {
  const parsed = inquiryListQuery
    .pick({ step: true, slaState: true, age: true, officerId: true, isOpen: true })
    .safeParse(
      Object.fromEntries(['step', 'slaState', 'age', 'officerId', 'isOpen'].flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : []))),
    );
  return parsed.success ? parsed.data : {};
}

/** The contact officer's worklists (issue 6 §7): mine, the general and support queues, by deadline. */
export function InquiriesPage() {
  const { t } = useTranslation(INQUIRIES_NS);
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const tabs = TABS.filter((tab) => hasRole(me.roles, ...tab.roles));
  const active = tabs.find((tab) => tab.list === params.get('list')) ?? tabs[0];
  if (!active) return <NotAllowed />;
  const filters = filtersFrom(params);
  const canLog = hasRole(me.roles, 'reception', 'contact-officer');
  return (
    <Page
      title={t('list.title')}
      actions={
        canLog && (
          <Button component={Link} to="/complaints/new?kind=inquiry" leftSection={<IconMessagePlus size={18} aria-hidden />}>
            {t('list.log')}
          </Button>
        )
      }
    >
      <Tabs value={active.list} onChange={(value) => value && setParams({ list: value }, { replace: true })} keepMounted={false}>
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.list} value={tab.list}>
              {t(`list.tabs.${tab.list}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Panel key={tab.list} value={tab.list} pt="md">
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t(`list.explain.${tab.list}`)}
              </Text>
              <FilterChips filters={filters} onClear={() => setParams({ list: tab.list }, { replace: true })} />
              <Worklist filters={{ list: tab.list, ...filters }} />
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
    </Page>
  );
}

function FilterChips({ filters, onClear }: { filters: Omit<InquiryFilters, 'list'>; onClear: () => void }) {
  const { t } = useTranslation(INQUIRIES_NS);
  const chips = [
    filters.step && inquiryStep.safeParse(filters.step).success ? t('list.filter.step', { step: t(`steps.${filters.step}`) }) : null,
    filters.slaState && slaState.safeParse(filters.slaState).success ? t(`sla.${filters.slaState}`) : null,
    filters.age && caseAge.safeParse(filters.age).success ? t(`ages.${filters.age}`) : null,
    filters.officerId ? t('list.filter.officer') : null,
    filters.isOpen === 'true' ? t('list.filter.open') : null,
  ].filter((chip): chip is string => Boolean(chip));
  if (!chips.length) return null;
  return (
    <Group gap="xs" data-testid="inquiry-filters">
      <Text size="sm" fw={600}>
        {t('list.filter.title')}
      </Text>
      {chips.map((chip) => (
        <Badge key={chip} variant="outline" size="lg" style={{ textTransform: 'none' }}>
          {chip}
        </Badge>
      ))}
      <CloseButton size="sm" aria-label={t('list.filter.clear')} onClick={onClear} />
    </Group>
  );
}

function Worklist({ filters }: { filters: InquiryFilters }) {
  const { t } = useTranslation(INQUIRIES_NS);
  const { t: tc } = useTranslation();
  const { number } = useFormat();
  const query = useInquiryList(filters);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={errorMessage(tc, query.error)} />;
  const items = query.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <Paper withBorder radius="md" p="xl">
        <EmptyState icon={<IconInbox size={32} aria-hidden />} title={t(`list.empty.${filters.list ?? 'mine'}`)} />
      </Paper>
    );
  }
  return (
    <Stack gap="sm">
      <Text size="sm" data-testid="inquiry-count">
        {query.hasNextPage
          ? t('list.countMore', { n: number(items.length) })
          : t('list.count', { n: number(items.length), count: items.length })}
      </Text>
      <Paper withBorder radius="md">
        <InquiriesTable items={items} />
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

function InquiriesTable({ items }: { items: CaseSummary[] }) {
  const { t } = useTranslation(INQUIRIES_NS);
  const labels = useCaseLabels();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover verticalSpacing="sm" style={{ wordBreak: 'normal' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reference')}</Table.Th>
            <Table.Th scope="col">{t('topic')}</Table.Th>
            <Table.Th scope="col">{t('step')}</Table.Th>
            <Table.Th scope="col">{t('handler')}</Table.Th>
            <Table.Th scope="col">{t('deadline')}</Table.Th>
            <Table.Th scope="col">{t('receivedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Anchor component={Link} to={`/inquiries/${item.id}`} fw={600}>
                  <Ltr>{item.reference}</Ltr>
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t(`channels.${item.channel}`)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{labels.topic(item.topic)}</Text>
                {item.domain && (
                  <Text size="xs" c="dimmed">
                    {labels.domain(item.domain)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={STEP_COLOURS[item.step] ?? 'gray'}>
                  {t(`steps.${item.step}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{item.officer ? item.officer.displayName : t(`queues.${item.queue ?? 'general'}`)}</Text>
              </Table.Td>
              <Table.Td>
                {item.deadline ? (
                  <Group gap="xs" wrap="nowrap">
                    <div>
                      <DualDay value={item.deadline.day} />
                    </div>
                    {item.slaState !== 'on-time' && (
                      <Badge size="sm" variant="light" color={SLA_COLOURS[item.slaState]}>
                        {t(`sla.${item.slaState}`)}
                      </Badge>
                    )}
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <DualDay value={item.receivedAt} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
