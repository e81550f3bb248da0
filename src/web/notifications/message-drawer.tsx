import { Alert, Badge, Button, Drawer, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconBan, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { useFormat } from '../ui/format.js';
import { Ltr } from '../ui/ltr.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { LoadFailure, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { NOTIFICATIONS_NS } from './i18n.js';
import { statusColour, useMessageLabels } from './labels.js';
import { type OutboxMessage, useMessage, useMessageAction } from './notifications-api.js';

const RETRYABLE = ['failed'];
const CANCELLABLE = ['pending', 'failed', 'waiting-staff'];

/** One message: its text (never a one-time code's: those are not listed at all), attempts, and what can be done. */
export function MessageDrawer({ id, onClose }: { id: string | null; onClose(): void }) {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const { t: tc } = useTranslation();
  const message = useMessage(id);
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="left"
      size="lg"
      title={t('messageTitle')}
      closeButtonProps={{ 'aria-label': tc('common.close') }}
    >
      {message.isPending && id !== null && <PageLoader />}
      {message.isError && <LoadFailure message={errorMessage(tc, message.error)} />}
      {message.data && <MessageDetails message={message.data} />}
    </Drawer>
  );
}

function MessageDetails({ message }: { message: OutboxMessage }) {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const { t: tc } = useTranslation();
  const { dualDate, number } = useFormat();
  const labels = useMessageLabels();
  const act = useMessageAction();
  const [isConfirming, setConfirming] = useState(false);
  const when = (iso: string) => {
    const d = dualDate(iso);
    return `${d.hijri} — ${d.gregorian}`;
  };
  const run = (action: 'retry' | 'cancel', done: string) =>
    act.mutate(
      { id: message.id, action },
      {
        onSuccess: () => {
          setConfirming(false);
          notifySuccess(done);
        },
        onError: (error) => notifyError(errorMessage(tc, error)),
      },
    );
  const error = labels.error(message.lastError);
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Badge color={statusColour(message.status)} variant="light" data-testid="message-status">
          {labels.status(message.status)}
        </Badge>
        <Badge color="gray" variant="outline">
          {labels.channel(message.channel)}
        </Badge>
        <Text size="sm">{labels.event(message.event)}</Text>
      </Group>
      <Text size="sm">
        {labels.recipientKind(message.recipient.kind)}
        {message.recipient.name && `: ${message.recipient.name}`}
        {message.recipient.reference && (
          <>
            {' '}
            (<Ltr>{message.recipient.reference}</Ltr>)
          </>
        )}
        {message.address && (
          <>
            {' · '}
            <Ltr>{message.address}</Ltr>
          </>
        )}
      </Text>
      {error && (
        <Alert color="red" variant="light" title={t('colError')}>
          {error}
        </Alert>
      )}
      <Stack gap={4}>
        <Text size="sm">
          {t('colCreated')}: {when(message.createdAt)}
        </Text>
        {message.nextAttemptAt && message.status === 'pending' && (
          <Text size="sm">
            {t('nextAttempt')}: {when(message.nextAttemptAt)}
          </Text>
        )}
        {message.sentAt && (
          <Text size="sm">
            {t('sentAt')}: {when(message.sentAt)}
          </Text>
        )}
        {message.deliveredAt && (
          <Text size="sm">
            {t('deliveredAt')}: {when(message.deliveredAt)}
          </Text>
        )}
      </Stack>
      <Stack gap={4}>
        <Title order={3} fz="h5">
          {t('body')}
        </Title>
        {message.subject && (
          <Text size="sm" fw={600}>
            {t('subject')}: {message.subject}
          </Text>
        )}
        {message.body ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} dir={message.language === 'ar' ? 'rtl' : 'ltr'}>
            {message.body}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('bodyHidden')}
          </Text>
        )}
        {message.outcomeNote && (
          <Text size="sm">
            {t('outcomeNote')}: {message.outcomeNote}
          </Text>
        )}
      </Stack>
      <Stack gap={4}>
        <Title order={3} fz="h5">
          {t('attemptsTitle')}
        </Title>
        {message.attemptLog.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('attemptsEmpty')}
          </Text>
        ) : (
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('colAttempt')}</Table.Th>
                <Table.Th scope="col">{t('colAt')}</Table.Th>
                <Table.Th scope="col">{t('colOutcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {message.attemptLog.map((attempt) => (
                <Table.Tr key={`${attempt.attempt}-${attempt.at}`}>
                  <Table.Td>{number(attempt.attempt)}</Table.Td>
                  <Table.Td>{dualDate(attempt.at).gregorian}</Table.Td>
                  <Table.Td>
                    {labels.outcome(attempt.outcome)}
                    {attempt.errorCode && (
                      <Text size="xs" c="dimmed">
                        {labels.error(attempt.errorCode)}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Group gap="sm">
        {RETRYABLE.includes(message.status) && (
          <Button leftSection={<IconRefresh size={18} aria-hidden />} loading={act.isPending} onClick={() => run('retry', t('retried'))}>
            {t('retry')}
          </Button>
        )}
        {CANCELLABLE.includes(message.status) && (
          <Button variant="light" color="red" leftSection={<IconBan size={18} aria-hidden />} onClick={() => setConfirming(true)}>
            {t('cancel')}
          </Button>
        )}
      </Group>
      <ConfirmDialog
        opened={isConfirming}
        title={t('cancelTitle')}
        message={t('cancelMessage')}
        confirmLabel={t('cancel')}
        color="red"
        isPending={act.isPending}
        onConfirm={() => run('cancel', t('cancelled'))}
        onClose={() => setConfirming(false)}
      />
    </Stack>
  );
}
