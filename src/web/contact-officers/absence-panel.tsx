import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarDay } from '../../contracts/calendar.js';
import type { OfficerRoster } from '../../contracts/complaints.js';
import { api } from '../api/client.js';
import { inquiryKeys, useOfficerRoster } from '../inquiries/inquiries-api.js';
import { DualDay } from '../ui/dual-day.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { LoadFailure, PageLoader } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { errorMessage, fieldErrorMessage } from '../ui/problems.js';
import { ScrollTable } from '../ui/worklist.js';
import { OFFICERS_NS } from './i18n.js';
import { registerKey } from './officers-api.js';

type Officer = OfficerRoster['items'][number];

/** Contact officers and their absences: an absent officer's new inquiries go to the backup (G1). */
export function AbsencePanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation(OFFICERS_NS);
  const { t: tc } = useTranslation();
  const roster = useOfficerRoster();
  const queryClient = useQueryClient();
  const [marking, setMarking] = useState<Officer | null>(null);
  const back = useMutation({
    mutationFn: (officer: Officer) => api.put(`/officer-absences/${officer.staffId}`, { isAbsent: false, untilDay: null }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: inquiryKeys.roster });
      void queryClient.invalidateQueries({ queryKey: registerKey });
      notifySuccess(t('absence.backSaved'));
    },
    onError: (error) => notifyError(errorMessage(tc, error)),
  });
  return (
    <Paper withBorder radius="md" component="section" aria-labelledby="absences-title">
      <Stack gap="sm" p={{ base: 'sm', sm: 'md' }}>
        <Title order={2} fz="lg" id="absences-title">
          {t('absence.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('absence.hint')}
        </Text>
        {roster.isPending ? (
          <PageLoader />
        ) : roster.isError ? (
          <LoadFailure message={errorMessage(tc, roster.error)} />
        ) : roster.data.items.length === 0 ? (
          <Text>{t('absence.none')}</Text>
        ) : (
          <ScrollTable minWidth={480} label={t('absence.title')}>
            <Table verticalSpacing="xs" data-testid="absence-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('officer')}</Table.Th>
                  <Table.Th scope="col">{t('absence.state')}</Table.Th>
                  {canEdit && <Table.Th scope="col">{tc('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {roster.data.items.map((officer) => (
                  <Table.Tr key={officer.staffId}>
                    <Table.Td>{officer.displayName}</Table.Td>
                    <Table.Td>
                      {officer.isAbsent ? (
                        <Group gap={6}>
                          <Badge color="orange" variant="light">
                            {t('absent')}
                          </Badge>
                          <Text size="sm">
                            {officer.untilDay ? (
                              <>
                                {t('absence.until')} <DualDay value={officer.untilDay} inline />
                              </>
                            ) : (
                              t('absence.untilBack')
                            )}
                          </Text>
                        </Group>
                      ) : (
                        <Badge color="teal" variant="light">
                          {t('present')}
                        </Badge>
                      )}
                    </Table.Td>
                    {canEdit && (
                      <Table.Td>
                        {officer.isAbsent ? (
                          <Button
                            size="compact-sm"
                            variant="default"
                            loading={back.isPending && back.variables?.staffId === officer.staffId}
                            aria-label={t('absence.backFor', { name: officer.displayName })}
                            onClick={() => back.mutate(officer)}
                          >
                            {t('absence.back')}
                          </Button>
                        ) : (
                          <Button
                            size="compact-sm"
                            variant="light"
                            color="orange"
                            aria-label={t('absence.markFor', { name: officer.displayName })}
                            onClick={() => setMarking(officer)}
                          >
                            {t('absence.mark')}
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Stack>
      {marking && <AbsenceForm officer={marking} onClose={() => setMarking(null)} />}
    </Paper>
  );
}

function AbsenceForm({ officer, onClose }: { officer: Officer; onClose(): void }) {
  const { t } = useTranslation(OFFICERS_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [untilDay, setUntilDay] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => api.put(`/officer-absences/${officer.staffId}`, { isAbsent: true, untilDay: untilDay || null }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: inquiryKeys.roster });
      void queryClient.invalidateQueries({ queryKey: registerKey });
      notifySuccess(t('absence.saved', { name: officer.displayName }));
      onClose();
    },
    onError: (e) => setProblem(errorMessage(tc, e)),
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('absence.formTitle', { name: officer.displayName })}
      closeButtonProps={{ 'aria-label': tc('common.close') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setProblem(null);
          const parsed = untilDay ? calendarDay.safeParse(untilDay) : null;
          if (parsed && !parsed.success) {
            setError(fieldErrorMessage(tc, parsed.error.issues[0]?.message ?? 'field.invalid'));
            return;
          }
          setError(null);
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('absence.formHint')}</Text>
          <ProblemAlert message={problem} />
          <TextInput
            type="date"
            label={t('absence.untilLabel')}
            description={t('absence.untilHint')}
            value={untilDay}
            onChange={(event) => setUntilDay(event.currentTarget.value)}
            error={error}
            dir="ltr"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" color="orange" loading={save.isPending}>
              {t('absence.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
