import { Anchor, Badge, Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileImport, IconSearch, IconTableExport, IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type FamilyFilters, type FamilyListQuery, ORIGIN_CHANNELS } from '../../contracts/families.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { DualDay } from '../ui/dual-day.js';
import { useFormat } from '../ui/format.js';
import { Ltr } from '../ui/ltr.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { NotAllowed, Page } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { SavedViews } from '../ui/saved-views.js';
import { useTaxonomyLabels } from '../ui/taxonomies.js';
import { type PagedQuery, Worklist } from '../ui/worklist.js';
import { exportFamilies, type FamilySummary, useFamilyCount, useFamilyList, useFamilyLookup } from './families-api.js';
import { FAMILIES_NS } from './i18n.js';
import { lookupOf } from './labels.js';

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
  const rows = useFamilyRows();
  const download = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') => exportFamilies(format, { ...state.filters, q: query.q }),
    onSuccess: (name) => notifySuccess(t('exported', { name })),
    onError: (error) => notifyError(errorMessage(tc, error)),
  });

  if (!isReader) return <NotAllowed />;

  // Issue 19 §2: what this user may start here, from the registry's policy through the session.
  const { registerFamily: canRegister, exportFamilies: canExport, importFamilies: canImport } = me.can;
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
  // A lookup by ID number or mobile answers one page; the list pages on by cursor.
  const current: PagedQuery<FamilySummary> = lookup
    ? {
        isPending: found.isPending,
        isError: found.isError,
        error: found.error,
        data: found.data && { pages: [found.data] },
        hasNextPage: false,
        isFetchingNextPage: false,
        fetchNextPage: () => undefined,
      }
    : list;

  return (
    <Page title={t('title')} actions={actions}>
      <Stack gap="sm">
        <SavedViews worklist="families" />
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
      <Worklist
        query={current}
        empty={{
          title: t('empty'),
          hint: t(canRegister ? 'emptyHint' : 'emptyHintSearch'),
          icon: <IconUsersGroup size={32} aria-hidden />,
        }}
        header={() => (
          <Text size="sm" c="dimmed" aria-live="polite">
            {lookup
              ? t('lookupResults')
              : count.data &&
                (count.data.isCapped
                  ? t('totalMoreThan', { n: number(count.data.count) })
                  : t('total', { count: count.data.count, n: number(count.data.count) }))}
          </Text>
        )}
        moreLabel={t('loadMore')}
        {...rows}
      />
    </Page>
  );
}

/** How a family shows as a worklist row: a table's columns on wide screens, a card on a phone. */
function useFamilyRows() {
  const { t } = useTranslation(FAMILIES_NS);
  const labels = useTaxonomyLabels();
  const category = (family: FamilySummary) => (
    <Badge variant="light" color="gray">
      {labels.category(family.category)}
    </Badge>
  );
  return {
    label: t('title'),
    minWidth: 820,
    rowKey: (family: FamilySummary) => family.id,
    rowHref: (family: FamilySummary) => `/families/${family.id}`,
    columns: [
      {
        key: 'name',
        header: t('colName'),
        cell: (family: FamilySummary) => (
          <Anchor component={Link} to={`/families/${family.id}`} fw={600}>
            {family.headNameAr}
          </Anchor>
        ),
      },
      { key: 'reference', header: t('colReference'), cell: (family: FamilySummary) => <Ltr>{family.reference}</Ltr> },
      { key: 'nationalId', header: t('colNationalId'), cell: (family: FamilySummary) => <Ltr>{family.nationalId}</Ltr> },
      {
        key: 'mobile',
        header: t('colMobile'),
        cell: (family: FamilySummary) => (family.mobile ? <Ltr>{family.mobile}</Ltr> : t('none')),
      },
      { key: 'city', header: t('colCity'), cell: (family: FamilySummary) => family.city },
      { key: 'category', header: t('colCategory'), cell: (family: FamilySummary) => labels.category(family.category) },
      { key: 'createdAt', header: t('colCreatedAt'), cell: (family: FamilySummary) => <DualDay value={family.createdAt} /> },
    ],
    card: {
      reference: (family: FamilySummary) => family.reference,
      name: (family: FamilySummary) => family.headNameAr,
      status: category,
      more: (family: FamilySummary) => (
        <Text size="sm" c="dimmed">
          <Ltr>{family.nationalId}</Ltr>
          {family.mobile && (
            <>
              {' · '}
              <Ltr>{family.mobile}</Ltr>
            </>
          )}
          {' · '}
          {family.city}
        </Text>
      ),
      deadline: (family: FamilySummary) => <DualDay value={family.createdAt} inline />,
      deadlineLabel: t('colCreatedAt'),
    },
  };
}
