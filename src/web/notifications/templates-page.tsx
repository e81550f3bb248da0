import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { Ltr } from '../ui/ltr.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { ScrollTable } from '../ui/worklist.js';
import { NOTIFICATIONS_NS } from './i18n.js';
import { useMessageLabels } from './labels.js';
import { type Template, type TemplateCatalog, useTemplateCatalog } from './notifications-api.js';
import { TemplateEditor } from './template-editor.js';

type Entry = TemplateCatalog[number];

/** Issue 4 §7, §9: every event's templates per channel and language, each editable and resettable. */
export function TemplatesPage() {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const catalog = useTemplateCatalog();
  const labels = useMessageLabels();
  const [editing, setEditing] = useState<{ entry: Entry; template: Template } | null>(null);

  if (!hasRole(me.roles, 'administrator')) return <NotAllowed />;

  const titleOf = (template: Template) =>
    t('editTitle', {
      event: labels.event(template.event),
      channel: labels.channel(template.channel),
      language: t(`languages.${template.language}`),
    });

  return (
    <Page title={t('templatesTitle')}>
      <Text c="dimmed">{t('templatesIntro')}</Text>
      {catalog.isPending && <PageLoader />}
      {catalog.isError && <LoadFailure message={errorMessage(tc, catalog.error)} />}
      {catalog.data?.map((entry) => (
        <Paper key={entry.event} withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <Stack gap="sm">
            <Group gap="sm">
              <Title order={2} fz="h4">
                {labels.event(entry.event)}
              </Title>
              {entry.isSensitive && (
                <Badge color="red" variant="light">
                  {t('sensitive')}
                </Badge>
              )}
            </Group>
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                {t('placeholders')}:
              </Text>
              {entry.placeholders.map((name) => (
                <Badge key={name} variant="outline" color="gray" tt="none">
                  <Ltr>{`{{${name}}}${entry.requiredPlaceholders.includes(name) ? ' *' : ''}`}</Ltr>
                </Badge>
              ))}
            </Group>
            <ScrollTable minWidth={640} label={t('templatesTitle')}>
              <Table striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('channel')}</Table.Th>
                    <Table.Th scope="col">{t('language')}</Table.Th>
                    <Table.Th scope="col">{t('body')}</Table.Th>
                    <Table.Th scope="col">{t('status')}</Table.Th>
                    <Table.Th scope="col">{tc('common.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {entry.templates.map((template) => (
                    <Table.Tr key={`${template.channel}-${template.language}`} data-template={`${template.channel}-${template.language}`}>
                      <Table.Td>{labels.channel(template.channel)}</Table.Td>
                      <Table.Td>{t(`languages.${template.language}`)}</Table.Td>
                      <Table.Td maw={360}>
                        <Text size="sm" lineClamp={2} dir={template.language === 'ar' ? 'rtl' : 'ltr'}>
                          {template.subject ? `${template.subject} — ` : ''}
                          {template.body}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={template.isEdited ? 'grape' : 'gray'} variant="light">
                          {template.isEdited ? t('edited') : t('default')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-sm"
                          variant="light"
                          leftSection={<IconPencil size={16} aria-hidden />}
                          aria-label={t('editTemplateLabel', {
                            event: labels.event(template.event),
                            channel: labels.channel(template.channel),
                            language: t(`languages.${template.language}`),
                          })}
                          onClick={() => setEditing({ entry, template })}
                        >
                          {t('editTemplate')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </Stack>
        </Paper>
      ))}
      {editing && (
        <TemplateEditor
          template={editing.template}
          title={titleOf(editing.template)}
          placeholders={editing.entry.placeholders}
          required={editing.entry.requiredPlaceholders}
          onClose={() => setEditing(null)}
        />
      )}
    </Page>
  );
}
