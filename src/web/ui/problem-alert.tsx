import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The sentence for an error that belongs to no single field. */
export function ProblemAlert({ message, onClose }: { message: string | null; onClose?: () => void }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <Alert
      color="red"
      variant="light"
      title={t('common.errorTitle')}
      icon={<IconAlertCircle aria-hidden />}
      withCloseButton={Boolean(onClose)}
      closeButtonLabel={t('common.close')}
      onClose={onClose}
      role="alert"
    >
      {message}
    </Alert>
  );
}
