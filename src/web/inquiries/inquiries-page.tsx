import { Anchor, Badge, Button, EmptyState, Group, Paper, Pill, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconInbox, IconMessagePlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { inquiryListQuery } from '../../contracts/complaints.js';
import type { StaffRole } from '../../domain/roles.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { DualDay } from '../ui/dual-day.js';
import { useFormat } from '../ui/format.js';
import { Ltr } from '../ui/ltr.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { INQUIRIES_NS } from './i18n.js';
import {
  type CaseSummary,
  type InquiryCounts,
  type InquiryFilters,
  useCaseLabels,
  useInquiryCounts,
  useInquiryList,
  useOfficerRoster,
} from './inquiries-api.js';

type List = NonNullable<InquiryFilters['list']>;
type TabKey = List | 'closed';

/** Which worklists each role works from (C1, G1, E2); the server scopes every list again. */
const TABS: { key: List; roles: StaffRole[] }[] = [
  { key: 'mine', roles: ['contact-officer'] },
  { key: 'all', roles: ['management'] },
  { key: 'general', roles: ['contact-officer', 'management'] },
  { key: 'support', roles: ['contact-officer', 'management'] },
  { key: 'registered', roles: ['reception', 'contact-officer'] },
];

/** The list a role's closed inquiries are read from, as the server's default list. */
function baseList(roles: readonly StaffRole[]): List {
  if (hasRole(roles, 'contact-officer')) return 'mine';
  if (hasRole(roles, 'management')) return 'all';
  return 'registered';
}

/** The tabs a role sees: open inquiries in each list (with its count), then the closed ones. */
function tabsFor(roles: readonly StaffRole[]): { key: TabKey; list: List; count?: keyof InquiryCounts }[] {
  const open = TABS.filter((tab) => hasRole(roles, ...tab.roles)).map((tab) => ({ key: tab.key, list: tab.key, count: tab.key }));
  return open.length ? [...open, { key: 'closed', list: baseList(roles) }] : [];
}

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

/** The narrowing filters the oversight page links with; each read on its own, so one bad value drops only itself. */
const FILTER_KEYS = ['step', 'slaState', 'age', 'officerId', 'isOpen', 'awaitingAnswer', 'answeredBy', 'answeredSince'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Pick<InquiryFilters, FilterKey>;
function filtersFrom(params: URLSearchParams): Filters {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value && inquiryListQuery.shape[key].safeParse(value).success) out[key] = value;
  }
  return out as Filters;
}

/** The contact officer's worklists (issue 6 §7): mine, the general and support queues, by deadline, with counts. */
export function InquiriesPage() {
  const { t } = useTranslation(INQUIRIES_NS);
  const { number } = useFormat();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const counts = useInquiryCounts();
  const tabs = tabsFor(me.roles);
  const active = tabs.find((tab) => tab.key === params.get('list')) ?? tabs[0];
  if (!active) return <NotAllowed />;
  const filters = filtersFrom(params);
  const isFiltered = Object.keys(filters).length > 0;
  const canLog = hasRole(me.roles, 'reception', 'contact-officer');
  const removeFilter = (keys: FilterKey[]) => {
    const next = new URLSearchParams(params);
    for (const key of keys) next.delete(key);
    setParams(next, { replace: true });
  };
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
      <Tabs value={active.key} onChange={(value) => value && setParams({ list: value }, { replace: true })} keepMounted={false}>
        <Tabs.List>
          {tabs.map((tab) => {
            const value = tab.count && counts.data ? counts.data[tab.count] : null;
            return (
              <Tabs.Tab
                key={tab.key}
                value={tab.key}
                data-testid={`inquiry-tab-${tab.key}`}
                rightSection={
                  typeof value === 'number' && (
                    <Badge size="sm" variant="light" color="gray" data-testid={`inquiry-tab-count-${tab.key}`}>
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
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t(`list.explain.${tab.key}`)}
              </Text>
              <FilterChips filters={filters} onRemove={removeFilter} onClear={() => setParams({ list: tab.key }, { replace: true })} />
              <Worklist
                empty={isFiltered ? 'filtered' : tab.key}
                // A tab lists its open inquiries (closed: the closed ones); a link's filters are applied as they are.
                filters={{ list: tab.list, ...(isFiltered ? filters : { isOpen: tab.key === 'closed' ? 'false' : 'true' }) }}
              />
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
    </Page>
  );
}

/** The filters a link brought, each a chip that removes itself (an officer's name from the roster). */
function FilterChips({ filters, onRemove, onClear }: { filters: Filters; onRemove(keys: FilterKey[]): void; onClear(): void }) {
  const { t } = useTranslation(INQUIRIES_NS);
  const { dualDate } = useFormat();
  const day = (value: string) => {
    const date = dualDate(value);
    return `${date.hijri} (${date.gregorian})`;
  };
  const me = useCurrentUser();
  const roster = useOfficerRoster(Boolean(filters.officerId || filters.answeredBy) && hasRole(me.roles, 'management', 'contact-officer'));
  const nameOf = (id: string) => roster.data?.items.find((item) => item.staffId === id)?.displayName;
  const officerName = filters.officerId ? nameOf(filters.officerId) : undefined;
  const answererName = filters.answeredBy ? nameOf(filters.answeredBy) : undefined;
  const chips: { keys: FilterKey[]; label: string }[] = [];
  if (filters.step) chips.push({ keys: ['step'], label: t('list.filter.step', { step: t(`steps.${filters.step}`) }) });
  if (filters.slaState) chips.push({ keys: ['slaState'], label: t(`sla.${filters.slaState}`) });
  if (filters.age) chips.push({ keys: ['age'], label: t(`ages.${filters.age}`) });
  if (filters.officerId)
    chips.push({
      keys: ['officerId'],
      label: officerName ? t('list.filter.officerNamed', { name: officerName }) : t('list.filter.officer'),
    });
  if (filters.awaitingAnswer) chips.push({ keys: ['awaitingAnswer'], label: t('list.filter.awaitingAnswer') });
  if (filters.answeredBy)
    chips.push({
      keys: ['answeredBy', 'answeredSince'],
      label: [
        answererName ? t('list.filter.answeredByNamed', { name: answererName }) : t('list.filter.answeredBy'),
        filters.answeredSince ? t('list.filter.answeredSince', { date: day(filters.answeredSince) }) : null,
      ]
        .filter(Boolean)
        .join(' '),
    });
  else if (filters.answeredSince)
    chips.push({ keys: ['answeredSince'], label: t('list.filter.answeredSince', { date: day(filters.answeredSince) }) });
  if (filters.isOpen) chips.push({ keys: ['isOpen'], label: t(filters.isOpen === 'true' ? 'list.filter.open' : 'list.filter.closed') });
  if (!chips.length) return null;
  return (
    <Group gap="xs" data-testid="inquiry-filters">
      <Text size="sm" fw={600}>
        {t('list.filter.title')}
      </Text>
      {chips.map((chip) => (
        <Pill
          key={chip.keys.join()}
          size="lg"
          withRemoveButton
          onRemove={() => onRemove(chip.keys)}
          // Pill hides its remove button from keyboards and screen readers by default (it is made for inputs).
          removeButtonProps={{ 'aria-label': t('list.filter.remove', { filter: chip.label }), 'aria-hidden': false, tabIndex: 0 }}
          data-testid={`inquiry-filter-${chip.keys[0]}`}
        >
          {chip.label}
        </Pill>
      ))}
      {chips.length > 1 && (
        <Button variant="subtle" size="compact-sm" onClick={onClear}>
          {t('list.filter.clear')}
        </Button>
      )}
    </Group>
  );
}

function Worklist({ filters, empty }: { filters: InquiryFilters; empty: TabKey | 'filtered' }) {
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
        <EmptyState icon={<IconInbox size={32} aria-hidden />} title={t(`list.empty.${empty}`)} />
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
