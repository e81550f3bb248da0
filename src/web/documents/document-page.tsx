import { Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { RequirementPanel } from '../acknowledgements/requirement-panel.js';
import { api } from '../api/client.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { DualDay } from '../ui/dual-day.js';
import { useLanguage } from '../ui/language.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { LoadFailure, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { type DocumentDetail, type DocumentVersion, documentPath, useDocument, useDocumentWrite } from './documents-api.js';
import { DraftForm } from './draft-form.js';
import { DOCUMENTS_NS } from './i18n.js';

const STATUS_COLOURS = { draft: 'yellow', published: 'teal', withdrawn: 'gray' } as const;

/** A document's page (issue 26 §1): its versions, newest first; the draft is edited here, published or withdrawn. */
export function DocumentPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(DOCUMENTS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const query = useDocument(id);
  const addVersion = useDocumentWrite(id, () => api.post<DocumentDetail>(documentPath(id, '/versions'), {}));
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={errorMessage(tc, query.error)} />;
  const doc = query.data;
  return (
    <Page
      title={language === 'ar' ? doc.titleAr : doc.titleEn}
      actions={
        <Group gap="sm">
          {doc.visibility === 'public' && (
            <Anchor href={`/documents/${doc.slug}`} target="_blank" rel="noopener">
              {t('detail.publicPage')}
            </Anchor>
          )}
          {doc.abilities.addVersion && (
            <Button
              loading={addVersion.isPending}
              onClick={() => addVersion.mutate(undefined, { onError: (error) => notifyError(errorMessage(tc, error)) })}
            >
              {t('detail.addVersion')}
            </Button>
          )}
        </Group>
      }
    >
      <Title order={2} fz="h3">
        {t('detail.versions')}
      </Title>
      {doc.versions.length === 0 && <Text c="dimmed">{t('detail.noVersions')}</Text>}
      {doc.versions.map((version) => (
        <VersionCard key={version.id} doc={doc} version={version} />
      ))}
    </Page>
  );
}

function VersionCard({ doc, version }: { doc: DocumentDetail; version: DocumentVersion }) {
  const { t } = useTranslation(DOCUMENTS_NS);
  const { t: tc } = useTranslation();
  const [isPublishing, setPublishing] = useState(false);
  const [isWithdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const base = documentPath(doc.id, `/versions/${version.id}`);
  const publish = useDocumentWrite(doc.id, () => api.post<DocumentDetail>(`${base}/publish`));
  const withdraw = useDocumentWrite(doc.id, (why: string) => api.post<DocumentDetail>(`${base}/withdraw`, { reason: why }));
  const fail = (error: unknown) => notifyError(errorMessage(tc, error));
  return (
    <Paper withBorder radius="md" p="md" data-testid="document-version" data-status={version.status}>
      <Stack gap="sm">
        <Group gap="sm">
          <Title order={3} fz="h4">
            {t('detail.version', { n: version.number })}
          </Title>
          <Badge color={STATUS_COLOURS[version.status]} variant="light">
            {t(`status.${version.status}`)}
          </Badge>
          {version.isInForce && <Badge color="teal">{t('detail.inForce')}</Badge>}
        </Group>
        {version.status !== 'draft' && (
          <Stack gap={4}>
            {version.effectiveOn && (
              <Text size="sm">
                {t('version.effectiveOn')}: <DualDay value={version.effectiveOn} inline />
              </Text>
            )}
            {version.approvedBy && (
              <Text size="sm">
                {t('version.approvedBy')}: {version.approvedBy}
              </Text>
            )}
            {version.withdrawReason && <Text size="sm">{t('version.withdrawnBecause', { reason: version.withdrawReason })}</Text>}
          </Stack>
        )}
        {version.status === 'draft' && <DraftForm doc={doc} version={version} />}
        {/* R1, F4 (issue 26 §4): who must acknowledge this version. */}
        {version.status !== 'withdrawn' && <RequirementPanel versionId={version.id} />}
        <Group gap="sm">
          {(['ar', 'en'] as const).map((lang) => {
            const file = lang === 'ar' ? version.fileAr : version.fileEn;
            return (
              file && (
                <Anchor key={lang} href={`/api/v1${base}/files/${lang}`}>
                  {t(lang === 'ar' ? 'version.fileAr' : 'version.fileEn')} — {t('version.download')}
                </Anchor>
              )
            );
          })}
        </Group>
        <Group gap="sm">
          {version.status === 'draft' && <Button onClick={() => setPublishing(true)}>{t('version.publish')}</Button>}
          {version.status === 'published' && (
            <Button variant="default" color="red" onClick={() => setWithdrawing(true)}>
              {t('version.withdraw')}
            </Button>
          )}
        </Group>
      </Stack>
      <ConfirmDialog
        opened={isPublishing}
        title={t('version.publish')}
        message={t('version.publishConfirm')}
        confirmLabel={t('version.publish')}
        isPending={publish.isPending}
        onClose={() => setPublishing(false)}
        onConfirm={() =>
          publish.mutate(undefined, {
            onSuccess: () => {
              setPublishing(false);
              notifySuccess(t('version.published'));
            },
            onError: (error) => {
              setPublishing(false);
              fail(error);
            },
          })
        }
      />
      <ConfirmDialog
        opened={isWithdrawing}
        title={t('version.withdraw')}
        message={t('version.withdrawReason')}
        confirmLabel={t('version.withdraw')}
        color="red"
        isPending={withdraw.isPending}
        onClose={() => setWithdrawing(false)}
        onConfirm={() =>
          withdraw.mutate(reason.trim(), {
            onSuccess: () => {
              setWithdrawing(false);
              notifySuccess(t('version.withdrawn'));
            },
            onError: fail,
          })
        }
      >
        <Textarea
          label={t('version.withdrawReason')}
          required
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      </ConfirmDialog>
    </Paper>
  );
}
