import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconExternalLink, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactOfficer } from '../../contracts/complaints.js';
import { useLanguage } from '../app/language.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { useTaxonomies } from '../users/users-api.js';
import { AbsencePanel } from './absence-panel.js';
import { OFFICERS_NS } from './i18n.js';
import { type EntryKey, OfficerEntryForm } from './officer-entry-form.js';
import { useRegister } from './officers-api.js';

/**
 * The contact-officer register (issue 6 §8, G1): a grid of beneficiary category × association domain,
 * each cell the officer and backup who answer its inquiries; a whole row or column stands for "any".
 */
export function ContactOfficersPage() {
  const { t } = useTranslation(OFFICERS_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const register = useRegister();
  const taxonomies = useTaxonomies();
  const [editing, setEditing] = useState<{ key: EntryKey; entry: ContactOfficer | null } | null>(null);
  if (!hasRole(me.roles, 'administrator', 'management')) return <NotAllowed />;
  const canEdit = hasRole(me.roles, 'administrator');
  if (register.isPending || taxonomies.isPending) return <PageLoader />;
  if (register.isError || taxonomies.isError) return <LoadFailure message={errorMessage(tc, register.error ?? taxonomies.error)} />;
  const entries = register.data.items.filter((entry) => entry.isActive);
  const inactive = register.data.items.filter((entry) => !entry.isActive);
  return (
    <Page
      title={t('title')}
      actions={
        <Anchor href="/contact" target="_blank" rel="noopener">
          <Group gap={4} component="span">
            {t('publicPage')}
            <IconExternalLink size={16} aria-hidden />
          </Group>
        </Anchor>
      }
    >
      <Text>{t('intro')}</Text>
      <Paper withBorder radius="md" component="section" aria-labelledby="register-grid">
        <Stack gap="sm" p={{ base: 'sm', sm: 'md' }}>
          <Title order={2} fz="lg" id="register-grid">
            {t('grid')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('gridHint')}
          </Text>
          <RegisterGrid
            entries={entries}
            categories={taxonomies.data.categories}
            domains={taxonomies.data.domains}
            canEdit={canEdit}
            onEdit={(key, entry) => setEditing({ key, entry })}
          />
          {inactive.length > 0 && (
            <Text size="sm" c="dimmed">
              {t('inactiveCount', { count: inactive.length })}
            </Text>
          )}
        </Stack>
      </Paper>
      <AbsencePanel canEdit={canEdit} />
      {editing && (
        <OfficerEntryForm
          entryKey={editing.key}
          entry={editing.entry}
          inactive={inactive.find((e) => e.category === editing.key.category && e.domain === editing.key.domain) ?? null}
          onClose={() => setEditing(null)}
        />
      )}
    </Page>
  );
}

interface Named {
  code: string;
  nameAr: string;
  nameEn: string;
}

function RegisterGrid({
  entries,
  categories,
  domains,
  canEdit,
  onEdit,
}: {
  entries: ContactOfficer[];
  categories: Named[];
  domains: Named[];
  canEdit: boolean;
  onEdit(key: EntryKey, entry: ContactOfficer | null): void;
}) {
  const { t } = useTranslation(OFFICERS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const name = (item: Named) => (language === 'ar' ? item.nameAr : item.nameEn);
  const rows: Array<{ code: string | null; label: string }> = [
    ...categories.map((c) => ({ code: c.code, label: name(c) })),
    { code: null, label: t('anyCategory') },
  ];
  const columns: Array<{ code: string | null; label: string }> = [
    ...domains.map((d) => ({ code: d.code, label: name(d) })),
    { code: null, label: t('anyDomain') },
  ];
  return (
    <Table.ScrollContainer
      minWidth={200 + columns.length * 190}
      scrollAreaProps={{ viewportProps: { tabIndex: 0, 'aria-label': t('grid') } }}
    >
      <Table withTableBorder withColumnBorders verticalSpacing="sm" style={{ wordBreak: 'normal' }} data-testid="register-grid">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('categoryDomain')}</Table.Th>
            {columns.map((column) => (
              <Table.Th key={column.code ?? 'any'} scope="col">
                {column.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.code ?? 'any'}>
              <Table.Th scope="row">{row.label}</Table.Th>
              {columns.map((column) => {
                const key = { category: row.code, domain: column.code };
                const entry = entries.find((e) => e.category === row.code && e.domain === column.code) ?? null;
                const where = t('cellName', { category: row.label, domain: column.label });
                if (row.code === null && column.code === null)
                  return (
                    <Table.Td key="general" bg="var(--mantine-color-gray-0)">
                      <Text size="sm" c="dimmed">
                        {t('generalQueue')}
                      </Text>
                    </Table.Td>
                  );
                return (
                  <Table.Td key={column.code ?? 'any'} data-cell={`${row.code ?? '*'}|${column.code ?? '*'}`}>
                    {entry ? <Cell entry={entry} /> : null}
                    {canEdit && (
                      <Button
                        size="compact-sm"
                        variant={entry ? 'subtle' : 'light'}
                        mt={entry ? 4 : 0}
                        leftSection={entry ? <IconPencil size={14} aria-hidden /> : <IconPlus size={14} aria-hidden />}
                        aria-label={entry ? t('editIn', { where }) : t('addIn', { where })}
                        onClick={() => onEdit(key, entry)}
                      >
                        {entry ? tc('common.edit') : tc('common.add')}
                      </Button>
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Cell({ entry }: { entry: ContactOfficer }) {
  const { t } = useTranslation(OFFICERS_NS);
  return (
    <Stack gap={2}>
      <Group gap={4} wrap="nowrap">
        <Text size="sm" fw={600}>
          {entry.officer.displayName}
        </Text>
        {entry.officer.isAbsent && (
          <Badge size="xs" color="orange" variant="light">
            {t('absent')}
          </Badge>
        )}
      </Group>
      {entry.backup && (
        <Group gap={4} wrap="nowrap">
          <Text size="xs" c="dimmed">
            {t('backupShort', { name: entry.backup.displayName })}
          </Text>
          {entry.backup.isAbsent && (
            <Badge size="xs" color="orange" variant="light">
              {t('absent')}
            </Badge>
          )}
        </Group>
      )}
    </Stack>
  );
}
