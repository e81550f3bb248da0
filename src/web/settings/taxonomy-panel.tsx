import { ActionIcon, Badge, Button, EmptyState, Group, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconCircleCheck, IconCircleOff, IconList, IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaxonomyItem, TaxonomyKindValue } from '../../contracts/settings.js';
import { api } from '../api/client.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { errorMessage } from '../ui/problems.js';
import { ScrollTable } from '../ui/worklist.js';
import { useSettingsChanged } from './settings-api.js';
import { TaxonomyItemForm } from './taxonomy-item-form.js';

type Editing = { item: TaxonomyItem | null } | null;

/** One of the lists that scopes are made of: categories, domains or offices. */
export function TaxonomyPanel({ kind, listName, items }: { kind: TaxonomyKindValue; listName: string; items: TaxonomyItem[] }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { number } = useFormat();
  const onChanged = useSettingsChanged();
  const [editing, setEditing] = useState<Editing>(null);
  const nameOf = (item: TaxonomyItem) => (language === 'ar' ? item.nameAr : item.nameEn);

  const toggle = useMutation({
    mutationFn: (item: TaxonomyItem) =>
      api.patch<TaxonomyItem>(`/settings/${kind}/${encodeURIComponent(item.code)}`, { isActive: !item.isActive }),
    onSuccess: (saved) => {
      onChanged();
      notifySuccess(t(saved.isActive ? 'settings.itemActivated' : 'settings.itemDeactivated', { name: nameOf(saved) }));
    },
    onError: (error) => notifyError(errorMessage(t, error)),
  });

  const sorted = [...items].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        <Text>{t(`settings.kindHint.${kind}`)}</Text>
        <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setEditing({ item: null })}>
          {t('settings.addItem')}
        </Button>
      </Group>
      {sorted.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <EmptyState icon={<IconList size={32} aria-hidden />} title={t('settings.empty')} description={t('settings.emptyHint')} />
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <ScrollTable minWidth={640} label={listName}>
            <Table striped verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('settings.itemNameAr')}</Table.Th>
                  <Table.Th scope="col">{t('settings.itemNameEn')}</Table.Th>
                  <Table.Th scope="col">{t('settings.code')}</Table.Th>
                  <Table.Th scope="col">{t('settings.sortOrder')}</Table.Th>
                  <Table.Th scope="col">{t('settings.status')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sorted.map((item) => (
                  <Table.Tr key={item.code}>
                    <Table.Td lang="ar" dir="rtl">
                      {item.nameAr}
                    </Table.Td>
                    <Table.Td lang="en" dir="ltr">
                      {item.nameEn}
                    </Table.Td>
                    <Table.Td>
                      <Ltr>{item.code}</Ltr>
                    </Table.Td>
                    <Table.Td>{number(item.sortOrder)}</Table.Td>
                    <Table.Td>
                      <Badge color={item.isActive ? 'green' : 'gray'} variant="dot" size="sm">
                        {item.isActive ? t('common.active') : t('common.inactive')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Tooltip label={t('settings.editItem', { name: nameOf(item) })}>
                          <ActionIcon
                            variant="subtle"
                            aria-label={t('settings.editItem', { name: nameOf(item) })}
                            onClick={() => setEditing({ item })}
                          >
                            <IconPencil size={18} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t(item.isActive ? 'settings.deactivateItem' : 'settings.activateItem', { name: nameOf(item) })}>
                          <ActionIcon
                            variant="subtle"
                            color={item.isActive ? 'red' : 'green'}
                            aria-label={t(item.isActive ? 'settings.deactivateItem' : 'settings.activateItem', { name: nameOf(item) })}
                            loading={toggle.isPending && toggle.variables?.code === item.code}
                            onClick={() => toggle.mutate(item)}
                          >
                            {item.isActive ? <IconCircleOff size={18} aria-hidden /> : <IconCircleCheck size={18} aria-hidden />}
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </Paper>
      )}
      {editing && (
        <TaxonomyItemForm
          kind={kind}
          listName={listName}
          item={editing.item}
          opened
          onClose={() => setEditing(null)}
          onSaved={(saved, isNew) => {
            setEditing(null);
            onChanged();
            notifySuccess(t(isNew ? 'settings.itemAdded' : 'settings.itemUpdated', { name: nameOf(saved) }));
          }}
        />
      )}
    </Stack>
  );
}
