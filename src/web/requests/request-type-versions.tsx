import { Anchor, Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RequestTypeVersion } from '../../contracts/requests.js';
import { api } from '../api/client.js';
import { DualDay } from '../ui/dual-day.js';
import { REQUESTS_NS } from './i18n.js';

/**
 * A request type's versions (issue 26 §3; B5, C2): one per create and edit, newest first, with who
 * saved it and when; each request keeps the version it was filed under. The public form is linked.
 */
export function RequestTypeVersions({ code, current }: { code: string; current: number }) {
  const { t } = useTranslation(REQUESTS_NS);
  const versions = useQuery({
    queryKey: ['request-types', 'settings', code, 'versions'],
    queryFn: () => api.get<{ items: RequestTypeVersion[] }>(`/settings/request-types/${encodeURIComponent(code)}/versions`),
  });
  if (!versions.data) return null;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} data-testid="request-type-versions">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('types.versions.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('types.versions.hint')}{' '}
          <Anchor href={`/documents/forms/${code}`} target="_blank" underline="always">
            {t('types.versions.publicForm')}
          </Anchor>
        </Text>
        <Table.ScrollContainer minWidth={420}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('types.versions.version')}</Table.Th>
                <Table.Th>{t('types.versions.at')}</Table.Th>
                <Table.Th>{t('types.versions.by')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {versions.data.items.map((version) => (
                <Table.Tr key={version.version}>
                  <Table.Td>
                    {version.version}{' '}
                    {version.version === current && (
                      <Badge size="sm" variant="light">
                        {t('types.versions.current')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <DualDay value={version.createdAt} withTime />
                  </Table.Td>
                  <Table.Td>{version.createdByName ?? t('types.versions.system')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}
