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
 * (`/privacy/erasures`, which writes the ledger and answers 409 naming a hold) — or, for a complainant
 * or inquirer who is not a registered family, their case's (`/privacy/complainant-erasures`). This
 * request records the decision; the answer to the requester is still sent from its page.
 */
export function ErasureHandOffSection({ request }: { request: PrivacyRequestDetail }) {
  const { t } = useTranslation(PRIVACY_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const me = useCurrentUser();
  const [isConfirming, setConfirming] = useState(false);
  const familyId = request.familyId;
  // §2, §5: a complainant or inquirer who is not a registered family is erased by their case's reference.
  const complaintReference = familyId ? null : request.complaintReference;
  const subject = familyId ? 'family' : 'complainant';
  const canErase = Boolean(familyId || complaintReference) && request.status === 'verified' && hasRole(me.roles, 'privacy-officer');
  const holds = useQuery({
    queryKey: ['privacy', 'erasure-holds', familyId, complaintReference, request.reference],
    // This request does not hold its own erasure (issue 25 §5): the holds are read for it.
    queryFn: () =>
      familyId
        ? api.get<{ holds: Hold[] }>(`/privacy/erasure-holds${queryString({ familyId, requestRef: request.reference })}`)
        : api.get<{ holds: Hold[] }>(
            `/privacy/complainant-erasure-holds${queryString({ complaintReference: complaintReference ?? '', requestRef: request.reference })}`,
          ),
    enabled: canErase,
  });
  const erase = useMutation({
    mutationFn: () =>
      familyId
        ? api.post('/privacy/erasures', { familyId, reason: 'data-subject-request', requestRef: request.reference })
        : api.post('/privacy/complainant-erasures', { complaintReference, reason: 'data-subject-request', requestRef: request.reference }),
    onSuccess: () => {
      setConfirming(false);
      notifySuccess(t(subject === 'family' ? 'detail.erased' : 'detail.complainantErased'));
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
            {t(subject === 'family' ? 'detail.erasureHandOff' : 'detail.complainantErasureHandOff')}
          </Button>
        )}
      </Stack>
      <ConfirmDialog
        opened={isConfirming}
        title={t(subject === 'family' ? 'detail.erasureHandOff' : 'detail.complainantErasureHandOff')}
        message={t(subject === 'family' ? 'detail.erasureConfirm' : 'detail.complainantErasureConfirm')}
        confirmLabel={t(subject === 'family' ? 'detail.erasureHandOff' : 'detail.complainantErasureHandOff')}
        color="red"
        isPending={erase.isPending}
        onConfirm={() => erase.mutate()}
        onClose={() => setConfirming(false)}
      />
    </Paper>
  );
}
