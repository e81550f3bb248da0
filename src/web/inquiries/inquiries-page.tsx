import { Anchor, Badge, Button, Stack, Text } from '@mantine/core';
import { IconMessagePlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { inquiryListQuery } from '../../contracts/complaints.js';
import type { StaffRole } from '../../domain/roles.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { ChannelFilter, channelFrom, channelLabel } from '../ui/channel-filter.js';
import { DeadlineCell } from '../ui/deadline-cell.js';
import { DualDay } from '../ui/dual-day.js';
import { useFormat } from '../ui/format.js';
import { Ltr } from '../ui/ltr.js';
import { NotAllowed, Page } from '../ui/page.js';
import { SavedViews } from '../ui/saved-views.js';
import { caseStepColour } from '../ui/status.js';
import { FilterChips, useListParams, Worklist, WorklistTabs } from '../ui/worklist.js';
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
  // A6 (issue 27 §3): a volunteer reads the inquiries they filed on a family's behalf.
  { key: 'registered', roles: ['reception', 'contact-officer', 'volunteer'] },
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
  const list = useListParams();
  const counts = useInquiryCounts();
  const tabs = tabsFor(me.roles);
  const active = tabs.find((tab) => tab.key === list.get('list')) ?? tabs[0];
  if (!active) return <NotAllowed />;
  const filters = filtersFrom(list.params);
  const isFiltered = Object.keys(filters).length > 0;
  // A1–A6 (issue 27 §3): the channel narrows any tab and keeps the tab's own open/closed choice.
  const channel = channelFrom(list.params);
  const canLog = me.can.registerCase;
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
      <SavedViews worklist="inquiries" />
      <WorklistTabs
        testIdPrefix="inquiry"
        tabs={tabs.map((tab) => {
          const value = tab.count && counts.data ? counts.data[tab.count] : null;
          return { key: tab.key, label: t(`list.tabs.${tab.key}`), count: typeof value === 'number' ? number(value) : null };
        })}
      >
        {(key) => {
          const tab = tabs.find((each) => each.key === key) ?? active;
          return (
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t(`list.explain.${tab.key}`)}
              </Text>
              <ChannelFilter label={t('channel')} placeholder={t('list.filter.allChannels')} name={(c) => t(`channels.${c}`)} />
              <InquiryFilterChips
                filters={{ ...filters, channel }}
                onRemove={list.remove}
                onClear={() => list.replace({ list: tab.key })}
              />
              <InquiryWorklist
                empty={isFiltered || channel ? 'filtered' : tab.key}
                // A tab lists its open inquiries (closed: the closed ones); a link's filters are applied as they are.
                filters={{
                  list: tab.list,
                  ...(isFiltered ? filters : { isOpen: tab.key === 'closed' ? 'false' : 'true' }),
                  ...(channel ? { channel } : {}),
                }}
              />
            </Stack>
          );
        }}
      </WorklistTabs>
    </Page>
  );
}

/** The filters a link brought, each a chip that removes itself (an officer's name from the roster). */
function InquiryFilterChips({
  filters,
  onRemove,
  onClear,
}: {
  filters: Filters & Pick<InquiryFilters, 'channel'>;
  onRemove(keys: (FilterKey | 'channel')[]): void;
  onClear(): void;
}) {
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
  const chips: { keys: (FilterKey | 'channel')[]; label: string }[] = [];
  if (filters.channel)
    chips.push({ keys: ['channel'], label: t('list.filter.channel', { value: channelLabel(filters.channel, (c) => t(`channels.${c}`)) }) });
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
  return (
    <FilterChips
      chips={chips.map((chip) => ({ key: chip.keys[0] ?? chip.label, label: chip.label, onRemove: () => onRemove(chip.keys) }))}
      onClear={onClear}
      testId="inquiry-filters"
      title={t('list.filter.title')}
      removeLabel={(filter) => t('list.filter.remove', { filter })}
    />
  );
}

function InquiryWorklist({ filters, empty }: { filters: InquiryFilters; empty: TabKey | 'filtered' }) {
  const { t } = useTranslation(INQUIRIES_NS);
  const { number } = useFormat();
  const query = useInquiryList(filters);
  return (
    <Worklist
      query={query}
      empty={{ title: t(`list.empty.${empty}`) }}
      header={(items, hasMore) => (
        <Text size="sm" data-testid="inquiry-count">
          {hasMore ? t('list.countMore', { n: number(items.length) }) : t('list.count', { n: number(items.length), count: items.length })}
        </Text>
      )}
      moreLabel={t('list.more')}
      {...useInquiryRows()}
    />
  );
}

/** How an inquiry shows as a worklist row: a table's columns on wide screens, a card on a phone. */
function useInquiryRows() {
  const { t } = useTranslation(INQUIRIES_NS);
  const labels = useCaseLabels();
  const step = (item: CaseSummary) => (
    <Badge variant="light" color={caseStepColour(item.step, 'gray')}>
      {t(`steps.${item.step}`)}
    </Badge>
  );
  const handler = (item: CaseSummary) => (item.officer ? item.officer.displayName : t(`queues.${item.queue ?? 'general'}`));
  const deadline = (item: CaseSummary) => (
    <DeadlineCell day={item.deadline?.day} slaState={item.slaState} label={(state) => t(`sla.${state}`)} empty="—" />
  );
  return {
    label: t('list.title'),
    minWidth: 860,
    rowKey: (item: CaseSummary) => item.id,
    rowHref: (item: CaseSummary) => `/inquiries/${item.id}`,
    columns: [
      {
        key: 'reference',
        header: t('reference'),
        cell: (item: CaseSummary) => (
          <>
            <Anchor component={Link} to={`/inquiries/${item.id}`} fw={600}>
              <Ltr>{item.reference}</Ltr>
            </Anchor>
            <Text size="xs" c="dimmed">
              {t(`channels.${item.channel}`)}
            </Text>
          </>
        ),
      },
      {
        key: 'topic',
        header: t('topic'),
        cell: (item: CaseSummary) => (
          <>
            <Text size="sm">{labels.topic(item.topic)}</Text>
            {item.domain && (
              <Text size="xs" c="dimmed">
                {labels.domain(item.domain)}
              </Text>
            )}
          </>
        ),
      },
      { key: 'step', header: t('step'), cell: step },
      { key: 'handler', header: t('handler'), cell: (item: CaseSummary) => <Text size="sm">{handler(item)}</Text> },
      { key: 'deadline', header: t('deadline'), cell: deadline },
      { key: 'receivedAt', header: t('receivedAt'), cell: (item: CaseSummary) => <DualDay value={item.receivedAt} /> },
    ],
    card: {
      reference: (item: CaseSummary) => item.reference,
      name: (item: CaseSummary) => labels.topic(item.topic),
      status: step,
      more: (item: CaseSummary) => (
        <Text size="sm" c="dimmed">
          {handler(item)} · {t(`channels.${item.channel}`)}
        </Text>
      ),
      deadline,
      deadlineLabel: t('deadline'),
    },
  };
}
