import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { IconExternalLink, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactOfficer } from '../../contracts/complaints.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { useLanguage } from '../ui/language.js';
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

/** Below this width (the grid's own box, not the window) each category is listed on its own instead. */
const COLUMN_WIDTH = 128;
const HEADER_WIDTH = 132;

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
  const { language } = useLanguage();
  const { ref, width } = useElementSize();
  const name = (item: Named) => (language === 'ar' ? item.nameAr : item.nameEn);
  const rows: Line[] = [...categories.map((c) => ({ code: c.code, label: name(c) })), { code: null, label: t('anyCategory') }];
  const columns: Line[] = [...domains.map((d) => ({ code: d.code, label: name(d) })), { code: null, label: t('anyDomain') }];
  const cellProps = { entries, canEdit, onEdit };
  // The whole grid fits at 1280 px beside the menu (names and headings wrap); narrower, one block per category.
  const fits = width >= HEADER_WIDTH + columns.length * COLUMN_WIDTH;
  return (
    <div ref={ref} data-testid="register-grid" data-layout={fits ? 'grid' : 'stacked'}>
      {width > 0 && (
        <Text size="sm" c="dimmed" mb="sm">
          {t(fits ? 'gridHint' : 'gridHintStacked')}
        </Text>
      )}
      {width === 0 ? null : fits ? (
        <Table withTableBorder withColumnBorders verticalSpacing="sm" layout="fixed" style={{ wordBreak: 'normal' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={HEADER_WIDTH}>
                {t('categoryDomain')}
              </Table.Th>
              {columns.map((column) => (
                <Table.Th key={column.code ?? 'any'} scope="col" fz="sm">
                  {column.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.code ?? 'any'}>
                <Table.Th scope="row" fz="sm">
                  {row.label}
                </Table.Th>
                {columns.map((column) => (
                  <Table.Td
                    key={column.code ?? 'any'}
                    data-cell={`${row.code ?? '*'}|${column.code ?? '*'}`}
                    bg={row.code === null && column.code === null ? 'var(--mantine-color-gray-0)' : undefined}
                  >
                    <CellBody row={row} column={column} {...cellProps} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Stack gap="md">
          {rows.map((row) => (
            <Paper key={row.code ?? 'any'} withBorder radius="sm" p="sm" component="section" aria-label={row.label}>
              <Title order={3} fz="md" mb="xs">
                {row.label}
              </Title>
              <Stack gap={0}>
                {columns.map((column, index) => (
                  <Group
                    key={column.code ?? 'any'}
                    data-cell={`${row.code ?? '*'}|${column.code ?? '*'}`}
                    justify="space-between"
                    align="flex-start"
                    wrap="nowrap"
                    gap="xs"
                    py={6}
                    style={index > 0 ? { borderTop: '1px solid var(--mantine-color-gray-3)' } : undefined}
                  >
                    <Stack gap={2} style={{ minWidth: 0 }}>
                      <Text size="xs" c="dimmed">
                        {column.label}
                      </Text>
                      <CellBody row={row} column={column} {...cellProps} hideButton />
                    </Stack>
                    <CellButton row={row} column={column} {...cellProps} />
                  </Group>
                ))}
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </div>
  );
}

interface Line {
  code: string | null;
  label: string;
}
interface CellProps {
  row: Line;
  column: Line;
  entries: ContactOfficer[];
  canEdit: boolean;
  onEdit(key: EntryKey, entry: ContactOfficer | null): void;
}
const entryOf = ({ row, column, entries }: CellProps) => entries.find((e) => e.category === row.code && e.domain === column.code) ?? null;

/** One cell: its officer and backup and (for administrators) the button that adds or edits them. */
function CellBody(props: CellProps & { hideButton?: boolean }) {
  const { t } = useTranslation(OFFICERS_NS);
  if (props.row.code === null && props.column.code === null)
    return (
      <Text size="sm" c="dimmed">
        {t('generalQueue')}
      </Text>
    );
  const entry = entryOf(props);
  return (
    <>
      {entry ? <Cell entry={entry} /> : null}
      {!props.hideButton && <CellButton {...props} />}
    </>
  );
}

function CellButton(props: CellProps) {
  const { t } = useTranslation(OFFICERS_NS);
  const { t: tc } = useTranslation();
  const { row, column, canEdit, onEdit } = props;
  if (!canEdit || (row.code === null && column.code === null)) return null;
  const entry = entryOf(props);
  const where = t('cellName', { category: row.label, domain: column.label });
  return (
    <Button
      size="compact-sm"
      variant={entry ? 'subtle' : 'light'}
      mt={entry ? 4 : 0}
      style={{ flexShrink: 0 }}
      leftSection={entry ? <IconPencil size={14} aria-hidden /> : <IconPlus size={14} aria-hidden />}
      aria-label={entry ? t('editIn', { where }) : t('addIn', { where })}
      onClick={() => onEdit({ category: row.code, domain: column.code }, entry)}
    >
      {entry ? tc('common.edit') : tc('common.add')}
    </Button>
  );
}

function Cell({ entry }: { entry: ContactOfficer }) {
  const { t } = useTranslation(OFFICERS_NS);
  return (
    <Stack gap={2}>
      <Group gap={4}>
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
        <Group gap={4}>
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
