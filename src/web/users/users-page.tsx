import { Alert, Button, EmptyState, Group, Pagination, Paper, Stack, Text } from '@mantine/core';
import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type StaffListQuery, staffListQuery } from '../../contracts/staff.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { useFormat } from '../ui/format.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { useStaffList } from './users-api.js';
import { type ListFilters, UsersFilters } from './users-filters.js';
import { UsersTable } from './users-table.js';

const PAGE_SIZE = 25;

/** The list's state lives in the address, so back, reload and shared links keep it. */
function useListQuery(): [StaffListQuery, (next: Partial<StaffListQuery>) => void] {
  const [params, setParams] = useSearchParams();
  const parsed = staffListQuery.safeParse({ ...Object.fromEntries(params), pageSize: PAGE_SIZE });
  const query = parsed.success ? parsed.data : staffListQuery.parse({ pageSize: PAGE_SIZE });
  const update = (next: Partial<StaffListQuery>) => {
    const merged: StaffListQuery = { ...query, page: 1, ...next };
    const search = new URLSearchParams();
    if (merged.q) search.set('q', merged.q);
    if (merged.status !== 'active') search.set('status', merged.status);
    if (merged.sort !== 'displayName') search.set('sort', merged.sort);
    if (merged.order !== 'asc') search.set('order', merged.order);
    if (merged.page > 1) search.set('page', String(merged.page));
    setParams(search, { replace: true });
  };
  return [query, update];
}

export function UsersPage() {
  const { t } = useTranslation();
  const { number } = useFormat();
  const me = useCurrentUser();
  const [query, setQuery] = useListQuery();
  const list = useStaffList(query);
  const canManage = hasRole(me.roles, 'administrator');

  if (!hasRole(me.roles, 'administrator', 'hr')) return <NotAllowed />;

  const addButton = canManage && (
    <Button component={Link} to="/users/new" leftSection={<IconUserPlus size={18} aria-hidden />}>
      {t('users.add')}
    </Button>
  );
  const filters: ListFilters = { q: query.q, status: query.status, sort: query.sort, order: query.order };
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / list.data.pageSize)) : 1;

  return (
    <Page title={t('users.title')} actions={addButton}>
      {!canManage && (
        <Alert color="blue" variant="light">
          {t('users.readOnly')}
        </Alert>
      )}
      <UsersFilters filters={filters} onChange={setQuery} />
      {list.isPending && <PageLoader />}
      {list.isError && <LoadFailure message={errorMessage(t, list.error)} />}
      {list.data && (
        <Stack gap="sm">
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('users.total', { count: list.data.total, n: number(list.data.total) })}
          </Text>
          {list.data.items.length === 0 ? (
            <Paper withBorder radius="md" p="xl">
              <EmptyState icon={<IconUsers size={32} aria-hidden />} title={t('users.empty')} description={t('users.emptyHint')} />
            </Paper>
          ) : (
            <Paper withBorder radius="md">
              <UsersTable users={list.data.items} />
            </Paper>
          )}
          {pages > 1 && (
            <Group justify="center">
              <Pagination
                total={pages}
                value={query.page}
                onChange={(page) => setQuery({ page })}
                aria-label={t('users.pagination')}
                getItemProps={(page) => ({
                  'aria-label': t('users.pageNumber', { n: number(page) }),
                  'aria-current': page === query.page ? 'page' : undefined,
                })}
                getControlProps={(control) => ({ 'aria-label': t(`users.pageControl.${control}`) })}
              />
            </Group>
          )}
        </Stack>
      )}
    </Page>
  );
}
