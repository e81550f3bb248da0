import { Anchor, Badge, Button, EmptyState, Paper, Table, Text } from '@mantine/core';
import { IconEdit, IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { LIST_SEPARATOR, useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { ScrollTable } from '../ui/worklist.js';
import { CommitteeFormModal } from './committee-form.js';
import { type Committee, useCommittees } from './committees-api.js';
import { COMMITTEES_NS } from './i18n.js';

/** Committees (C5): administrators set them up; members see their own and open their meetings. */
export function CommitteesPage() {
  const { t } = useTranslation(COMMITTEES_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const { language } = useLanguage();
  const { number } = useFormat();
  const isAdministrator = hasRole(me.roles, 'administrator');
  const isReader = isAdministrator || hasRole(me.roles, 'committee-member', 'follow-up-committee', 'management');
  const committees = useCommittees();
  const [editing, setEditing] = useState<Committee | null | 'new'>(null);

  if (!isReader) return <NotAllowed />;
  const actions = isAdministrator && (
    <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setEditing('new')}>
      {t('newCommittee')}
    </Button>
  );
  const name = (committee: Committee) => (language === 'ar' ? committee.nameAr : committee.nameEn);
  const canEditAny = committees.data?.items.some((committee) => committee.abilities.edit) ?? false;

  return (
    <Page title={t('title')} actions={actions}>
      {committees.isPending && <PageLoader />}
      {committees.isError && <LoadFailure message={errorMessage(tc, committees.error)} />}
      {committees.data &&
        (committees.data.items.length === 0 ? (
          <Paper withBorder radius="md" p="xl">
            <EmptyState
              icon={<IconUsersGroup size={32} aria-hidden />}
              title={t('empty')}
              description={isAdministrator ? t('emptyHintAdmin') : t('emptyHint')}
            />
          </Paper>
        ) : (
          <Paper withBorder radius="md">
            <ScrollTable minWidth={720} label={t('title')}>
              <Table striped highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('colName')}</Table.Th>
                    <Table.Th scope="col">{t('purposesLabel')}</Table.Th>
                    <Table.Th scope="col">{t('chair')}</Table.Th>
                    <Table.Th scope="col">{t('colMembers')}</Table.Th>
                    <Table.Th scope="col">{t('quorum')}</Table.Th>
                    <Table.Th scope="col">{t('colStatus')}</Table.Th>
                    {canEditAny && <Table.Th scope="col">{tc('common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {committees.data.items.map((committee) => (
                    <Table.Tr key={committee.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/committees/${committee.id}`} fw={600}>
                          {name(committee)}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          <Ltr>{committee.code}</Ltr>
                        </Text>
                      </Table.Td>
                      <Table.Td>{committee.purposes.map((purpose) => t(`purposes.${purpose}`)).join(t('listSeparator'))}</Table.Td>
                      <Table.Td>{committee.members.find((member) => member.isChair)?.displayName ?? t('none')}</Table.Td>
                      <Table.Td>{committee.members.map((member) => member.displayName).join(LIST_SEPARATOR[language])}</Table.Td>
                      <Table.Td>
                        <Ltr>{number(committee.quorum)}</Ltr>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={committee.isActive ? 'green' : 'gray'}>
                          {committee.isActive ? tc('common.active') : tc('common.inactive')}
                        </Badge>
                      </Table.Td>
                      {canEditAny && (
                        <Table.Td>
                          {committee.abilities.edit && (
                            <Button
                              size="xs"
                              variant="subtle"
                              leftSection={<IconEdit size={16} aria-hidden />}
                              onClick={() => setEditing(committee)}
                              aria-label={t('editNamed', { name: name(committee) })}
                            >
                              {tc('common.edit')}
                            </Button>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </Paper>
        ))}
      {editing !== null && <CommitteeFormModal committee={editing === 'new' ? null : editing} opened onClose={() => setEditing(null)} />}
    </Page>
  );
}
