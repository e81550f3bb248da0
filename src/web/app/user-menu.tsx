import { Button, Menu, Text } from '@mantine/core';
import { IconBuildingCommunity, IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useHeadedDepartments } from '../acknowledgements/acknowledgements-api.js';
import { useCurrentUser, useSessionEvents } from '../auth/session.js';
import { notifySuccess } from '../ui/notify.js';

/** The signed-in person's name, their account page, their department's policy copies if they head one (R2), and signing out. */
export function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { signOut } = useSessionEvents();
  const navigate = useNavigate();
  // R2 (issue 26 §5): only heads of a department or section see their copies (the list is empty for others).
  const isHead = (useHeadedDepartments().data?.items.length ?? 0) > 0;

  const onSignOut = async () => {
    await signOut();
    notifySuccess(t('auth.signedOut'));
    await navigate('/');
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-md"
          aria-label={t('shell.accountMenu', { name: user.displayName })}
          leftSection={<IconUserCircle size={20} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          px={6}
        >
          <Text span visibleFrom="sm" maw={220} truncate fz="sm" c="dark">
            {user.displayName}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.displayName}</Menu.Label>
        <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={16} aria-hidden />}>
          {t('shell.account')}
        </Menu.Item>
        {isHead && (
          <Menu.Item component={Link} to="/acknowledgements/department" leftSection={<IconBuildingCommunity size={16} aria-hidden />}>
            {t('acknowledgements:departmentCopies.nav')}
          </Menu.Item>
        )}
        <Menu.Item color="red" leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void onSignOut()}>
          {t('auth.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
