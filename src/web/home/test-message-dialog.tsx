import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TestChannel } from '../../contracts/setup.js';
import type { Problem } from '../api/client.js';
import { notifySuccess } from '../ui/notify.js';
import { asProblem, problemMessage } from '../ui/problems.js';
import { useSendTestMessage } from '../ui/setup-status.js';
import { SETUP_NS } from './i18n.js';

/**
 * Issue 27 §7: a test message through one configured transport, to an address the administrator
 * types (never kept); the checklist ticks once the transport accepts it.
 */
export function TestMessageDialog({ channel, title, onClose }: { channel: TestChannel; title: string; onClose: () => void }) {
  const { t } = useTranslation(SETUP_NS);
  const { t: tc } = useTranslation();
  const send = useSendTestMessage();
  const [address, setAddress] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const label = channel === 'email' ? t('test.email') : t('test.mobile');
  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    send.mutate(
      { channel, address },
      {
        onSuccess: () => {
          notifySuccess(t('test.sent'));
          onClose();
        },
        onError: (error) => {
          const problem = asProblem(error) as Problem & { transportCode?: string };
          const fieldError = problem.errors?.[0];
          setFailure(
            problem.code === 'setup.test-failed'
              ? t('test.failed', { code: problem.transportCode ?? '' })
              : fieldError
                ? tc(`errors.${fieldError.code}`, { defaultValue: problemMessage(tc, problem) })
                : problemMessage(tc, problem),
          );
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('test.title', { transport: title })} closeButtonProps={{ 'aria-label': tc('common.close') }}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Text fz="sm" c="dimmed">
            {t('test.hint')}
          </Text>
          <TextInput
            label={label}
            value={address}
            onChange={(event) => setAddress(event.currentTarget.value)}
            type={channel === 'email' ? 'email' : 'tel'}
            dir="ltr"
            required
            data-autofocus
          />
          {failure && (
            <Alert color="red" variant="light" role="alert">
              {failure}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('test.cancel')}
            </Button>
            <Button type="submit" loading={send.isPending}>
              {t('test.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
