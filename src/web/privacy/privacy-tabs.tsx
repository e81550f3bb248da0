import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { PRIVACY_NS } from './i18n.js';

/** The privacy area's three registers, linked from each of its lists (F2, issue 25 §2, §7, §8). */
export function PrivacyLinks() {
  const { t } = useTranslation(PRIVACY_NS);
  const { pathname } = useLocation();
  const links = [
    { to: '/privacy', label: t('tabs.requests') },
    { to: '/privacy/breaches', label: t('tabs.breaches') },
    { to: '/privacy/record', label: t('tabs.record') },
  ];
  return (
    <Group gap="lg" component="nav" aria-label={t('nav')}>
      {links.map((link) => (
        <Anchor
          key={link.to}
          component={Link}
          to={link.to}
          fw={pathname === link.to ? 700 : 400}
          aria-current={pathname === link.to ? 'page' : undefined}
        >
          {link.label}
        </Anchor>
      ))}
    </Group>
  );
}
