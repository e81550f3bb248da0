import { Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../api/client.js';
import { DualDay } from '../ui/dual-day.js';
import { useLanguage } from '../ui/language.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { LoadFailure, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { useAckWrite, useVersionStatus, type VersionStatus } from './acknowledgements-api.js';
import { ExemptionsPanel } from './exemptions-panel.js';
import { ACKNOWLEDGEMENTS_NS } from './i18n.js';
import { PartiesPanel } from './parties-panel.js';

type DepartmentGroup = VersionStatus['departments'][number];

/**
 * R2 (issue 26 §5): one version's acknowledgements by department ("no department" apart), one-click
 * reminders through the outbox, the export, each department's receipt (recorded by its head),
 * contract parties with their links, and exemptions with the policy that replaces this one (P-SCOPE).
 */
export function AcknowledgementVersionPage() {
  const { versionId = '' } = useParams();
  const { t } = useTranslation(ACKNOWLEDGEMENTS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const query = useVersionStatus(versionId);
  const remind = useAckWrite(() => api.post<{ reminded: number }>(`/acknowledgements/versions/${versionId}/reminders`, {}));
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={errorMessage(tc, query.error)} />;
  const status = query.data;
  return (
    <Page
      title={`${language === 'ar' ? status.titleAr : status.titleEn} — ${t('hr.version', { n: status.number })}`}
      actions={
        <Group gap="sm">
          <Button
            loading={remind.isPending}
            disabled={status.pending === 0}
            onClick={() =>
              remind.mutate(undefined, {
                onSuccess: (answer) => notifySuccess(t('hr.reminded', { count: answer.reminded })),
                onError: (error) => notifyError(errorMessage(tc, error)),
              })
            }
          >
            {t('hr.remind')}
          </Button>
          <Button component="a" variant="default" href={`/api/v1/acknowledgements/versions/${versionId}/export`} download>
            {t('hr.export')}
          </Button>
        </Group>
      }
    >
      <Text>{t('hr.counts', { acknowledged: status.acknowledged, required: status.required, pending: status.pending })}</Text>
      <Text size="sm" c="dimmed">
        {t('hr.due')}: <DualDay value={status.dueAt} withTime inline />
      </Text>
      {status.departments.map((group) => (
        <DepartmentCard key={group.departmentId ?? 'none'} versionId={versionId} group={group} />
      ))}
      <PartiesPanel versionId={versionId} parties={status.parties} />
      <ExemptionsPanel versionId={versionId} status={status} />
    </Page>
  );
}

function DepartmentCard({ versionId, group }: { versionId: string; group: DepartmentGroup }) {
  const { t } = useTranslation(ACKNOWLEDGEMENTS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const receipt = useAckWrite(() => api.post(`/acknowledgements/versions/${versionId}/departments/${group.departmentId}/receipt`));
  const name = group.departmentId ? (language === 'ar' ? group.nameAr : group.nameEn) : t('hr.noDepartment');
  const pending = group.members.filter((m) => !m.acknowledgedAt && !m.exemptBy);
  return (
    <Paper withBorder radius="md" p="md" data-testid="acknowledgement-department">
      <Stack gap="xs">
        <Group gap="sm" justify="space-between">
          <Title order={2} fz="h4">
            {name}
          </Title>
          {group.headName && <Text size="sm">{t('hr.head', { name: group.headName })}</Text>}
        </Group>
        {group.departmentId && (
          <Group gap="sm">
            <Text size="sm" c={group.receivedAt ? 'teal' : 'dimmed'}>
              {group.receivedAt ? t('hr.received', { at: group.receivedAt.slice(0, 10), by: group.receivedBy ?? '' }) : t('hr.notReceived')}
            </Text>
            {group.canRecordReceipt && (
              <Button
                size="xs"
                variant="light"
                loading={receipt.isPending}
                onClick={() =>
                  receipt.mutate(undefined, {
                    onSuccess: () => notifySuccess(t('hr.receiptRecorded')),
                    onError: (error) => notifyError(errorMessage(tc, error)),
                  })
                }
              >
                {t('hr.recordReceipt')}
              </Button>
            )}
          </Group>
        )}
        {group.members.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('hr.noMembers')}
          </Text>
        ) : (
          <List spacing={4} listStyleType="none" aria-label={name ?? undefined}>
            {group.members.map((m) => (
              <List.Item
                key={m.id}
                data-testid="acknowledgement-member"
                data-state={m.exemptBy ? 'exempt' : m.acknowledgedAt ? 'acknowledged' : 'pending'}
              >
                <Group gap="xs">
                  <Text size="sm">{m.displayName}</Text>
                  {m.exemptBy ? (
                    <Badge color="gray" variant="light" title={t('hr.exemptBy', { policy: m.exemptBy })}>
                      {t('hr.exempt')}
                    </Badge>
                  ) : m.acknowledgedAt ? (
                    <Badge color="teal" variant="light">
                      {t('hr.acknowledged')} · {m.acknowledgedAt.slice(0, 10)}
                    </Badge>
                  ) : (
                    <Badge color="orange" variant="light">
                      {t('hr.pending')}
                    </Badge>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        )}
        {pending.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('hr.remaining')}: {pending.map((m) => m.displayName).join('، ')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
