import { Button, Checkbox, Group, Stack, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../ui/problem-alert.js';
import { asProblem, fieldErrorMessage, problemMessage } from '../ui/problems.js';
import { useSaveWeekend } from './calendar-api.js';
import { CALENDAR_NS } from './i18n.js';

/** The weekend days (SAUDI-LOCALE.md: a setting, Friday–Saturday by default). */
export function WeekendForm({ weekend, onSaved }: { weekend: readonly number[]; onSaved(recomputed: number): void }) {
  const { t } = useTranslation(CALENDAR_NS);
  const { t: tc } = useTranslation();
  const [days, setDays] = useState<string[]>(weekend.map(String));
  useEffect(() => setDays(weekend.map(String)), [weekend]);
  const save = useSaveWeekend();
  /** A refusal names the rule broken (one to three days, no repeats), not just "invalid". */
  const messageOf = (error: unknown) => {
    const problem = asProblem(error);
    const first = problem.errors?.[0];
    return first ? fieldErrorMessage(tc, first.code) : problemMessage(tc, problem);
  };
  const isChanged = [...days].sort().join() !== weekend.map(String).join();
  return (
    <Stack gap="sm">
      <Checkbox.Group
        label={
          <Title order={2} fz="h4">
            {t('weekend')}
          </Title>
        }
        description={t('weekendHint')}
        value={days}
        onChange={setDays}
      >
        <Group gap="md" mt="xs">
          {[0, 1, 2, 3, 4, 5, 6].map((day) => (
            <Checkbox key={day} value={String(day)} label={t(`weekdays.${day}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <ProblemAlert message={save.isError ? messageOf(save.error) : null} />
      <Group>
        <Button
          variant="light"
          disabled={!isChanged}
          loading={save.isPending}
          onClick={() => save.mutate(days.map(Number), { onSuccess: (result) => onSaved(result.recomputedClocks) })}
        >
          {t('weekendSave')}
        </Button>
      </Group>
    </Stack>
  );
}
