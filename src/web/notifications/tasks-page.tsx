import { Badge, Button, EmptyState, Group, Modal, Paper, Radio, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconChecklist, IconPhoneCall, IconPrinter, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_OUTCOMES } from '../../contracts/notifications.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { useFormat } from '../ui/format.js';
import { Ltr } from '../ui/ltr.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { NOTIFICATIONS_NS } from './i18n.js';
import { useMessageLabels } from './labels.js';
import { letterUrl, type OutboxItem, useMessage, useMessageAction, useTasks } from './notifications-api.js';

type Dialog = { kind: 'sent'; item: OutboxItem } | { kind: 'call'; item: OutboxItem } | null;
const TASK_CHANNELS = ['letter', 'fax', 'phone-call'] as const;

/** Issue 4 §6, §9: the print queue and the call list (reception and administrators), oldest first. */
export function TasksPage() {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const labels = useMessageLabels();
  const { dualDate } = useFormat();
  const [channel, setChannel] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const tasks = useTasks(channel || undefined);

  if (!hasRole(me.roles, 'reception', 'administrator')) return <NotAllowed />;

  const items = tasks.data?.pages.flatMap((page) => page.items);
  const recipientOf = (item: OutboxItem) => item.recipient.name ?? labels.recipientKind(item.recipient.kind);
  return (
    <Page title={t('tasksTitle')}>
      <Text c="dimmed">{t('tasksIntro')}</Text>
      <Group>
        <Select
          label={t('channel')}
          value={channel}
          allowDeselect={false}
          data={[{ value: '', label: t('all') }, ...TASK_CHANNELS.map((value) => ({ value, label: labels.channel(value) }))]}
          onChange={(value) => setChannel(value ?? '')}
        />
      </Group>
      {tasks.isPending && <PageLoader />}
      {tasks.isError && <LoadFailure message={errorMessage(tc, tasks.error)} />}
      {items &&
        (items.length === 0 ? (
          <Paper withBorder radius="md" p="xl">
            <EmptyState icon={<IconChecklist size={32} aria-hidden />} title={t('tasksEmpty')} />
          </Paper>
        ) : (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={760}>
              <Table striped verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('colCreated')}</Table.Th>
                    <Table.Th scope="col">{t('colEvent')}</Table.Th>
                    <Table.Th scope="col">{t('colRecipient')}</Table.Th>
                    <Table.Th scope="col">{t('colChannel')}</Table.Th>
                    <Table.Th scope="col">{t('colAddress')}</Table.Th>
                    <Table.Th scope="col">{tc('common.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => {
                    const created = dualDate(item.createdAt);
                    const isCall = item.channel === 'phone-call';
                    return (
                      <Table.Tr key={item.id} data-message={item.id}>
                        <Table.Td>
                          <Text size="sm">{created.hijri}</Text>
                          <Text size="xs" c="dimmed">
                            {created.gregorian}
                          </Text>
                        </Table.Td>
                        <Table.Td>{labels.event(item.event)}</Table.Td>
                        <Table.Td>
                          <Text size="sm">{recipientOf(item)}</Text>
                          {item.recipient.reference && (
                            <Text size="xs" c="dimmed">
                              <Ltr>{item.recipient.reference}</Ltr>
                            </Text>
                          )}
                          {item.lastError && (
                            <Badge color="orange" variant="light" size="sm">
                              {labels.error(item.lastError)}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>{labels.channel(item.channel)}</Table.Td>
                        <Table.Td>{item.address ? <Ltr>{item.address}</Ltr> : '—'}</Table.Td>
                        <Table.Td>
                          <Group gap={6}>
                            {isCall ? (
                              <Button
                                size="compact-sm"
                                leftSection={<IconPhoneCall size={16} aria-hidden />}
                                onClick={() => setDialog({ kind: 'call', item })}
                              >
                                {t('recordCall')}
                              </Button>
                            ) : (
                              <>
                                <Button
                                  size="compact-sm"
                                  variant="light"
                                  component="a"
                                  href={letterUrl(item.id)}
                                  target="_blank"
                                  rel="noopener"
                                  leftSection={<IconPrinter size={16} aria-hidden />}
                                >
                                  {t('openLetter')}
                                </Button>
                                <Button
                                  size="compact-sm"
                                  leftSection={<IconSend size={16} aria-hidden />}
                                  onClick={() => setDialog({ kind: 'sent', item })}
                                >
                                  {t('markSent')}
                                </Button>
                              </>
                            )}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        ))}
      {tasks.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={tasks.isFetchingNextPage} onClick={() => void tasks.fetchNextPage()}>
            {t('loadMore')}
          </Button>
        </Group>
      )}
      {dialog?.kind === 'sent' && (
        <MarkSentDialog item={dialog.item} recipient={recipientOf(dialog.item)} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'call' && <CallDialog item={dialog.item} recipient={recipientOf(dialog.item)} onClose={() => setDialog(null)} />}
    </Page>
  );
}

function MarkSentDialog({ item, recipient, onClose }: { item: OutboxItem; recipient: string; onClose(): void }) {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const { t: tc } = useTranslation();
  const [note, setNote] = useState('');
  const act = useMessageAction();
  return (
    <Modal opened onClose={onClose} title={t('markSentTitle')} centered closeButtonProps={{ 'aria-label': tc('common.close') }}>
      <Stack gap="md">
        <Text>{t('markSentMessage', { recipient })}</Text>
        <Textarea label={t('note')} maxLength={1000} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {tc('common.cancel')}
          </Button>
          <Button
            loading={act.isPending}
            onClick={() =>
              act.mutate(
                { id: item.id, action: 'sent', ...(note.trim() ? { note: note.trim() } : {}) },
                {
                  onSuccess: () => {
                    notifySuccess(t('markedSent'));
                    onClose();
                  },
                  onError: (error) => notifyError(errorMessage(tc, error)),
                },
              )
            }
          >
            {t('markSent')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The call's script and number come from the message itself (reception sees the number in full). */
function CallDialog({ item, recipient, onClose }: { item: OutboxItem; recipient: string; onClose(): void }) {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const { t: tc } = useTranslation();
  const message = useMessage(item.id);
  const [outcome, setOutcome] = useState<string>('reached');
  const [note, setNote] = useState('');
  const act = useMessageAction();
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('recordCallTitle', { recipient })}
      centered
      closeButtonProps={{ 'aria-label': tc('common.close') }}
    >
      <Stack gap="md">
        {message.isPending && <PageLoader />}
        {message.data && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('callNumber')}: {message.data.address ? <Ltr>{message.data.address}</Ltr> : '—'}
            </Text>
            <Text size="sm" fw={600}>
              {t('callScript')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {message.data.body ?? t('bodyHidden')}
            </Text>
          </Stack>
        )}
        <Radio.Group label={t('outcome')} value={outcome} onChange={setOutcome} required>
          <Stack gap="xs" mt="xs">
            {CALL_OUTCOMES.map((value) => (
              <Radio key={value} value={value} label={t(`callOutcomes.${value}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea label={t('note')} maxLength={1000} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {tc('common.cancel')}
          </Button>
          <Button
            loading={act.isPending}
            onClick={() =>
              act.mutate(
                {
                  id: item.id,
                  action: 'call',
                  outcome: outcome as (typeof CALL_OUTCOMES)[number],
                  ...(note.trim() ? { note: note.trim() } : {}),
                },
                {
                  onSuccess: () => {
                    notifySuccess(t('callRecorded'));
                    onClose();
                  },
                  onError: (error) => notifyError(errorMessage(tc, error)),
                },
              )
            }
          >
            {tc('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
