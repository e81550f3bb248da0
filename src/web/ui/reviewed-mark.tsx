import { Alert, Button, Group, Text } from '@mantine/core';
import { IconCircleCheck, IconEye } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SetupItem } from '../../contracts/setup.js';
import { notifyError, notifySuccess } from './notify.js';
import { errorMessage } from './problems.js';
import { useMarkDate, useMarkReviewed, useSetupStatus } from './setup-status.js';

/**
 * Issue 27 §7 (C6): an administrator marks the request types, or this year's holidays, reviewed —
 * the set-up checklist ticks, and the page says who did it and when.
 */
export function ReviewedMark({ subject }: { subject: 'request-types' | 'holidays' }) {
  const { t } = useTranslation();
  const status = useSetupStatus();
  const mark = useMarkReviewed();
  const dateOf = useMarkDate();
  const item: SetupItem | undefined = status.data?.items.find((i) => i.key === subject);
  if (!item) return null;
  const year = String(item.params.year ?? '');
  const onMark = () =>
    mark.mutate(
      { subject },
      {
        onSuccess: () => notifySuccess(t(`setupReview.${subject}.marked`, { year })),
        onError: (error) => notifyError(errorMessage(t, error)),
      },
    );
  return (
    <Alert
      color={item.mark ? 'teal' : 'yellow'}
      variant="light"
      icon={item.mark ? <IconCircleCheck size={20} aria-hidden /> : <IconEye size={20} aria-hidden />}
      data-testid="reviewed-mark"
      data-done={item.mark ? 'true' : 'false'}
    >
      <Group justify="space-between" gap="sm">
        <Text fz="sm">
          {item.mark
            ? t(`setupReview.${subject}.done`, { year, name: item.mark.byName ?? '', date: dateOf(item.mark) })
            : t(`setupReview.${subject}.never`, { year })}
        </Text>
        <Button size="xs" variant={item.mark ? 'default' : 'filled'} onClick={onMark} loading={mark.isPending}>
          {t(`setupReview.${subject}.action`, { year })}
        </Button>
      </Group>
    </Alert>
  );
}
