import { ActionIcon, Anchor, Badge, Button, FileInput, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconTrash, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceRequest } from '../../contracts/requests.js';
import { RECEIVED_MESSAGE_ITEM } from '../../domain/channels.js';
import { api } from '../api/client.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { errorMessage } from '../ui/problems.js';
import { REQUESTS_NS } from './i18n.js';
import { documentUrl, requestKeys } from './requests-api.js';

const ACCEPT = 'application/pdf,image/png,image/jpeg';

/** The checklist's documents (C3): what is attached to each item, downloads, and uploads through the file store. */
export function DocumentsPanel({ request }: { request: ServiceRequest }) {
  const { t } = useTranslation(REQUESTS_NS);
  const items = request.type.checklist.filter((item) => item.kind === 'document');
  // A5 (issue 27 §3): a request received by e-mail keeps the e-mail itself, beside the checklist's documents.
  if (request.channel === 'email' && !items.some((item) => item.key === RECEIVED_MESSAGE_ITEM))
    items.push({
      key: RECEIVED_MESSAGE_ITEM,
      kind: 'document',
      labelAr: t('documents.receivedMessage', { lng: 'ar' }),
      labelEn: t('documents.receivedMessage', { lng: 'en' }),
      isRequired: false,
    });
  if (items.length === 0 && request.documents.length === 0) return null;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="documents-title">
      <Stack gap="md">
        <Title order={2} fz="lg" id="documents-title">
          {t('documents.title')}
        </Title>
        {items.map((item) => (
          <DocumentItem key={item.key} request={request} item={item} />
        ))}
      </Stack>
    </Paper>
  );
}

function DocumentItem({ request, item }: { request: ServiceRequest; item: ServiceRequest['type']['checklist'][number] }) {
  const { t } = useTranslation(REQUESTS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const { number } = useFormat();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const label = language === 'ar' ? item.labelAr : item.labelEn;
  const attached = request.documents.filter((document) => document.itemKey === item.key);
  const canEdit = request.abilities.edit;
  const upload = useMutation({
    mutationFn: (chosen: File) => {
      const form = new FormData();
      form.append('itemKey', item.key);
      form.append('file', chosen, chosen.name);
      return api.upload(`/requests/${encodeURIComponent(request.id)}/documents`, form);
    },
    onSuccess: () => {
      setFile(null);
      void queryClient.invalidateQueries({ queryKey: requestKeys.all });
      notifySuccess(t('documents.uploaded', { item: label }));
    },
  });
  const remove = useMutation({
    mutationFn: (documentId: string) =>
      api.delete(`/requests/${encodeURIComponent(request.id)}/documents/${encodeURIComponent(documentId)}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: requestKeys.all });
      notifySuccess(t('documents.removed'));
    },
    onError: (error) => notifyError(errorMessage(tc, error)),
  });
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Text fw={600}>{label}</Text>
        <Badge size="sm" variant="light" color={attached.length ? 'green' : item.isRequired ? 'red' : 'gray'}>
          {attached.length ? t('checklist.satisfied') : item.isRequired ? t('checklist.documentMissing') : t('checklist.optional')}
        </Badge>
      </Group>
      {attached.map((document) => (
        <Group key={document.id} gap="xs" wrap="nowrap">
          <Anchor href={documentUrl(request.id, document.id)} download={document.name} size="sm">
            <Group gap={4} wrap="nowrap">
              <IconDownload size={14} aria-hidden />
              <bdi>{document.name}</bdi>
            </Group>
          </Anchor>
          <Text size="xs" c="dimmed">
            <Ltr>{number(Math.ceil(document.size / 1024))} KB</Ltr>
          </Text>
          {canEdit && (
            <ActionIcon
              variant="subtle"
              color="red"
              size="sm"
              aria-label={t('documents.removeNamed', { name: document.name })}
              loading={remove.isPending && remove.variables === document.id}
              onClick={() => remove.mutate(document.id)}
            >
              <IconTrash size={14} aria-hidden />
            </ActionIcon>
          )}
        </Group>
      ))}
      {canEdit && (
        <Group align="flex-end" gap="sm" wrap="wrap">
          <FileInput
            label={t('documents.choose', { item: label })}
            description={t('documents.hint')}
            accept={ACCEPT}
            value={file}
            onChange={setFile}
            clearable
            clearButtonProps={{ 'aria-label': t('attestation.clearScan') }}
            valueComponent={ChosenFileName}
            w={{ base: '100%', sm: 340 }}
          />
          <Button
            variant="light"
            leftSection={<IconUpload size={16} aria-hidden />}
            disabled={!file}
            loading={upload.isPending}
            onClick={() => file && upload.mutate(file)}
          >
            {t('documents.upload')}
          </Button>
        </Group>
      )}
      <ProblemAlert message={upload.isError ? errorMessage(tc, upload.error) : null} onClose={() => upload.reset()} />
    </Stack>
  );
}

/**
 * A chosen file's name in a file input, isolated (bidi) so a Latin name such as
 * `1795662267615-signed-form.pdf` is not shown scrambled inside the right-to-left page.
 */
export function ChosenFileName({ value }: { value: null | File | File[] }) {
  const names = value === null ? [] : Array.isArray(value) ? value.map((file) => file.name) : [value.name];
  return (
    <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
      <bdi>{names.join(', ')}</bdi>
    </div>
  );
}
