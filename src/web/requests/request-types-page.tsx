import { Anchor, Badge, Button, EmptyState, Paper, Table, Text } from '@mantine/core';
import { IconListCheck, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { useCommittees } from '../committees/committees-api.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { ReviewedMark } from '../ui/reviewed-mark.js';
import { ScrollTable } from '../ui/worklist.js';
import { REQUESTS_NS } from './i18n.js';
import { useSettingsRequestTypes } from './requests-api.js';

/** Request types (settings, administrator): what families may ask for, with criteria, checklist and deadline. */
export function RequestTypesPage() {
  const { t } = useTranslation(REQUESTS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const { number } = useFormat();
  const me = useCurrentUser();
  const isAdministrator = hasRole(me.roles, 'administrator');
  const types = useSettingsRequestTypes();
  const committees = useCommittees();
  if (!isAdministrator) return <NotAllowed />;
  const committeeName = (id: string | null) => {
    const committee = committees.data?.items.find((candidate) => candidate.id === id);
    return committee ? (language === 'ar' ? committee.nameAr : committee.nameEn) : t('types.noCommittee');
  };
  return (
    <Page
      title={t('types.title')}
      actions={
        <Button component={Link} to="/settings/request-types/new" leftSection={<IconPlus size={18} aria-hidden />}>
          {t('types.new')}
        </Button>
      }
    >
      <ReviewedMark subject="request-types" />
      {types.isPending && <PageLoader />}
      {types.isError && <LoadFailure message={errorMessage(tc, types.error)} />}
      {types.data &&
        (types.data.length === 0 ? (
          <Paper withBorder radius="md" p="xl">
            <EmptyState icon={<IconListCheck size={32} aria-hidden />} title={t('types.empty')} description={t('types.emptyHint')} />
          </Paper>
        ) : (
          <Paper withBorder radius="md">
            <ScrollTable minWidth={760} label={t('types.title')}>
              <Table striped highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('types.name')}</Table.Th>
                    <Table.Th scope="col">{t('types.committee')}</Table.Th>
                    <Table.Th scope="col">{t('types.checklist')}</Table.Th>
                    <Table.Th scope="col">{t('types.responseWorkingDays')}</Table.Th>
                    <Table.Th scope="col">{t('status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {types.data.map((type) => (
                    <Table.Tr key={type.code}>
                      <Table.Td>
                        <Anchor component={Link} to={`/settings/request-types/${type.code}`} fw={600}>
                          {language === 'ar' ? type.nameAr : type.nameEn}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          <Ltr>{type.code}</Ltr>
                        </Text>
                      </Table.Td>
                      <Table.Td>{committeeName(type.committeeId)}</Table.Td>
                      <Table.Td>{t('types.itemsCount', { count: type.checklist.length, n: number(type.checklist.length) })}</Table.Td>
                      <Table.Td>{t('types.days', { count: type.responseWorkingDays, n: number(type.responseWorkingDays) })}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={type.isActive ? 'green' : 'gray'}>
                          {type.isActive ? tc('common.active') : tc('common.inactive')}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </Paper>
        ))}
    </Page>
  );
}
