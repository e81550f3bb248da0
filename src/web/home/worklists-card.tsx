import { Anchor, Card, Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StaffRole } from '../../domain/roles.js';
import { navItemsFor } from '../ui/nav.js';
import { SETUP_NS } from './i18n.js';

/**
 * Issue 27 §6: a plain list of the pages a person works in, by their roles (the shell's menu, so
 * the two never disagree), until each role's own home page arrives.
 */
export function WorklistsCard({ roles }: { roles: readonly StaffRole[] }) {
  const { t } = useTranslation(SETUP_NS);
  const { t: tc } = useTranslation();
  const items = navItemsFor(roles).filter((item) => item.to !== '/');
  return (
    <Card withBorder radius="md" padding="lg" data-testid="home-worklists">
      <Stack gap="sm">
        <Title order={2} fz="md">
          {t('worklists.title')}
        </Title>
        <Text c="dimmed" fz="sm">
          {t('worklists.intro')}
        </Text>
        <List spacing="xs" listStyleType="none" ps={0}>
          {items.map((item) => (
            <List.Item key={item.to}>
              <Group gap="xs" wrap="nowrap">
                <ThemeIcon variant="light" size="sm" radius="sm" aria-hidden>
                  <item.icon size={14} />
                </ThemeIcon>
                <Anchor component={Link} to={item.to}>
                  {tc(item.labelKey)}
                </Anchor>
              </Group>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}
