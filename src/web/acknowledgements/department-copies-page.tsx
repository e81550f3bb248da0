import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { DualDay } from '../ui/dual-day.js';
import { useLanguage } from '../ui/language.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { LoadFailure, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { type HeadedDepartment, useAckWrite, useHeadedDepartments } from './acknowledgements-api.js';
import { ACKNOWLEDGEMENTS_NS } from './i18n.js';

type Copy = HeadedDepartment['copies'][number];

/**
 * R2 (issue 26 §5): "each department's receipt of its copy recorded by its head" — the head of a
 * department or section, whatever their roles, sees the versions in force that ask for
 * acknowledgement and records that their department received each copy. The server lists only the
 * departments the caller heads and checks the head again on the receipt.
 */
export function DepartmentCopiesPage() {
  const { t } = useTranslation(ACKNOWLEDGEMENTS_NS);
  const { t: tc } = useTranslation();
  const query = useHeadedDepartments();
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={errorMessage(tc, query.error)} />;
  const departments = query.data.items;
  return (
    <Page title={t('departmentCopies.title')}>
      {departments.length === 0 ? (
        <Text c="dimmed">{t('departmentCopies.none')}</Text>
      ) : (
        <>
          <Text>{t('departmentCopies.intro')}</Text>
          {departments.map((d) => (
            <DepartmentCopies key={d.departmentId} department={d} />
          ))}
        </>
      )}
    </Page>
  );
}

function DepartmentCopies({ department }: { department: HeadedDepartment }) {
  const { t } = useTranslation(ACKNOWLEDGEMENTS_NS);
  const { language } = useLanguage();
  const name = language === 'ar' ? department.nameAr : department.nameEn;
  const titleId = `department-${department.departmentId}`;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={titleId} data-testid="department-copies">
      <Stack gap="sm">
        <Title order={2} fz="h4" id={titleId}>
          {name}
        </Title>
        {department.copies.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('departmentCopies.noCopies')}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {department.copies.map((copy) => (
              <CopyItem key={copy.versionId} departmentId={department.departmentId} departmentName={name} copy={copy} />
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function CopyItem({ departmentId, departmentName, copy }: { departmentId: string; departmentName: string; copy: Copy }) {
  const { t } = useTranslation(ACKNOWLEDGEMENTS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const receipt = useAckWrite(() => api.post(`/acknowledgements/versions/${copy.versionId}/departments/${departmentId}/receipt`));
  const title = language === 'ar' ? copy.titleAr : copy.titleEn;
  return (
    <Paper component="li" withBorder radius="sm" p="sm" data-testid="department-copy" data-state={copy.receivedAt ? 'received' : 'pending'}>
      <Stack gap={6}>
        <Text fw={600}>{title}</Text>
        <Text size="sm" c="dimmed">
          {t('departmentCopies.version', { n: copy.number })} <DualDay value={copy.effectiveOn} inline />
        </Text>
        {copy.receivedAt ? (
          <Group gap="xs">
            <Badge color="teal" variant="light">
              {t('departmentCopies.receivedBadge')}
            </Badge>
            <Text size="sm">
              {t('departmentCopies.receivedBy', { by: copy.receivedByName ?? '—' })} <DualDay value={copy.receivedAt} withTime inline />
            </Text>
          </Group>
        ) : (
          <Group gap="sm" justify="space-between" wrap="wrap">
            <Badge color="orange" variant="light">
              {t('departmentCopies.notReceived')}
            </Badge>
            <Button
              size="sm"
              loading={receipt.isPending}
              aria-label={t('departmentCopies.recordLabel', { title, department: departmentName })}
              onClick={() =>
                receipt.mutate(undefined, {
                  onSuccess: () => notifySuccess(t('departmentCopies.recorded')),
                  onError: (error) => notifyError(errorMessage(tc, error)),
                })
              }
            >
              {t('departmentCopies.record')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
