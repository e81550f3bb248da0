import { Alert, Group, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_WORKING_DAYS } from '../../contracts/calendar.js';
import { NumberField } from '../ui/number-field.js';
import { errorMessage } from '../ui/problems.js';
import { useDeadline } from './calendar-api.js';
import { useDayFormat } from './day-format.js';
import { DayInput } from './day-input.js';
import { CALENDAR_NS } from './i18n.js';

/**
 * "N working days from day X" as the public endpoint answers it, so an administrator sees an edit's
 * effect at once (the answer reloads after every calendar change).
 */
export function DeadlineCalculator({ today }: { today: string }) {
  const { t } = useTranslation(CALENDAR_NS);
  const { t: tc } = useTranslation();
  const days = useDayFormat();
  const [from, setFrom] = useState(today);
  const [workingDays, setWorkingDays] = useState<number | string>(15);
  const [debouncedDays] = useDebouncedValue(workingDays, 250);
  const n = typeof debouncedDays === 'number' ? debouncedDays : Number.NaN;
  const isAsked = days.isValidDay(from) && Number.isInteger(n) && n >= 0 && n <= MAX_WORKING_DAYS;
  const answer = useDeadline(from, n, isAsked);
  return (
    <Stack gap="sm">
      <Title order={2} fz="h4">
        {t('calculator')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('calculatorHint')}
      </Text>
      <Group grow align="flex-start" gap="sm" wrap="wrap">
        <DayInput label={t('from')} value={from} onChange={setFrom} miw={170} />
        <NumberField kind="days" label={t('workingDays')} value={workingDays} onChange={setWorkingDays} miw={120} />
      </Group>
      <div aria-live="polite" data-testid="deadline-answer" data-deadline={answer.data?.deadline ?? ''}>
        {isAsked && answer.isError && (
          <Alert color="red" variant="light">
            {errorMessage(tc, answer.error)}
          </Alert>
        )}
        {isAsked && answer.data && (
          <Alert color="teal" variant="light" title={t('deadline')}>
            {t('deadlineResult', {
              weekday: days.weekday(answer.data.deadline),
              gregorian: days.dual(answer.data.deadline).gregorian,
              hijri: days.dual(answer.data.deadline).hijri,
            })}
          </Alert>
        )}
      </div>
    </Stack>
  );
}
