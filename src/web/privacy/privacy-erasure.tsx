import { Button, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryString } from '../api/client.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { useLanguage } from '../ui/language.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { errorMessage } from '../ui/problems.js';
import { PRIVACY_NS } from './i18n.js';
import type { PrivacyRequestDetail } from './privacy-api.js';

interface Hold {
  name: string;
  label: { ar: string; en: string };
  references: string[];
}

/**
 * Issue 25 §5 (F2): an erasure request hands the execution to the erasure area through its own API —
 * the legal holds that would block it (`/privacy/erasure-holds`), then the erasure itself
 * (`/privacy/erasures`, which writes the ledger and answers 409 naming a hold). This request records
 * the decision; the answer to the requester is still sent from its page.
 */
export function ErasureHandOffSection({ request }: { request: PrivacyRequestDetail }) {
  const { t } = useTranslation(PRIVACY_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const me = useCurrentUser();
  const [isConfirming, setConfirming] = useState(false);
  const familyId = request.familyId;
  const canErase = Boolean(familyId) && request.status === 'verified' && hasRole(me.roles, 'privacy-officer');
  const holds = useQuery({
    queryKey: ['privacy', 'erasure-holds', familyId, request.reference],
    // This request does not hold its own erasure (issue 25 §5): the holds are read for it.
    queryFn: () =>
      api.get<{ holds: Hold[] }>(`/privacy/erasure-holds${queryString({ familyId: familyId ?? '', requestRef: request.reference })}`),
    enabled: canErase,
  });
  const erase = useMutation({
    mutationFn: () => api.post('/privacy/erasures', { familyId, reason: 'data-subject-request', requestRef: request.reference }),
    onSuccess: () => {
      setConfirming(false);
      notifySuccess(t('detail.erased'));
    },
    onError: (error) => {
      setConfirming(false);
      notifyError(errorMessage(tc, error));
    },
  });
  const list = holds.data?.holds ?? [];
  return (
    <Paper withBorder radius="md" p="md" component="section">
      <Stack gap="xs">
        <Title order={2} fz="h4">
          {t('detail.erasure')}
        </Title>
        <Text size="sm">{t('detail.erasureDecisionOnly')}</Text>
        {canErase && list.length > 0 && (
          <>
            <Text size="sm" fw={600}>
              {t('detail.erasureHolds')}
            </Text>
            <List size="sm">
              {list.map((hold) => (
                <List.Item key={hold.name}>
                  {hold.label[language]} {hold.references.join('، ')}
                </List.Item>
              ))}
            </List>
          </>
        )}
        {canErase && holds.isSuccess && list.length === 0 && (
          <Button color="red" variant="light" w="fit-content" onClick={() => setConfirming(true)}>
            {t('detail.erasureHandOff')}
          </Button>
        )}
      </Stack>
      <ConfirmDialog
        opened={isConfirming}
        title={t('detail.erasureHandOff')}
        message={t('detail.erasureConfirm')}
        confirmLabel={t('detail.erasureHandOff')}
        color="red"
        isPending={erase.isPending}
        onConfirm={() => erase.mutate()}
        onClose={() => setConfirming(false)}
      />
    </Paper>
  );
}
