import { Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffUser } from '../../contracts/staff.js';
import { api } from '../api/client.js';
import { useLanguage } from '../ui/language.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { LoadFailure, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { type Department, useAckWrite, useDepartments } from './acknowledgements-api.js';
import { ACKNOWLEDGEMENTS_NS } from './i18n.js';

/** R2 (issue 26 §4): departments and sections — an administrator's setting, apart from offices. */
export function DepartmentsPage() {
  const { t } = useTranslation(ACKNOWLEDGEMENTS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const query = useDepartments();
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={errorMessage(tc, query.error)} />;
  const items = query.data.items;
  const nameOf = (d: Department) => (language === 'ar' ? d.nameAr : d.nameEn);
  const byId = new Map(items.map((d) => [d.id, d]));
  return (
    <Page title={t('departments.title')}>
      <Text c="dimmed">{t('departments.intro')}</Text>
      <Paper withBorder radius="md" p="md">
        {items.length === 0 ? (
          <Text c="dimmed">{t('departments.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={420}>
            <Table>
              <Table.Tbody>
                {items.map((d) => {
                  const parent = d.parentId ? byId.get(d.parentId) : undefined;
                  return (
                    <Table.Tr key={d.id}>
                      <Table.Td>{nameOf(d)}</Table.Td>
                      <Table.Td>{parent ? t('departments.section', { parent: nameOf(parent) }) : ''}</Table.Td>
                      <Table.Td>{d.headName ?? t('departments.noHead')}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <AddDepartmentForm departments={items.filter((d) => !d.parentId && d.isActive).map((d) => ({ value: d.id, label: nameOf(d) }))} />
    </Page>
  );
}

function AddDepartmentForm({ departments }: { departments: Array<{ value: string; label: string }> }) {
  const { t } = useTranslation(ACKNOWLEDGEMENTS_NS);
  const { t: tc } = useTranslation();
  const [nameAr, setNameAr] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [parentId, setParentId] = useState<string | null>(null);
  const [headUserId, setHeadUserId] = useState<string | null>(null);
  const staff = useQuery({ queryKey: ['staff', 'heads'], queryFn: () => api.get<{ items: StaffUser[] }>('/staff/users?pageSize=100') });
  const add = useAckWrite((body: { nameAr: string; nameEn: string; parentId: string | null; headUserId: string | null }) =>
    api.post('/staff/departments', body),
  );
  return (
    <Paper withBorder radius="md" p="md">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate(
            { nameAr, nameEn, parentId, headUserId },
            {
              onSuccess: () => {
                setNameAr('');
                setNameEn('');
                setParentId(null);
                setHeadUserId(null);
                notifySuccess(t('departments.added'));
              },
              onError: (error) => notifyError(errorMessage(tc, error)),
            },
          );
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('departments.nameAr')}
              required
              dir="rtl"
              value={nameAr}
              onChange={(e) => setNameAr(e.currentTarget.value)}
            />
            <TextInput
              label={t('departments.nameEn')}
              required
              dir="ltr"
              value={nameEn}
              onChange={(e) => setNameEn(e.currentTarget.value)}
            />
            <Select label={t('departments.parent')} data={departments} value={parentId} onChange={setParentId} clearable />
            <Select
              label={t('departments.head')}
              data={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.displayName }))}
              value={headUserId}
              onChange={setHeadUserId}
              searchable
              clearable
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={add.isPending}>
              {t('departments.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
