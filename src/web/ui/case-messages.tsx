import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseMessage } from '../../contracts/notifications.js';
import type { MessageState } from '../../domain/message-state.js';
import { DualDay } from './dual-day.js';

/**
 * The messages to the family (or the writer) about a case and what became of each (issue 20 §5,
 * C5): queued, sent, failed — will retry, failed, skipped with why. A request's or complaint's page
 * says "the family was told" only from these, never from its own status.
 */
export const MESSAGE_STATE_COLOURS: Record<MessageState, string> = {
  queued: 'yellow',
  sent: 'teal',
  delivered: 'green',
  retrying: 'orange',
  failed: 'red',
  skipped: 'gray',
  expired: 'gray',
  cancelled: 'gray',
};

/** One message's state as a badge, with its reason read out when it did not go. */
export function MessageStateBadge({ message }: { message: Pick<CaseMessage, 'state' | 'reason'> }) {
  const { t, i18n } = useTranslation();
  const reason = message.reason
    ? i18n.exists(`caseMessages.reasons.${message.reason}`)
      ? t(`caseMessages.reasons.${message.reason}`)
      : t('caseMessages.reasons.other', { code: message.reason })
    : null;
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={MESSAGE_STATE_COLOURS[message.state]} variant="light" data-testid="message-state" data-state={message.state}>
        {t(`caseMessages.states.${message.state}`)}
      </Badge>
      {reason && (
        <Text size="xs" c="dimmed">
          {reason}
        </Text>
      )}
    </Stack>
  );
}

export function CaseMessages({ messages }: { messages: readonly CaseMessage[] }) {
  const { t, i18n } = useTranslation();
  const eventName = (event: string) => (i18n.exists(`caseMessages.events.${event}`) ? t(`caseMessages.events.${event}`) : event);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="case-messages-title" data-testid="case-messages">
      <Title order={2} size="h4" id="case-messages-title" mb="sm">
        {t('caseMessages.title')}
      </Title>
      {messages.length === 0 ? (
        <Text c="dimmed">{t('caseMessages.empty')}</Text>
      ) : (
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {messages.map((message) => (
            <Group key={message.id} component="li" justify="space-between" align="flex-start" wrap="wrap" data-event={message.event}>
              <Stack gap={0}>
                <Text fw={500}>{eventName(message.event)}</Text>
                <Text size="sm" c="dimmed">
                  {t(`caseMessages.channels.${message.channel}`)}
                </Text>
              </Stack>
              <Group gap="md" align="flex-start">
                <MessageStateBadge message={message} />
                {message.sentAt && <DualDay value={message.sentAt} withTime />}
              </Group>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
