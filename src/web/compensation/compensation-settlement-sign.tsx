import { Button, Text } from '@mantine/core';
import { IconSignature } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubjectAttestation, SubjectAttestationState, SubjectSignatureBody } from '../../contracts/attestations.js';
import { api } from '../api/client.js';
import { notifySuccess } from '../ui/notify.js';
import { PageLoader } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { errorMessage } from '../ui/problems.js';
import { AttestedLines, SignatureReview } from '../ui/signature-review.js';
import { type CompensationDetail, compensationKeys } from './compensation-api.js';
import { COMPENSATION_NS } from './i18n.js';

const KIND = 'compensation-settlement';
const subjectPath = (id: string) => `/attestations/${KIND}/${encodeURIComponent(id)}`;

/**
 * Issue 23 §4, C4: the family signs the settlement's terms on the screen, through the attestation
 * of any subject. The terms shown are the server's (with the SHA-256 the signature binds); changed
 * terms void the signature on the server and the button comes back for a new one.
 */
export function SettlementSignature({ detail }: { detail: CompensationDetail }) {
  const { t } = useTranslation(COMPENSATION_NS);
  const [isOpen, setIsOpen] = useState(false);
  if (!detail.abilities.attestSettlement) {
    // Terms waiting for the family, and this user is not one who witnesses: say who does.
    return detail.settlement && !detail.settlement.isAttested && detail.abilities.saveSettlement ? (
      <Text size="sm" c="dimmed">
        {t('settlement.witnessOnly')}
      </Text>
    ) : null;
  }
  return (
    <>
      <Button leftSection={<IconSignature size={18} aria-hidden />} onClick={() => setIsOpen(true)} w="fit-content">
        {t('settlement.signOnScreen')}
      </Button>
      {isOpen && <SignModal caseId={detail.id} onClose={() => setIsOpen(false)} />}
    </>
  );
}

function SignModal({ caseId, onClose }: { caseId: string; onClose(): void }) {
  const { t } = useTranslation(COMPENSATION_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  // Read when the modal opens: the terms as they are now, never a copy cached before a change.
  const state = useQuery({
    queryKey: ['attestations', KIND, caseId],
    queryFn: () => api.get<SubjectAttestationState>(subjectPath(caseId)),
    staleTime: 0,
    gcTime: 0,
  });
  const sign = useMutation({
    mutationFn: (body: SubjectSignatureBody) => api.post<SubjectAttestation>(`${subjectPath(caseId)}/signature`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: compensationKeys.one(caseId) });
      notifySuccess(t('settlement.signed'));
      onClose();
    },
    // 409 attestation.data-changed: the terms changed meanwhile; show them as they are now.
    onError: () => void state.refetch(),
  });
  return (
    <SignatureReview
      title={t('settlement.signTitle')}
      intro={t('settlement.signIntro')}
      padLabel={t('settlement.padLabel')}
      confirmLabel={t('settlement.confirmSignature')}
      dataSha256={state.data?.dataSha256 ?? null}
      isPending={sign.isPending}
      error={sign.isError ? errorMessage(tc, sign.error) : null}
      onConfirm={(signaturePng, dataSha256) => sign.mutate({ signaturePng, dataSha256 })}
      onClose={onClose}
    >
      {state.isPending && <PageLoader />}
      <ProblemAlert message={state.isError ? errorMessage(tc, state.error) : null} />
      {state.data && <AttestedLines caption={t('settlement.terms', { reference: state.data.reference })} lines={state.data.lines} />}
    </SignatureReview>
  );
}
