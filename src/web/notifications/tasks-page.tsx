import { Badge, Button, Group, Modal, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconChecklist, IconPhoneCall, IconPrinter, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_OUTCOMES } from '../../contracts/notifications.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { DualDay } from '../ui/dual-day.js';
import { Ltr } from '../ui/ltr.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage, requiredMessage } from '../ui/problems.js';
import { Worklist } from '../ui/worklist.js';
import { NOTIFICATIONS_NS } from './i18n.js';
import { useMessageLabels } from './labels.js';
import { letterUrl, type OutboxItem, useMessage, useMessageAction, useTasks } from './notifications-api.js';

type Dialog = { kind: 'sent'; item: OutboxItem } | { kind: 'call'; item: OutboxItem } | null;
const TASK_CHANNELS = ['letter', 'fax', 'phone-call'] as const;

/** Issue 4 §6, §9: the print queue and the call list (reception and administrators), oldest first. */
export function TasksPage() {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const me = useCurrentUser();
  const labels = useMessageLabels();
  const [channel, setChannel] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const tasks = useTasks(channel || undefined);
  const rows = useTaskRows(setDialog);

  if (!hasRole(me.roles, 'reception', 'administrator')) return <NotAllowed />;

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
      <Worklist
        query={tasks}
        empty={{ title: t('tasksEmpty'), icon: <IconChecklist size={32} aria-hidden /> }}
        moreLabel={t('loadMore')}
        {...rows}
      />
      {dialog?.kind === 'sent' && (
        <MarkSentDialog item={dialog.item} recipient={recipientOf(dialog.item)} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'call' && <CallDialog item={dialog.item} recipient={recipientOf(dialog.item)} onClose={() => setDialog(null)} />}
    </Page>
  );
}

/**
 * How a task shows as a row: its buttons in the last column on wide screens; on a phone a card with
 * "open the letter", "mark sent" or "record the call" in its menu.
 */
function useTaskRows(open: (dialog: Dialog) => void) {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const { t: tc } = useTranslation();
  const labels = useMessageLabels();
  const recipientOf = (item: OutboxItem) => item.recipient.name ?? labels.recipientKind(item.recipient.kind);
  const isCall = (item: OutboxItem) => item.channel === 'phone-call';
  return {
    label: t('tasksTitle'),
    minWidth: 760,
    rowKey: (item: OutboxItem) => item.id,
    rowAttributes: (item: OutboxItem) => ({ 'data-message': item.id }),
    rowActions: [
      {
        key: 'call',
        label: t('recordCall'),
        icon: <IconPhoneCall size={16} aria-hidden />,
        isShown: isCall,
        onClick: (item: OutboxItem) => open({ kind: 'call', item }),
      },
      {
        key: 'letter',
        label: t('openLetter'),
        icon: <IconPrinter size={16} aria-hidden />,
        isShown: (item: OutboxItem) => !isCall(item),
        href: (item: OutboxItem) => letterUrl(item.id),
        isExternal: true,
      },
      {
        key: 'sent',
        label: t('markSent'),
        icon: <IconSend size={16} aria-hidden />,
        isShown: (item: OutboxItem) => !isCall(item),
        onClick: (item: OutboxItem) => open({ kind: 'sent', item }),
      },
    ],
    columns: [
      { key: 'created', header: t('colCreated'), cell: (item: OutboxItem) => <DualDay value={item.createdAt} /> },
      { key: 'event', header: t('colEvent'), cell: (item: OutboxItem) => labels.event(item.event) },
      {
        key: 'recipient',
        header: t('colRecipient'),
        cell: (item: OutboxItem) => (
          <>
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
          </>
        ),
      },
      { key: 'channel', header: t('colChannel'), cell: (item: OutboxItem) => labels.channel(item.channel) },
      { key: 'address', header: t('colAddress'), cell: (item: OutboxItem) => (item.address ? <Ltr>{item.address}</Ltr> : '—') },
      {
        key: 'actions',
        header: tc('common.actions'),
        cell: (item: OutboxItem) => (
          <Group gap={6}>
            {isCall(item) ? (
              <Button size="compact-sm" leftSection={<IconPhoneCall size={16} aria-hidden />} onClick={() => open({ kind: 'call', item })}>
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
                <Button size="compact-sm" leftSection={<IconSend size={16} aria-hidden />} onClick={() => open({ kind: 'sent', item })}>
                  {t('markSent')}
                </Button>
              </>
            )}
          </Group>
        ),
      },
    ],
    card: {
      reference: (item: OutboxItem) => labels.event(item.event),
      name: recipientOf,
      status: (item: OutboxItem) => (
        <Badge variant="light" color="gray">
          {labels.channel(item.channel)}
        </Badge>
      ),
      more: (item: OutboxItem) =>
        item.address && (
          <Text size="sm" c="dimmed">
            <Ltr>{item.address}</Ltr>
          </Text>
        ),
      deadline: (item: OutboxItem) => <DualDay value={item.createdAt} inline />,
      deadlineLabel: t('colCreated'),
    },
  };
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
  // What the call achieved is a fact to record (issue 27 §4): nothing chosen until the person answers.
  const [outcome, setOutcome] = useState<string | null>(null);
  const [outcomeError, setOutcomeError] = useState<string | null>(null);
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
        <Radio.Group
          label={t('outcome')}
          value={outcome}
          onChange={(value) => {
            setOutcome(value);
            setOutcomeError(null);
          }}
          error={outcomeError}
          required
        >
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
            onClick={() => {
              if (!outcome) {
                setOutcomeError(requiredMessage(tc, t('outcome')));
                return;
              }
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
              );
            }}
          >
            {tc('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
