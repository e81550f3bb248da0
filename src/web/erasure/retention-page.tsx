import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RETENTION_KINDS, type RetentionPeriods, type RetentionReport } from '../../contracts/erasure.js';
import { api } from '../api/client.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { useFormat } from '../ui/format.js';
import { notifySuccess } from '../ui/notify.js';
import { NumberField } from '../ui/number-field.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { asProblem, errorMessage } from '../ui/problems.js';
import { ScrollTable } from '../ui/worklist.js';
import { ERASURE_NS } from './i18n.js';

const periodsKey = ['privacy', 'retention'] as const;
const runsKey = ['privacy', 'retention', 'runs'] as const;

/**
 * Retention (issue 25 §6, F2): the periods per record kind (empty: never), a dry run of what the
 * nightly job would anonymise now, and the reports of its last runs. Privacy officers and administrators.
 */
export function RetentionPage() {
  const { t } = useTranslation(ERASURE_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const isAllowed = hasRole(me.roles, 'privacy-officer') || hasRole(me.roles, 'administrator');
  const periods = useQuery({ queryKey: periodsKey, enabled: isAllowed, queryFn: () => api.get<RetentionPeriods>('/privacy/retention') });
  const runs = useQuery({
    queryKey: runsKey,
    enabled: isAllowed,
    queryFn: () => api.get<{ items: RetentionReport[] }>('/privacy/retention/runs'),
  });
  const preview = useMutation({ mutationFn: () => api.get<RetentionReport>('/privacy/retention/preview') });
  if (!isAllowed) return <NotAllowed />;
  if (periods.isPending) return <PageLoader />;
  if (periods.isError) return <LoadFailure message={errorMessage(tc, periods.error)} />;
  return (
    <Page title={t('title')}>
      <Text>{t('intro')}</Text>
      <PeriodsForm initial={periods.data} />
      <Group>
        <Button variant="light" loading={preview.isPending} onClick={() => preview.mutate()}>
          {t('preview')}
        </Button>
      </Group>
      {preview.isError && <Alert color="red">{errorMessage(tc, preview.error)}</Alert>}
      {preview.data && <ReportTable title={t('previewTitle')} report={preview.data} />}
      <Title order={2} fz="lg">
        {t('lastRuns')}
      </Title>
      {runs.data?.items.length ? (
        runs.data.items.map((run) => <ReportTable key={run.id} report={run} />)
      ) : (
        <Text c="dimmed">{t('noRuns')}</Text>
      )}
    </Page>
  );
}

function PeriodsForm({ initial }: { initial: RetentionPeriods }) {
  const { t } = useTranslation(ERASURE_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<RetentionPeriods>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: RetentionPeriods) => api.put<RetentionPeriods>('/privacy/retention', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(periodsKey, saved);
      setErrors({});
      notifySuccess(t('saved'));
    },
    onError: (error) => {
      const problem = asProblem(error);
      const known: Record<string, string> = { 'retention.too-short': t('tooShort'), 'retention.too-long': t('tooLong') };
      const next: Record<string, string> = {};
      for (const field of problem.errors ?? []) next[field.pointer.slice(1)] = known[field.code] ?? errorMessage(tc, error);
      setErrors(Object.keys(next).length ? next : { _: errorMessage(tc, error) });
    },
  });
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(values);
        }}
      >
        <Stack>
          {RETENTION_KINDS.map((kind) => (
            <NumberField
              key={kind}
              kind="integer"
              label={t(`kinds.${kind}`)}
              description={values[kind] === null ? `${t('months')} — ${t('never')}` : t('months')}
              value={values[kind]}
              error={errors[kind]}
              onChange={(value) => setValues((current) => ({ ...current, [kind]: value === '' ? null : value }))}
            />
          ))}
          {errors._ && <Alert color="red">{errors._}</Alert>}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ReportTable({ title, report }: { title?: string; report: RetentionReport }) {
  const { t } = useTranslation(ERASURE_NS);
  const format = useFormat();
  const label = title ?? `${t('startedAt')} ${format.dualDate(report.startedAt)}`;
  return (
    <Stack gap="xs">
      <Text fw={600}>{label}</Text>
      <ScrollTable minWidth={560} label={label}>
        <Table withTableBorder verticalSpacing="xs" data-testid={report.isDryRun ? 'retention-preview' : 'retention-run'}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('kind')}</Table.Th>
              <Table.Th scope="col">{t('period')}</Table.Th>
              <Table.Th scope="col">{report.isDryRun ? t('toAnonymise') : t('didAnonymise')}</Table.Th>
              <Table.Th scope="col">{t('held')}</Table.Th>
              <Table.Th scope="col">{t('references')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.kinds.map((kind) => (
              <Table.Tr key={kind.kind}>
                <Table.Td>{t(`kinds.${kind.kind}`)}</Table.Td>
                <Table.Td>{kind.months === null ? t('never') : t('monthsValue', { count: kind.months })}</Table.Td>
                <Table.Td>{t('anonymised', { count: kind.anonymised })}</Table.Td>
                <Table.Td>{t('anonymised', { count: kind.held })}</Table.Td>
                <Table.Td dir="ltr">{kind.references.join('، ')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Stack>
  );
}
