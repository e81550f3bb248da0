import { Anchor, Button, EmptyState, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileImport, IconSearch, IconTableExport, IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type FamilyFilters, type FamilyListQuery, ORIGIN_CHANNELS } from '../../contracts/families.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { useFormat } from '../ui/format.js';
import { Ltr } from '../ui/ltr.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { exportFamilies, type FamilySummary, useFamilyCount, useFamilyList, useFamilyLookup } from './families-api.js';
import { FAMILIES_NS } from './i18n.js';
import { lookupOf, useTaxonomyLabels } from './labels.js';

const PAGE_SIZE = 25;
type SortChoice = 'createdAt-desc' | 'createdAt-asc' | 'name-asc' | 'reference-asc';
const SORTS: SortChoice[] = ['createdAt-desc', 'createdAt-asc', 'name-asc', 'reference-asc'];
const FILTER_KEYS = ['category', 'domain', 'office', 'originChannel'] as const;

/** Filters and sort live in the address; a typed ID number or mobile never does. */
function useListState() {
  const [params, setParams] = useSearchParams();
  const filters: FamilyFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) (filters as Record<string, string>)[key] = value;
  }
  const sortParam = params.get('sort') as SortChoice | null;
  const sort: SortChoice = sortParam && SORTS.includes(sortParam) ? sortParam : 'createdAt-desc';
  const q = params.get('q') ?? '';
  const update = (next: Partial<FamilyFilters & { sort: SortChoice; q: string }>) => {
    const merged = { ...filters, sort, q, ...next };
    const search = new URLSearchParams();
    for (const key of FILTER_KEYS) if (merged[key]) search.set(key, String(merged[key]));
    if (merged.sort !== 'createdAt-desc') search.set('sort', merged.sort);
    if (merged.q && !lookupOf(merged.q)) search.set('q', merged.q);
    setParams(search, { replace: true });
  };
  return { filters, sort, q, update };
}

export function FamiliesPage() {
  const { t } = useTranslation(FAMILIES_NS);
  const { t: tc } = useTranslation();
  const { number } = useFormat();
  const me = useCurrentUser();
  const labels = useTaxonomyLabels();
  const state = useListState();
  const [search, setSearch] = useState(state.q);
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const lookup = lookupOf(debounced);
  const [sortField, order] = state.sort.split('-') as [FamilyListQuery['sort'], FamilyListQuery['order']];
  const query = { ...state.filters, q: lookup ? undefined : debounced || undefined, sort: sortField, order, limit: PAGE_SIZE };
  const isReader = hasRole(me.roles, 'reception', 'contact-officer', 'volunteer', 'administrator', 'management');
  const list = useFamilyList(query, isReader && !lookup);
  const count = useFamilyCount({ ...state.filters, q: query.q }, isReader && !lookup);
  const found = useFamilyLookup(lookup);
  const download = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') => exportFamilies(format, { ...state.filters, q: query.q }),
    onSuccess: (name) => notifySuccess(t('exported', { name })),
    onError: (error) => notifyError(errorMessage(tc, error)),
  });

  if (!isReader) return <NotAllowed />;

  const canRegister = hasRole(me.roles, 'reception', 'contact-officer', 'volunteer');
  const canExport = hasRole(me.roles, 'reception', 'contact-officer', 'administrator', 'management');
  const canImport = hasRole(me.roles, 'reception', 'administrator');
  const actions = (
    <Group gap="xs">
      {canImport && (
        <Button component={Link} to="/families/import" variant="default" leftSection={<IconFileImport size={18} aria-hidden />}>
          {t('import')}
        </Button>
      )}
      {canRegister && (
        <Button component={Link} to="/families/new" leftSection={<IconUserPlus size={18} aria-hidden />}>
          {t('register')}
        </Button>
      )}
    </Group>
  );
  const optional = (data: { value: string; label: string }[]) => [{ value: '', label: t('all') }, ...data];
  const origins = ORIGIN_CHANNELS.map((value) => ({ value, label: t(`origins.${value}`) }));
  const items: FamilySummary[] | undefined = lookup ? found.data?.items : list.data?.pages.flatMap((page) => page.items);
  const current = lookup ? found : list;

  return (
    <Page title={t('title')} actions={actions}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <TextInput
            label={t('search')}
            placeholder={t('searchPlaceholder')}
            description={t('searchHint')}
            type="search"
            autoComplete="off"
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              state.update({ q: event.currentTarget.value.trim() });
            }}
          />
          <Select
            label={t('office')}
            value={state.filters.office ?? ''}
            data={optional(labels.offices())}
            allowDeselect={false}
            onChange={(value) => state.update({ office: value || undefined })}
          />
          <Select
            label={t('category')}
            value={state.filters.category ?? ''}
            data={optional(labels.categories())}
            allowDeselect={false}
            onChange={(value) => state.update({ category: value || undefined })}
          />
          <Select
            label={t('domain')}
            value={state.filters.domain ?? ''}
            data={optional(labels.domains())}
            allowDeselect={false}
            onChange={(value) => state.update({ domain: value || undefined })}
          />
          <Select
            label={t('originChannel')}
            value={state.filters.originChannel ?? ''}
            data={optional(origins)}
            allowDeselect={false}
            onChange={(value) => state.update({ originChannel: (value || undefined) as FamilyFilters['originChannel'] })}
          />
          <Select
            label={t('sort')}
            value={state.sort}
            allowDeselect={false}
            data={[
              { value: 'createdAt-desc', label: t('sortCreatedAt') },
              { value: 'createdAt-asc', label: t('sortCreatedAtAsc') },
              { value: 'name-asc', label: t('sortName') },
              { value: 'reference-asc', label: t('sortReference') },
            ]}
            onChange={(value) => value && state.update({ sort: value as SortChoice })}
          />
        </SimpleGrid>
        {canExport && (
          <Group gap="xs">
            <Button
              variant="light"
              size="xs"
              leftSection={<IconTableExport size={16} aria-hidden />}
              loading={download.isPending && download.variables === 'xlsx'}
              onClick={() => download.mutate('xlsx')}
            >
              {t('exportXlsx')}
            </Button>
            <Button
              variant="light"
              size="xs"
              leftSection={<IconTableExport size={16} aria-hidden />}
              loading={download.isPending && download.variables === 'csv'}
              onClick={() => download.mutate('csv')}
            >
              {t('exportCsv')}
            </Button>
          </Group>
        )}
      </Stack>
      {current.isPending && current.fetchStatus !== 'idle' && <PageLoader />}
      {current.isError && <LoadFailure message={errorMessage(tc, current.error)} />}
      {items && (
        <Stack gap="sm">
          <Text size="sm" c="dimmed" aria-live="polite">
            {lookup
              ? t('lookupResults')
              : count.data &&
                (count.data.isCapped
                  ? t('totalMoreThan', { n: number(count.data.count) })
                  : t('total', { count: count.data.count, n: number(count.data.count) }))}
          </Text>
          {items.length === 0 ? (
            <Paper withBorder radius="md" p="xl">
              <EmptyState icon={<IconUsersGroup size={32} aria-hidden />} title={t('empty')} description={t('emptyHint')} />
            </Paper>
          ) : (
            <Paper withBorder radius="md">
              <FamiliesTable families={items} />
            </Paper>
          )}
          {!lookup && list.hasNextPage && (
            <Group justify="center">
              <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {t('loadMore')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Page>
  );
}

function FamiliesTable({ families }: { families: FamilySummary[] }) {
  const { t } = useTranslation(FAMILIES_NS);
  const { dualDate } = useFormat();
  const labels = useTaxonomyLabels();
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('colName')}</Table.Th>
            <Table.Th scope="col">{t('colReference')}</Table.Th>
            <Table.Th scope="col">{t('colNationalId')}</Table.Th>
            <Table.Th scope="col">{t('colMobile')}</Table.Th>
            <Table.Th scope="col">{t('colCity')}</Table.Th>
            <Table.Th scope="col">{t('colCategory')}</Table.Th>
            <Table.Th scope="col">{t('colCreatedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {families.map((family) => {
            const created = dualDate(family.createdAt);
            return (
              <Table.Tr key={family.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/families/${family.id}`} fw={600}>
                    {family.headNameAr}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Ltr>{family.reference}</Ltr>
                </Table.Td>
                <Table.Td>
                  <Ltr>{family.nationalId}</Ltr>
                </Table.Td>
                <Table.Td>{family.mobile ? <Ltr>{family.mobile}</Ltr> : t('none')}</Table.Td>
                <Table.Td>{family.city}</Table.Td>
                <Table.Td>{labels.category(family.category)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{created.hijri}</Text>
                  <Text size="xs" c="dimmed">
                    {created.gregorian}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
