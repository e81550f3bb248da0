import { Alert, Anchor, Badge, Button, Group, Text } from '@mantine/core';
import { IconFilePlus, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { type Worklist as ListName, type RequestCounts, UNTOLD_DECISIONS } from '../../contracts/requests.js';
import type { StaffRole } from '../../domain/roles.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { ChannelFilter, channelFrom, channelLabel } from '../ui/channel-filter.js';
import { useFormat } from '../ui/format.js';
import { Ltr } from '../ui/ltr.js';
import { NotAllowed, Page } from '../ui/page.js';
import { SavedViews } from '../ui/saved-views.js';
import { FilterChips, useListParams, Worklist, WorklistTabs } from '../ui/worklist.js';
import { REQUESTS_NS } from './i18n.js';
import type { HandedOverState } from './request-actions.js';
import { useRequestRows } from './request-rows.js';
import { useRequestCounts, useRequestList } from './requests-api.js';
import { useRequestBulk } from './requests-bulk.js';

/** Which worklists each role works from (the server scopes every list again). */
const TABS: { list: ListName; count: keyof Omit<RequestCounts, 'isCapped' | 'cap'>; roles: StaffRole[] }[] = [
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
  const params = useListParams();
  const handedOver = (useLocation().state as Partial<HandedOverState> | null)?.handedOver;
  const tabs = TABS.filter((tab) => hasRole(me.roles, ...tab.roles));
  const wanted = params.get('list');
  const active = tabs.find((tab) => tab.list === wanted) ?? tabs[0];
  const counts = useRequestCounts(tabs.length > 0);
  if (!active) return <NotAllowed />;
  const canCreate = me.can.createRequest;
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
      <SavedViews worklist="requests" />
      <WorklistTabs
        tabs={tabs.map((tab) => ({
          key: tab.list,
          label: t(`list.tabs.${tab.list}`),
          count: counts.data ? countText(counts.data[tab.count]) : null,
          isAlarm: tab.list === 'breached' && (counts.data?.breached ?? 0) > 0,
        }))}
      >
        {(list) => {
          const tab = tabs.find((each) => each.list === list);
          const count = tab && counts.data && !counts.data.isCapped ? counts.data[tab.count] : null;
          return <WorklistPanel list={list as ListName} matchingCount={count ?? null} />;
        }}
      </WorklistTabs>
    </Page>
  );
}

function WorklistPanel({ list, matchingCount }: { list: ListName; matchingCount: number | null }) {
  const { t } = useTranslation(REQUESTS_NS);
  const params = useListParams();
  // C5, C6: the oversight figure "decisions not told" links here with `message=unsent|failed`.
  const message = UNTOLD_DECISIONS.find((value) => value === params.get('message'));
  // A1–A6 (issue 27 §3): the channel chosen here, or brought by the oversight page's figure.
  const channel = channelFrom(params.params);
  const filters = { ...(message ? { message } : {}), ...(channel ? { channel } : {}) };
  const query = useRequestList(list, filters);
  const loaded = query.data?.pages.flatMap((page) => page.items) ?? [];
  const isNarrowed = Boolean(message || channel);
  // A narrowed list's count is not the tab's: "all matching" is offered only on the tab's own list.
  const bulk = useRequestBulk(list, filters, loaded, { matchingCount: isNarrowed ? null : matchingCount, hasMore: query.hasNextPage });
  const channelName = (value: NonNullable<typeof channel>) => t(`channels.${value}`);
  return (
    <>
      <ChannelFilter label={t('channel')} placeholder={t('list.allChannels')} name={channelName} />
      <FilterChips
        chips={
          channel
            ? [
                {
                  key: 'channel',
                  label: t('list.channelChip', { value: channelLabel(channel, channelName) }),
                  onRemove: () => params.remove(['channel']),
                },
              ]
            : []
        }
        testId="request-filters"
      />
      {/* Above the list, so an empty filtered list still says what it is filtered by. */}
      {message && (
        <Group gap="xs" data-testid="untold-filter">
          <Badge color="red" variant="light">
            {t(`list.untold.${message}`)}
          </Badge>
          <Anchor component="button" type="button" size="sm" onClick={() => params.remove(['message'])}>
            {t('list.untold.clear')}
          </Anchor>
        </Group>
      )}
      <Worklist
        query={query}
        selection={bulk.selection}
        empty={{ title: t(`list.empty.${list}`), hint: t('list.emptyHint') }}
        header={() => (
          <>
            <Text size="sm" c="dimmed">
              {t(`list.explain.${list}`)}
            </Text>
            {bulk.bar}
            {bulk.dialog}
          </>
        )}
        moreLabel={t('list.more')}
        {...useRequestRows('family')}
      />
    </>
  );
}
