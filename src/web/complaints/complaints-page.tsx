import { Anchor, Badge, Button, EmptyState, Group, Paper, Pill, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconFilePlus, IconInbox } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { DualDay } from '../ui/dual-day.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { type CaseSummary, CHANNEL_CODES, useComplaintCounts, useComplaintList, useFormOptions } from './complaints-api.js';
import { COMPLAINTS_NS } from './i18n.js';
import { type ComplaintFilters, NARROWING_KEYS, type Narrowing, type TabKey, tabsFor, worklistFor } from './worklist-filters.js';

export const SLA_COLOURS: Record<string, string> = {
  'on-time': 'teal',
  'due-soon': 'orange',
  breached: 'red',
  met: 'green',
  late: 'red',
};
export const SEVERITY_COLOURS: Record<string, string> = { low: 'gray', medium: 'yellow', high: 'orange', critical: 'red' };

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
  const worklist = worklistFor(me.roles, params);
  if (!worklist) return <NotAllowed />;
  const { tab: active, narrowing } = worklist;
  const canRegister = hasRole(me.roles, 'reception', 'contact-officer');
  // Removing one chip keeps the tab and the other chips; changing tab starts from the tab's own list.
  const without = (key: keyof Narrowing) => {
    const next = new URLSearchParams(params);
    next.delete(key);
    setParams(next, { replace: true });
  };
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
            <Stack gap="sm">
              <NarrowingChips narrowing={narrowing} onRemove={without} />
              <WorklistPanel tab={tab.key} filters={{ ...tab.filters, ...narrowing }} isNarrowed={Object.keys(narrowing).length > 0} />
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
    </Page>
  );
}

/** The active narrowing as chips ("الخطوة: …", "العمر: …"), each removable on its own. */
function NarrowingChips({ narrowing, onRemove }: { narrowing: Narrowing; onRemove(key: keyof Narrowing): void }) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const chips = NARROWING_KEYS.flatMap((key) => {
    const value = narrowing[key];
    if (!value) return [];
    const shown = key === 'step' ? t(`steps.${value}`) : key === 'age' ? t(`ages.${value}`) : t(`sla.${value}`);
    return [{ key, label: t(`list.filter.${key}`, { value: shown }) }];
  });
  if (!chips.length) return null;
  return (
    <Group gap="xs" data-testid="complaint-filters" role="group" aria-label={t('list.filter.title')}>
      <Text size="sm" fw={600}>
        {t('list.filter.title')}
      </Text>
      {chips.map((chip) => (
        <Pill
          key={chip.key}
          size="lg"
          withRemoveButton
          onRemove={() => onRemove(chip.key)}
          // Mantine hides a pill's remove button from keyboards and screen readers (it is made for
          // inputs that remove with Backspace); here it is the only way to remove the filter.
          removeButtonProps={{ 'aria-label': t('list.filter.remove', { filter: chip.label }), 'aria-hidden': false, tabIndex: 0 }}
          data-testid={`complaint-filter-${chip.key}`}
        >
          {chip.label}
        </Pill>
      ))}
    </Group>
  );
}

function WorklistPanel({ tab, filters, isNarrowed }: { tab: TabKey; filters: ComplaintFilters; isNarrowed: boolean }) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const { t: tc } = useTranslation();
  const query = useComplaintList(filters);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={errorMessage(tc, query.error)} />;
  const items = query.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <Paper withBorder radius="md" p="xl">
        <EmptyState
          icon={<IconInbox size={32} aria-hidden />}
          title={isNarrowed ? t('list.emptyNarrowed') : t(`list.empty.${tab}`)}
          description={t('list.emptyHint')}
        />
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
