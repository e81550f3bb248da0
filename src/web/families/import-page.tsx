import {
  Alert,
  Button,
  FileInput,
  Group,
  MultiSelect,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_CHANNELS, IMPORT_FIELDS, type ImportField, ORIGIN_CHANNELS, type StartImportBody } from '../../contracts/families.js';
import { api } from '../api/client.js';
import { useCurrentUser } from '../auth/session.js';
import { useFormat } from '../ui/format.js';
import { Ltr } from '../ui/ltr.js';
import { NotAllowed, Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { errorMessage, fieldErrorMessage } from '../ui/problems.js';
import { useTaxonomyLabels } from '../ui/taxonomies.js';
import { ScrollTable } from '../ui/worklist.js';
import { type ImportPreview, type ImportStatus, uploadSheet, useImportStatus } from './families-api.js';
import { FAMILIES_NS } from './i18n.js';
import { useRegistrationNotice } from './privacy-notice.js';

type Defaults = StartImportBody['defaults'];

export function ImportPage() {
  const { t } = useTranslation(FAMILIES_NS);
  const me = useCurrentUser();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  if (!me.can.importFamilies) return <NotAllowed />;
  const reset = () => {
    setPreview(null);
    setImportId(null);
  };
  return (
    <Page title={t('importTitle')}>
      {!preview && <UploadStep onUploaded={setPreview} />}
      {preview && !importId && <MappingStep preview={preview} onStarted={setImportId} onCancel={reset} />}
      {importId && <ProgressStep id={importId} onAgain={reset} />}
    </Page>
  );
}

function UploadStep({ onUploaded }: { onUploaded(preview: ImportPreview): void }) {
  const { t } = useTranslation(FAMILIES_NS);
  const { t: tc } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({ mutationFn: (chosen: File) => uploadSheet(chosen), onSuccess: onUploaded });
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (file) upload.mutate(file);
        }}
      >
        <Stack gap="md">
          <Text>{t('importStep1')}</Text>
          <FileInput
            label={t('file')}
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
            value={file}
            onChange={setFile}
            clearable
          />
          <ProblemAlert message={upload.isError ? errorMessage(tc, upload.error) : null} />
          <Group justify="flex-end">
            <Button type="submit" disabled={!file} loading={upload.isPending} leftSection={<IconUpload size={18} aria-hidden />}>
              {t('upload')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

const FIELD_LABEL: Record<ImportField, string> = {
  headNameAr: 'headNameAr',
  headNameEn: 'headNameEn',
  nationalId: 'nationalId',
  mobile: 'mobile',
  otherPhone: 'otherPhone',
  email: 'email',
  city: 'city',
  address: 'address',
  office: 'office',
  category: 'category',
  domains: 'domains',
  agreedChannel: 'agreedChannel',
  originChannel: 'originChannel',
  notes: 'notes',
};

function MappingStep({ preview, onStarted, onCancel }: { preview: ImportPreview; onStarted(id: string): void; onCancel(): void }) {
  const { t } = useTranslation(FAMILIES_NS);
  const { t: tc } = useTranslation();
  const { number } = useFormat();
  const labels = useTaxonomyLabels({ within: useCurrentUser().scope });
  const [mapping, setMapping] = useState<StartImportBody['mapping']>(preview.suggestedMapping);
  const [defaults, setDefaults] = useState<Defaults>({});
  const notice = useRegistrationNotice(); // issue 20 §4: the current registration notice's version
  const start = useMutation({
    mutationFn: () =>
      api.post<ImportStatus>(`/families/imports/${encodeURIComponent(preview.id)}/start`, {
        mapping,
        defaults,
        privacyNoticeVersion: notice?.version ?? '',
      }),
    onSuccess: (status) => onStarted(status.id),
  });
  const columns = [{ value: '', label: t('noColumn') }, ...preview.columns.map((column) => ({ value: column, label: column }))];
  const setDefault = (key: keyof Defaults, value: unknown) =>
    setDefaults((current) => ({ ...current, [key]: value === '' || value === null ? undefined : value }));

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="md">
          <Title order={2} fz="h4">
            {t('mappingTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            <bdi>{preview.fileName}</bdi> — {t('uploaded', { n: number(preview.total) })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
            {IMPORT_FIELDS.map((field) => (
              <Select
                key={field}
                label={t('columnFor', { field: t(FIELD_LABEL[field]) })}
                data={columns}
                value={mapping[field] ?? ''}
                allowDeselect={false}
                onChange={(value) => setMapping((current) => ({ ...current, [field]: value || undefined }))}
              />
            ))}
          </SimpleGrid>
        </Stack>
      </Paper>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="md">
          <Title order={2} fz="h4">
            {t('defaultsTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
            <Select
              label={t('office')}
              data={labels.offices()}
              value={defaults.office ?? null}
              onChange={(v) => setDefault('office', v)}
              clearable
            />
            <Select
              label={t('category')}
              data={labels.categories()}
              value={defaults.category ?? null}
              onChange={(v) => setDefault('category', v)}
              clearable
            />
            <MultiSelect
              label={t('domains')}
              data={labels.domains()}
              value={defaults.domains ?? []}
              onChange={(v) => setDefault('domains', v.length ? v : undefined)}
            />
            <Select
              label={t('agreedChannel')}
              data={CONTACT_CHANNELS.map((value) => ({ value, label: t(`channels.${value}`) }))}
              value={defaults.agreedChannel ?? null}
              onChange={(v) => setDefault('agreedChannel', v)}
              clearable
            />
            <Select
              label={t('originChannel')}
              data={ORIGIN_CHANNELS.map((value) => ({ value, label: t(`origins.${value}`) }))}
              value={defaults.originChannel ?? null}
              onChange={(v) => setDefault('originChannel', v)}
              clearable
            />
          </SimpleGrid>
        </Stack>
      </Paper>
      {preview.sample.length > 0 && (
        <Paper withBorder radius="md">
          <ScrollTable minWidth={Math.max(400, preview.columns.length * 140)} label={t('mappingTitle')}>
            <Table verticalSpacing="xs" captionSide="top">
              <Table.Caption>{t('sample')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {preview.columns.map((column) => (
                    <Table.Th scope="col" key={column}>
                      {column}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.sample.map((row, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: sample rows have no identity
                  <Table.Tr key={index}>
                    {row.map((cell, cellIndex) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells have no identity
                      <Table.Td key={cellIndex}>
                        <bdi>{cell}</bdi>
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </Paper>
      )}
      <ProblemAlert message={start.isError ? errorMessage(tc, start.error) : null} />
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onCancel}>
          {t('cancel')}
        </Button>
        <Button loading={start.isPending} onClick={() => start.mutate()}>
          {t('start')}
        </Button>
      </Group>
    </Stack>
  );
}

function ProgressStep({ id, onAgain }: { id: string; onAgain(): void }) {
  const { t } = useTranslation(FAMILIES_NS);
  const { t: tc } = useTranslation();
  const { number } = useFormat();
  const status = useImportStatus(id);
  const data = status.data;
  const percent = data && data.total > 0 ? Math.round((data.processed / data.total) * 100) : 0;
  const isFinished = data?.status === 'done' || data?.status === 'failed';
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="sm">
          <Text fw={600} aria-live="polite">
            {data?.status === 'done' ? t('statusDone') : data?.status === 'failed' ? t('statusFailed') : t('statusRunning')}
          </Text>
          <Progress
            value={isFinished ? 100 : percent}
            aria-label={t('progress')}
            color={data?.status === 'failed' ? 'red' : undefined}
            animated={!isFinished}
          />
          {data && (
            <Text size="sm">
              {t('progressText', { processed: number(data.processed), total: number(data.total), imported: number(data.imported) })}
            </Text>
          )}
          {status.isError && <ProblemAlert message={errorMessage(tc, status.error)} />}
        </Stack>
      </Paper>
      {isFinished && data && (
        <Stack gap="xs">
          <Title order={2} fz="h4">
            {t('rowErrors')}
          </Title>
          {data.errors.length === 0 ? (
            <Alert color="green" variant="light">
              {t('noRowErrors')}
            </Alert>
          ) : (
            <Paper withBorder radius="md">
              <ScrollTable minWidth={480} label={t('rowErrors')}>
                <Table striped verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('colRow')}</Table.Th>
                      <Table.Th scope="col">{t('colField')}</Table.Th>
                      <Table.Th scope="col">{t('colMessage')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.errors.map((error) => {
                      const field = error.pointer.split('/').filter(Boolean)[0] ?? '';
                      const isKnown = (IMPORT_FIELDS as readonly string[]).includes(field);
                      return (
                        <Table.Tr key={`${error.row}${error.pointer}`}>
                          <Table.Td>
                            <Ltr>{number(error.row)}</Ltr>
                          </Table.Td>
                          <Table.Td>{isKnown ? t(FIELD_LABEL[field as ImportField]) : <Ltr>{error.pointer}</Ltr>}</Table.Td>
                          <Table.Td>{fieldErrorMessage(tc, error.code)}</Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            </Paper>
          )}
          <Group>
            <Button variant="default" onClick={onAgain}>
              {t('importAnother')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
