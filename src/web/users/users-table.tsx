import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StaffUser } from '../../contracts/staff.js';
import { useFormat } from '../ui/format.js';
import { Ltr } from '../ui/ltr.js';
import { ScrollTable } from '../ui/worklist.js';

/** Wide tables scroll inside their own box on a phone, never the page. */
export function UsersTable({ users }: { users: StaffUser[] }) {
  const { t } = useTranslation();
  const { dualDate } = useFormat();
  return (
    <ScrollTable minWidth={760} label={t('users.title')}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('users.colName')}</Table.Th>
            <Table.Th scope="col">{t('users.colUsername')}</Table.Th>
            <Table.Th scope="col">{t('users.colRoles')}</Table.Th>
            <Table.Th scope="col">{t('users.colStatus')}</Table.Th>
            <Table.Th scope="col">{t('users.colAuthenticator')}</Table.Th>
            <Table.Th scope="col">{t('users.colCreatedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => {
            const created = dualDate(user.createdAt);
            return (
              <Table.Tr key={user.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/users/${user.id}`} fw={600}>
                    {user.displayName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Ltr>{user.username}</Ltr>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {user.roles.map((role) => (
                      <Badge key={role} variant="light" radius="sm" size="sm">
                        {t(`roles.${role}`)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Badge color={user.isActive ? 'green' : 'gray'} variant="dot" size="sm">
                    {user.isActive ? t('common.active') : t('common.inactive')}
                  </Badge>
                </Table.Td>
                <Table.Td>{user.hasTotp ? t('users.totpOn') : t('users.totpOff')}</Table.Td>
                <Table.Td>
                  <Text size="sm">{created.hijri}</Text>
                  <Text size="xs" c="dimmed">
                    {created.gregorian}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
