import { Anchor, Badge, Button, Stack, Text } from '@mantine/core';
import { IconFilePlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { ChannelFilter, channelLabel } from '../ui/channel-filter.js';
import { DeadlineCell } from '../ui/deadline-cell.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { NotAllowed, Page } from '../ui/page.js';
import { SavedViews } from '../ui/saved-views.js';
import { SEVERITY_COLOURS } from '../ui/status.js';
import { FilterChips, useListParams, Worklist, WorklistTabs } from '../ui/worklist.js';
import { type CaseSummary, CHANNEL_CODES, useComplaintCounts, useComplaintList, useFormOptions } from './complaints-api.js';
import { useComplaintBulk } from './complaints-bulk.js';
import { COMPLAINTS_NS } from './i18n.js';
import { type ComplaintFilters, NARROWING_KEYS, type Narrowing, type TabKey, tabsFor, worklistFor } from './worklist-filters.js';

/** Complaints' worklists (issue 6 §5): tabs by role with counts, sorted by deadline, "more" by cursor. */
export function ComplaintsPage() {
  const { t } = useTranslation(COMPLAINTS_NS);
  const { number } = useFormat();
  const me = useCurrentUser();
  // Removing one chip keeps the tab and the other chips; changing tab starts from the tab's own list.
  const list = useListParams();
  // A6 (issue 27 §3): a volunteer reads the complaints they filed.
  const mayRead = hasRole(me.roles, 'follow-up-committee', 'management', 'reception', 'contact-officer', 'volunteer');
  const counts = useComplaintCounts();
  if (!mayRead) return <NotAllowed />;
  const tabs = tabsFor(me.roles);
  const worklist = worklistFor(me.roles, list.params);
  if (!worklist) return <NotAllowed />;
  const { tab: active, narrowing } = worklist;
  const canRegister = me.can.registerCase;
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
      <SavedViews worklist="complaints" />
      <WorklistTabs
        param="tab"
        tabs={tabs.map((tab) => {
          const value = tab.count && counts.data ? counts.data[tab.count] : null;
          return {
            key: tab.key,
            label: t(`list.tabs.${tab.key}`),
            count: typeof value === 'number' ? number(value) : null,
            isAlarm: tab.key === 'breached' && typeof value === 'number' && value > 0,
          };
        })}
      >
        {(key) => {
          const tab = tabs.find((each) => each.key === key) ?? active;
          return (
            <Stack gap="sm">
              <ChannelFilter label={t('channel')} placeholder={t('list.filter.allChannels')} name={(c) => t(`channels.${c}`)} />
              <NarrowingChips narrowing={narrowing} onRemove={(chip) => list.remove([chip])} />
              <WorklistPanel tab={tab.key} filters={{ ...tab.filters, ...narrowing }} isNarrowed={Object.keys(narrowing).length > 0} />
            </Stack>
          );
        }}
      </WorklistTabs>
    </Page>
  );
}

/** The active narrowing as chips ("الخطوة: …", "العمر: …"), each removable on its own. */
function NarrowingChips({ narrowing, onRemove }: { narrowing: Narrowing; onRemove(key: keyof Narrowing): void }) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const chips = NARROWING_KEYS.flatMap((key) => {
    const value = narrowing[key];
    if (!value) return [];
    const shown =
      key === 'channel'
        ? channelLabel(value as NonNullable<Narrowing['channel']>, (c) => t(`channels.${c}`))
        : key === 'step'
          ? t(`steps.${value}`)
          : key === 'age'
            ? t(`ages.${value}`)
            : t(`sla.${value}`);
    return [{ key, label: t(`list.filter.${key}`, { value: shown }), onRemove: () => onRemove(key) }];
  });
  return (
    <FilterChips
      chips={chips}
      testId="complaint-filters"
      title={t('list.filter.title')}
      removeLabel={(filter) => t('list.filter.remove', { filter })}
    />
  );
}

function WorklistPanel({ tab, filters, isNarrowed }: { tab: TabKey; filters: ComplaintFilters; isNarrowed: boolean }) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const query = useComplaintList(filters);
  const bulk = useComplaintBulk(filters, query.data?.pages.flatMap((page) => page.items) ?? [], query.hasNextPage);
  return (
    <Worklist
      query={query}
      selection={bulk.selection}
      empty={{ title: isNarrowed ? t('list.emptyNarrowed') : t(`list.empty.${tab}`), hint: t('list.emptyHint') }}
      header={() => (
        <>
          <Text size="sm" c="dimmed">
            {t(`list.explain.${tab}`)}
          </Text>
          {bulk.bar}
          {bulk.dialog}
        </>
      )}
      moreLabel={t('list.more')}
      {...useComplaintRows()}
    />
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

/** How a complaint shows as a worklist row: a table's columns on wide screens, a card on a phone. */
function useComplaintRows() {
  const { t } = useTranslation(COMPLAINTS_NS);
  const names = useChoiceNames();
  const step = (item: CaseSummary) => (
    <Badge variant="light" color="indigo">
      {t(`steps.${item.step}`)}
    </Badge>
  );
  const handler = (item: CaseSummary) =>
    item.assignedTo?.displayName ?? (item.assignedCommitteeId ? t('list.committeeOnly') : t('list.unassigned'));
  const deadline = (item: CaseSummary) => (
    <DeadlineCell day={item.deadline?.day} slaState={item.slaState} label={(state) => t(`sla.${state}`)} empty={t('list.noDeadline')} />
  );
  const immediate = (item: CaseSummary) =>
    item.needsImmediateAction && (
      <Badge size="xs" color="red" variant="filled" ms={6}>
        {t('immediate')}
      </Badge>
    );
  const topic = (item: CaseSummary) => (
    <>
      {names.topic(item.topic)}
      {item.severity && (
        <Badge size="xs" variant="light" color={SEVERITY_COLOURS[item.severity]} ms={6}>
          {t(`severities.${item.severity}`)}
        </Badge>
      )}
    </>
  );
  return {
    label: t('list.title'),
    minWidth: 860,
    rowKey: (item: CaseSummary) => item.id,
    rowHref: (item: CaseSummary) => `/complaints/${item.id}`,
    rowTestId: 'complaint-row',
    columns: [
      {
        key: 'reference',
        header: t('reference'),
        cell: (item: CaseSummary) => (
          <>
            <Anchor component={Link} to={`/complaints/${item.id}`} fw={600}>
              <Ltr>{item.reference}</Ltr>
            </Anchor>
            {immediate(item)}
          </>
        ),
      },
      { key: 'topic', header: t('topic'), cell: topic },
      {
        key: 'channel',
        header: t('channel'),
        cell: (item: CaseSummary) => (
          <>
            <Ltr>{CHANNEL_CODES[item.channel]}</Ltr> — {t(`channels.${item.channel}`)}
          </>
        ),
      },
      { key: 'step', header: t('step'), cell: step },
      { key: 'assignedTo', header: t('assignedTo'), cell: handler },
      { key: 'deadline', header: t('deadline'), cell: deadline },
    ],
    card: {
      reference: (item: CaseSummary) => item.reference,
      name: topic,
      status: step,
      more: (item: CaseSummary) => (
        <Text size="sm" c="dimmed">
          {handler(item)}
          {immediate(item)}
        </Text>
      ),
      deadline,
      deadlineLabel: t('deadline'),
    },
  };
}
