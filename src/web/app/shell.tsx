import { AppShell, Burger, Group, Loader, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigation } from 'react-router';
import { LanguageToggle } from '../auth/language-toggle.js';
import { useCurrentUser } from '../auth/session.js';
import { useAssociation } from '../ui/association.js';
import { useLanguage } from '../ui/language.js';
import { type NavItem, navItemsFor } from '../ui/nav.js';
import './nav-items.js';
import { UserMenu } from './user-menu.js';

function isCurrent(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

/** The one item this page belongs to: the most specific match (/surveys/settings is its own item, not /surveys). */
function currentItem(pathname: string, items: readonly NavItem[]): string | undefined {
  const matches = items.filter(({ to }) => isCurrent(pathname, to)).map(({ to }) => to);
  return matches.sort((a, b) => b.length - a.length)[0];
}

/** The signed-in frame: header, navigation by role (a drawer below 48em), the page. */
export function Shell() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const user = useCurrentUser();
  const association = useAssociation().data;
  const { pathname } = useLocation();
  const navigation = useNavigation();
  const [isMenuOpen, menu] = useDisclosure(false);
  // Below the sm breakpoint the navigation is a drawer; closed, it is off screen and must not take focus either.
  const isNarrow = useMediaQuery('(max-width: 47.99em)');
  const isNavHidden = Boolean(isNarrow) && !isMenuOpen;
  const items = navItemsFor(user.roles);
  const current = currentItem(pathname, items);
  const shortName = association ? (language === 'ar' ? association.shortNameAr : association.shortNameEn) : '';

  // biome-ignore lint/correctness/useExhaustiveDependencies: the drawer closes whenever the page changes
  useEffect(() => menu.close(), [pathname]);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !isMenuOpen } }} padding="md">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={isMenuOpen}
              onClick={menu.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={isMenuOpen ? t('shell.closeMenu') : t('shell.openMenu')}
              aria-expanded={isMenuOpen}
            />
            <Text component={Link} to="/" fw={700} fz="lg" c="var(--mantine-primary-color-filled)" td="none">
              {t('app.name')}
            </Text>
            <Text c="dimmed" truncate visibleFrom="xs">
              {shortName}
            </Text>
            {navigation.state === 'loading' && <Loader size="xs" aria-label={t('app.loading')} />}
          </Group>
          <Group gap={4} wrap="nowrap">
            <LanguageToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      {/* An administrator's menu is taller than a laptop's screen: it scrolls on its own (the page keeps its place). */}
      <AppShell.Navbar p="sm" aria-label={t('shell.navigation')} inert={isNavHidden} style={{ overflowY: 'auto' }}>
        <Stack gap={4}>
          {items.map(({ to, labelKey, icon: Icon }) => {
            const isActive = to === current;
            return (
              <NavLink
                key={to}
                component={Link}
                to={to}
                label={t(labelKey)}
                leftSection={<Icon size={20} aria-hidden />}
                active={isActive}
                aria-current={isActive ? 'page' : undefined}
                variant="light"
              />
            );
          })}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
