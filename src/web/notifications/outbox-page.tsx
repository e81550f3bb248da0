import { Alert, Badge, Button, EmptyState, Group, Paper, Select, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconMailOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DELIVERY_CHANNELS, MESSAGE_STATUSES } from '../../contracts/notifications.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { useFormat } from '../ui/format.js';
import { Ltr } from '../ui/ltr.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { NOTIFICATIONS_NS } from './i18n.js';
import { statusColour, useMessageLabels } from './labels.js';
import { MessageDrawer } from './message-drawer.js';
import { type OutboxItem, useOutbox } from './notifications-api.js';
import { RatesPanel } from './rates-panel.js';

/** Issue 4 §9: every message Sila sends, filtered by status and channel, with a drawer per message. */
export function OutboxPage() {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const labels = useMessageLabels();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const channel = params.get('channel') ?? '';
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useOutbox({ status: status || undefined, channel: channel || undefined });

  if (!hasRole(me.roles, 'administrator')) return <NotAllowed />;

  const setFilter = (key: 'status' | 'channel', value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const items = list.data?.pages.flatMap((page) => page.items);
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
      {list.isPending && <PageLoader />}
      {list.isError && <LoadFailure message={errorMessage(tc, list.error)} />}
      {items &&
        (items.length === 0 ? (
          <Paper withBorder radius="md" p="xl">
            <EmptyState icon={<IconMailOff size={32} aria-hidden />} title={t('empty')} />
          </Paper>
        ) : (
          <Stack gap="sm">
            <Paper withBorder radius="md">
              <OutboxTable items={items} onOpen={setOpenId} />
            </Paper>
            {list.hasNextPage && (
              <Group justify="center">
                <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                  {t('loadMore')}
                </Button>
              </Group>
            )}
          </Stack>
        ))}
      <MessageDrawer id={openId} onClose={() => setOpenId(null)} />
    </Page>
  );
}

export function OutboxTable({ items, onOpen }: { items: OutboxItem[]; onOpen(id: string): void }) {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const { dualDate, number } = useFormat();
  const labels = useMessageLabels();
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('colCreated')}</Table.Th>
            <Table.Th scope="col">{t('colEvent')}</Table.Th>
            <Table.Th scope="col">{t('colRecipient')}</Table.Th>
            <Table.Th scope="col">{t('colChannel')}</Table.Th>
            <Table.Th scope="col">{t('colAddress')}</Table.Th>
            <Table.Th scope="col">{t('colStatus')}</Table.Th>
            <Table.Th scope="col">{t('colAttempts')}</Table.Th>
            <Table.Th scope="col">{t('colError')}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('details')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const created = dualDate(item.createdAt);
            const recipient = item.recipient.name ?? labels.recipientKind(item.recipient.kind);
            return (
              <Table.Tr key={item.id} data-message={item.id}>
                <Table.Td>
                  <Text size="sm">{created.hijri}</Text>
                  <Text size="xs" c="dimmed">
                    {created.gregorian}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {labels.event(item.event)}
                  {/* Issue 20 §1: codes go first and bulk last; transactional, the usual case, carries no mark. */}
                  {item.priority !== 'transactional' && (
                    <Badge ms="xs" size="xs" variant="outline" color={item.priority === 'code' ? 'teal' : 'gray'}>
                      {t(`priorities.${item.priority}`)}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{recipient}</Text>
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
                </Table.Td>
                <Table.Td>{labels.channel(item.channel)}</Table.Td>
                <Table.Td>{item.address ? <Ltr>{item.address}</Ltr> : '—'}</Table.Td>
                <Table.Td>
                  <Badge color={statusColour(item.status)} variant="light">
                    {labels.status(item.status)}
                  </Badge>
                </Table.Td>
                <Table.Td>{number(item.attempts)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{labels.error(item.lastError) ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="light"
                    aria-label={t('detailsLabel', { event: labels.event(item.event), recipient })}
                    onClick={() => onOpen(item.id)}
                  >
                    {t('details')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
