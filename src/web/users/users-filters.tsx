import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffListQuery } from '../../contracts/staff.js';

export type ListFilters = Pick<StaffListQuery, 'q' | 'status' | 'sort' | 'order'>;

/** Search, status and sorting of the staff list; typing waits a moment before asking the server. */
export function UsersFilters({ filters, onChange }: { filters: ListFilters; onChange(next: Partial<ListFilters>): void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(filters.q ?? '');
  const sendSearch = useDebouncedCallback((q: string) => onChange({ q }), 300);

  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
      <TextInput
        label={t('users.search')}
        placeholder={t('users.searchPlaceholder')}
        type="search"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
          sendSearch(event.currentTarget.value);
        }}
      />
      <Select
        label={t('users.status')}
        value={filters.status}
        allowDeselect={false}
        data={[
          { value: 'active', label: t('users.statusActive') },
          { value: 'inactive', label: t('users.statusInactive') },
          { value: 'all', label: t('users.statusAll') },
        ]}
        onChange={(value) => value && onChange({ status: value as ListFilters['status'] })}
      />
      <Select
        label={t('users.sort')}
        value={filters.sort}
        allowDeselect={false}
        data={[
          { value: 'displayName', label: t('users.sortDisplayName') },
          { value: 'username', label: t('users.sortUsername') },
          { value: 'createdAt', label: t('users.sortCreatedAt') },
        ]}
        onChange={(value) => value && onChange({ sort: value as ListFilters['sort'] })}
      />
      <Select
        label={t('users.order')}
        value={filters.order}
        allowDeselect={false}
        data={[
          { value: 'asc', label: t('users.orderAsc') },
          { value: 'desc', label: t('users.orderDesc') },
        ]}
        onChange={(value) => value && onChange({ order: value as ListFilters['order'] })}
      />
    </SimpleGrid>
  );
}
