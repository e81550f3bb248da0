import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Ltr } from '../ui/ltr.js';
import type { StaffWithPassword } from './users-api.js';

/** The one-time password is shown once, here, and never again (the server keeps only its hash). */
export function OneTimePasswordModal({ issued, onClose }: { issued: StaffWithPassword | null; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={issued !== null}
      onClose={onClose}
      title={t('oneTime.title')}
      centered
      closeOnClickOutside={false}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {issued && (
        <Stack gap="md">
          <Alert color="yellow" variant="light" icon={<IconKey aria-hidden />}>
            {t('oneTime.body', { name: issued.user.displayName })}
          </Alert>
          <div>
            <Text size="sm" c="dimmed">
              {t('oneTime.username')}
            </Text>
            <Text fw={600} fz="lg">
              <Ltr>{issued.user.username}</Ltr>
            </Text>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('oneTime.password')}
            </Text>
            <Group gap="sm" wrap="nowrap" align="center">
              <Code fz="xl" p="sm" style={{ wordBreak: 'break-all', userSelect: 'all' }}>
                <bdi dir="ltr" data-testid="one-time-password">
                  {issued.oneTimePassword}
                </bdi>
              </Code>
            </Group>
          </div>
          <Group justify="space-between" gap="sm">
            <CopyButton value={issued.oneTimePassword}>
              {({ copied, copy }) => (
                <Button
                  variant="light"
                  onClick={copy}
                  leftSection={copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
                >
                  {copied ? t('common.copied') : t('oneTime.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>{t('oneTime.done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
