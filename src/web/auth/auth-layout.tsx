import { Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssociation } from '../ui/association.js';
import { useLanguage } from '../ui/language.js';
import { LanguageToggle } from './language-toggle.js';

/** The frame of the signing-in screens: the association, a language switch, one card. */
export function AuthLayout({ title, children, width = 460 }: { title: string; children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const association = useAssociation().data;
  const shortName = association ? (language === 'ar' ? association.shortNameAr : association.shortNameEn) : '';
  useDocumentTitle(`${title} · ${t('app.name')}`);

  return (
    <Box mih="100dvh" bg="gray.0">
      <Group component="header" justify="space-between" wrap="nowrap" px="md" py="sm">
        <Group gap="xs" wrap="nowrap" miw={0}>
          <Text fw={700} fz="xl" c="var(--mantine-primary-color-filled)">
            {t('app.name')}
          </Text>
          {shortName && (
            <Text c="dimmed" truncate>
              {shortName}
            </Text>
          )}
        </Group>
        <LanguageToggle />
      </Group>
      <Container component="main" size={width} px="sm" py={{ base: 'md', sm: 'xl' }}>
        <Paper withBorder shadow="xs" radius="lg" p={{ base: 'md', sm: 'xl' }}>
          <Stack gap="md">
            <Title order={1} fz="h2">
              {title}
            </Title>
            {children}
          </Stack>
        </Paper>
      </Container>
    </Box>
  );
}
