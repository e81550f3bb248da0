import { Alert, Badge, Button, Select, SimpleGrid, Text } from '@mantine/core';
import { IconMailOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DELIVERY_CHANNELS, MESSAGE_STATUSES } from '../../contracts/notifications.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { DualDay } from '../ui/dual-day.js';
import { useFormat } from '../ui/format.js';
import { Ltr } from '../ui/ltr.js';
import { NotAllowed, Page } from '../ui/page.js';
import { SavedViews } from '../ui/saved-views.js';
import { useListParams, Worklist } from '../ui/worklist.js';
import { NOTIFICATIONS_NS } from './i18n.js';
import { statusColour, useMessageLabels } from './labels.js';
import { MessageDrawer } from './message-drawer.js';
import { type OutboxItem, useOutbox } from './notifications-api.js';
import { RatesPanel } from './rates-panel.js';

/** Issue 4 §9: every message Sila sends, filtered by status and channel, with a drawer per message. */
export function OutboxPage() {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const me = useCurrentUser();
  const labels = useMessageLabels();
  const params = useListParams();
  const status = params.get('status') ?? '';
  const channel = params.get('channel') ?? '';
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useOutbox({ status: status || undefined, channel: channel || undefined });
  const rows = useOutboxRows(setOpenId);

  if (!hasRole(me.roles, 'administrator')) return <NotAllowed />;

  const setFilter = (key: 'status' | 'channel', value: string | null) => params.merge({ [key]: value ?? undefined });
  const transports = list.data?.pages[0]?.transports;
  const missing = transports ? (['sms', 'email', 'whatsapp'] as const).filter((name) => !transports[name]) : [];

  return (
    <Page title={t('outboxTitle')}>
      <Text c="dimmed">{t('outboxIntro')}</Text>
      {missing.length > 0 && (
        <Alert color="yellow" variant="light">
          {t('noTransport', { channels: missing.map(labels.channel).join('، ') })}
        </Alert>
      )}
      <RatesPanel />
      <SavedViews worklist="outbox" />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <Select
          label={t('status')}
          value={status}
          allowDeselect={false}
          data={[{ value: '', label: t('all') }, ...MESSAGE_STATUSES.map((value) => ({ value, label: labels.status(value) }))]}
          onChange={(value) => setFilter('status', value)}
        />
        <Select
          label={t('channel')}
          value={channel}
          allowDeselect={false}
          data={[{ value: '', label: t('all') }, ...DELIVERY_CHANNELS.map((value) => ({ value, label: labels.channel(value) }))]}
          onChange={(value) => setFilter('channel', value)}
        />
      </SimpleGrid>
      <Worklist
        query={list}
        empty={{ title: t('empty'), icon: <IconMailOff size={32} aria-hidden /> }}
        moreLabel={t('loadMore')}
        {...rows}
      />
      <MessageDrawer id={openId} onClose={() => setOpenId(null)} />
    </Page>
  );
}

/** How a message shows as a row: a table's columns on wide screens, a card on a phone; "details" opens the drawer. */
function useOutboxRows(onOpen: (id: string) => void) {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const { number } = useFormat();
  const labels = useMessageLabels();
  const recipientOf = (item: OutboxItem) => item.recipient.name ?? labels.recipientKind(item.recipient.kind);
  const event = (item: OutboxItem) => (
    <>
      {labels.event(item.event)}
      {/* Issue 20 §1: codes go first and bulk last; transactional, the usual case, carries no mark. */}
      {item.priority !== 'transactional' && (
        <Badge ms="xs" size="xs" variant="outline" color={item.priority === 'code' ? 'teal' : 'gray'}>
          {t(`priorities.${item.priority}`)}
        </Badge>
      )}
    </>
  );
  const status = (item: OutboxItem) => (
    <Badge color={statusColour(item.status)} variant="light">
      {labels.status(item.status)}
    </Badge>
  );
  return {
    label: t('outboxTitle'),
    minWidth: 980,
    rowKey: (item: OutboxItem) => item.id,
    rowAttributes: (item: OutboxItem) => ({ 'data-message': item.id }),
    rowActions: [{ key: 'details', label: t('details'), onClick: (item: OutboxItem) => onOpen(item.id) }],
    columns: [
      { key: 'created', header: t('colCreated'), cell: (item: OutboxItem) => <DualDay value={item.createdAt} /> },
      { key: 'event', header: t('colEvent'), cell: event },
      {
        key: 'recipient',
        header: t('colRecipient'),
        cell: (item: OutboxItem) => (
          <>
            <Text size="sm">{recipientOf(item)}</Text>
            {item.recipient.name && (
              <Text size="xs" c="dimmed">
                {labels.recipientKind(item.recipient.kind)}
                {item.recipient.reference && (
                  <>
                    {' · '}
                    <Ltr>{item.recipient.reference}</Ltr>
                  </>
                )}
              </Text>
            )}
          </>
        ),
      },
      { key: 'channel', header: t('colChannel'), cell: (item: OutboxItem) => labels.channel(item.channel) },
      { key: 'address', header: t('colAddress'), cell: (item: OutboxItem) => (item.address ? <Ltr>{item.address}</Ltr> : '—') },
      { key: 'status', header: t('colStatus'), cell: status },
      { key: 'attempts', header: t('colAttempts'), cell: (item: OutboxItem) => number(item.attempts) },
      { key: 'error', header: t('colError'), cell: (item: OutboxItem) => <Text size="sm">{labels.error(item.lastError) ?? '—'}</Text> },
      {
        key: 'details',
        header: '',
        cell: (item: OutboxItem) => (
          <Button
            size="compact-sm"
            variant="light"
            aria-label={t('detailsLabel', { event: labels.event(item.event), recipient: recipientOf(item) })}
            onClick={() => onOpen(item.id)}
          >
            {t('details')}
          </Button>
        ),
      },
    ],
    card: {
      reference: (item: OutboxItem) => labels.event(item.event),
      name: recipientOf,
      status,
      more: (item: OutboxItem) => (
        <Text size="sm" c="dimmed">
          {labels.channel(item.channel)}
          {item.address && (
            <>
              {' · '}
              <Ltr>{item.address}</Ltr>
            </>
          )}
          {item.lastError && ` · ${labels.error(item.lastError)}`}
        </Text>
      ),
      deadline: (item: OutboxItem) => <DualDay value={item.createdAt} inline />,
      deadlineLabel: t('colCreated'),
    },
  };
}
