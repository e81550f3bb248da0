import { Badge, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconKey, IconPlayerPlay, IconUserOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffUser } from '../../contracts/staff.js';
import { api } from '../api/client.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { useFormat } from '../ui/format.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { errorMessage } from '../ui/problems.js';
import { OneTimePasswordModal } from './one-time-password-modal.js';
import { type StaffWithPassword, staffKeys } from './users-api.js';

type Action = 'deactivate' | 'reactivate' | 'reset';

/** An account's status, and the administrator's actions on it: deactivate, reactivate, reset. */
export function UserAccountActions({ user }: { user: StaffUser }) {
  // Issue 19 §2: what this user may do with this account now, from the server's policy.
  const can = user.abilities;
  const { t } = useTranslation();
  const { dualDate } = useFormat();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<Action | null>(null);
  const [isTotpReset, setTotpReset] = useState(false);
  const [issued, setIssued] = useState<StaffWithPassword | null>(null);
  const name = user.displayName;

  const act = useMutation({
    mutationFn: (action: Action): Promise<StaffUser | StaffWithPassword> =>
      action === 'reset'
        ? api.post<StaffWithPassword>(`/staff/users/${user.id}/reset`, { resetTotp: isTotpReset })
        : api.post<StaffUser>(`/staff/users/${user.id}/${action}`),
    onSuccess: (result, action) => {
      void queryClient.invalidateQueries({ queryKey: staffKeys.all });
      setAsking(null);
      if ('oneTimePassword' in result) {
        notifySuccess(t('users.resetDone', { name }));
        setIssued(result);
      } else notifySuccess(t(action === 'deactivate' ? 'users.deactivated' : 'users.reactivated', { name }));
    },
    onError: (error) => {
      setAsking(null);
      notifyError(errorMessage(t, error));
    },
  });

  const created = dualDate(user.createdAt);
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {t('users.accountStatus')}
        </Title>
        <Group gap="xs">
          <Badge color={user.isActive ? 'green' : 'gray'} variant="light">
            {user.isActive ? t('common.active') : t('common.inactive')}
          </Badge>
          <Badge color={user.hasTotp ? 'green' : 'gray'} variant="outline">
            {t('users.colAuthenticator')}: {user.hasTotp ? t('users.totpOn') : t('users.totpOff')}
          </Badge>
          {user.mustChangePassword && (
            <Badge color="yellow" variant="light">
              {t('users.mustChangePassword')}
            </Badge>
          )}
        </Group>
        <Text size="sm">
          {t('users.createdAt')}: {created.hijri} · {created.gregorian}
        </Text>
        {user.deactivatedAt && (
          <Text size="sm">
            {t('users.deactivatedAt')}: {dualDate(user.deactivatedAt).hijri} · {dualDate(user.deactivatedAt).gregorian}
          </Text>
        )}
        {(can.reset || can.deactivate || can.reactivate) && (
          <Group gap="sm" mt="xs">
            {can.reset && (
              <Button variant="light" leftSection={<IconKey size={18} aria-hidden />} onClick={() => setAsking('reset')}>
                {t('users.reset')}
              </Button>
            )}
            {can.deactivate && (
              <Button
                variant="light"
                color="red"
                leftSection={<IconUserOff size={18} aria-hidden />}
                onClick={() => setAsking('deactivate')}
              >
                {t('users.deactivate')}
              </Button>
            )}
            {can.reactivate && (
              <Button variant="light" leftSection={<IconPlayerPlay size={18} aria-hidden />} onClick={() => setAsking('reactivate')}>
                {t('users.reactivate')}
              </Button>
            )}
          </Group>
        )}
      </Stack>

      <ConfirmDialog
        opened={asking === 'deactivate'}
        title={t('users.deactivate')}
        message={t('users.confirmDeactivate', { name })}
        confirmLabel={t('users.deactivate')}
        color="red"
        isPending={act.isPending}
        onConfirm={() => act.mutate('deactivate')}
        onClose={() => setAsking(null)}
      />
      <ConfirmDialog
        opened={asking === 'reactivate'}
        title={t('users.reactivate')}
        message={t('users.confirmReactivate', { name })}
        confirmLabel={t('users.reactivate')}
        isPending={act.isPending}
        onConfirm={() => act.mutate('reactivate')}
        onClose={() => setAsking(null)}
      />
      <ConfirmDialog
        opened={asking === 'reset'}
        title={t('users.reset')}
        message={t('users.confirmReset', { name })}
        confirmLabel={t('users.reset')}
        isPending={act.isPending}
        onConfirm={() => act.mutate('reset')}
        onClose={() => setAsking(null)}
      >
        {user.hasTotp && (
          <Checkbox label={t('users.resetTotp')} checked={isTotpReset} onChange={(event) => setTotpReset(event.currentTarget.checked)} />
        )}
      </ConfirmDialog>
      <OneTimePasswordModal issued={issued} onClose={() => setIssued(null)} />
    </Paper>
  );
}
