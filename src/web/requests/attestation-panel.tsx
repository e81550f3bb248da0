import { Alert, Badge, Button, Code, FileInput, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconPrinter, IconShieldCheck, IconSignature, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceRequest, SignatureAttestationBody } from '../../contracts/requests.js';
import { api } from '../api/client.js';
import { useFamily } from '../families/families-api.js';
import { DualDay } from '../ui/dual-day.js';
import { LIST_SEPARATOR } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { notifySuccess } from '../ui/notify.js';
import { PageLoader } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { errorMessage } from '../ui/problems.js';
import { AttestedLines, SignatureReview } from '../ui/signature-review.js';
import { answerText } from './answer-fields.js';
import { ChosenFileName } from './documents-panel.js';
import { REQUESTS_NS } from './i18n.js';
import { attestationFormUrl, requestKeys } from './requests-api.js';

/**
 * Attestation (C4): staff review the data with the family, who signs on the screen; or the printed
 * form is signed on paper and its scan uploaded. A later change to the data voids it, shown plainly.
 */
/**
 * The attestation voided last and not replaced since (C4): the server drops a voided attestation
 * from the request (`attestation` is then null), so it is read from the history, whose
 * `attestation-voided` entry carries the reason as its note.
 */
export function voidedAttestation(request: ServiceRequest): { at: string; reason: string | null } | null {
  if (request.attestation)
    return request.attestation.voidedAt ? { at: request.attestation.voidedAt, reason: request.attestation.voidReason } : null;
  const last = [...request.history].reverse().find((entry) => entry.event === 'attested' || entry.event === 'attestation-voided');
  return last?.event === 'attestation-voided' ? { at: last.at, reason: last.note } : null;
}

export function AttestationPanel({ request }: { request: ServiceRequest }) {
  const { t } = useTranslation(REQUESTS_NS);
  const [isReviewing, setIsReviewing] = useState(false);
  const current = request.attestation;
  const voided = voidedAttestation(request);
  const isValid = current !== null && current.voidedAt === null && request.completeness.isAttested;
  const canAttest = request.abilities.attest && !isValid;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="attestation-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="attestation-title">
          {t('attestation.title')}
        </Title>
        {voided ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('attestation.voidedTitle')} role="status">
            <Text size="sm">
              {t('attestation.voidedBody')} <DualDay value={voided.at} withTime inline />
            </Text>
            {voided.reason && (
              <Text size="sm" mt={4}>
                {t('attestation.voidReason')}: {t(`attestation.voidReasons.${voided.reason}`, { defaultValue: voided.reason })}
              </Text>
            )}
          </Alert>
        ) : current && isValid ? (
          <Alert color="green" variant="light" icon={<IconShieldCheck aria-hidden />} title={t('attestation.validTitle')} role="status">
            <Stack gap={2}>
              <Text size="sm">
                {t(`attestation.methods.${current.method}`)} — <DualDay value={current.attestedAt} withTime inline />
              </Text>
              {current.witnessName && <Text size="sm">{t('attestation.witness', { name: current.witnessName })}</Text>}
              <Text size="xs">
                {t('attestation.fingerprint')}: <Code style={{ wordBreak: 'break-all' }}>{current.dataSha256}</Code>
              </Text>
            </Stack>
          </Alert>
        ) : (
          <Text c="dimmed">{t('attestation.none')}</Text>
        )}
        {canAttest && (
          <Group gap="sm">
            <Button leftSection={<IconSignature size={18} aria-hidden />} onClick={() => setIsReviewing(true)}>
              {t('attestation.review')}
            </Button>
            <Button
              component="a"
              href={attestationFormUrl(request.id)}
              target="_blank"
              rel="noopener"
              variant="default"
              leftSection={<IconPrinter size={18} aria-hidden />}
            >
              {t('attestation.printForm')}
            </Button>
          </Group>
        )}
        {canAttest && <PaperScan request={request} />}
      </Stack>
      {isReviewing && <ReviewModal request={request} onClose={() => setIsReviewing(false)} />}
    </Paper>
  );
}

/** Exactly the data the family attests: the family's core data, the answers and the documents (C4). */
function ReviewModal({ request, onClose }: { request: ServiceRequest; onClose(): void }) {
  const { t } = useTranslation(REQUESTS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const queryClient = useQueryClient();
  const family = useFamily(request.familyId);
  const attest = useMutation({
    mutationFn: (body: SignatureAttestationBody) => api.post(`/requests/${encodeURIComponent(request.id)}/attestations`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: requestKeys.all });
      notifySuccess(t('attestation.signed'));
      onClose();
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: requestKeys.one(request.id) }),
  });
  const yesNo = { yes: t('yes'), no: t('no') };
  const fields = request.type.checklist.filter((item) => item.kind === 'field');
  return (
    <SignatureReview
      title={t('attestation.reviewTitle')}
      intro={t('attestation.reviewIntro')}
      padLabel={t('attestation.padLabel')}
      confirmLabel={t('attestation.confirm')}
      dataSha256={request.dataSha256}
      isPending={attest.isPending}
      error={attest.isError ? errorMessage(tc, attest.error) : null}
      onConfirm={(signaturePng, dataSha256) => attest.mutate({ method: 'signature-pad', signaturePng, dataSha256 })}
      onClose={onClose}
    >
      {family.isPending && <PageLoader />}
      {family.data && (
        <Paper withBorder radius="md" p="md">
          <Title order={3} fz="md" mb="xs">
            {t('attestation.familyData')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="dl" m={0}>
            <Line label={t('attestation.headName')}>{family.data.headNameAr}</Line>
            <Line label={t('attestation.familyReference')}>
              <Ltr>{family.data.reference}</Ltr>
            </Line>
            <Line label={t('attestation.nationalId')}>
              <Ltr>{family.data.nationalId}</Ltr>
            </Line>
            <Line label={t('attestation.mobile')}>{family.data.mobile ? <Ltr>{family.data.mobile}</Ltr> : '—'}</Line>
            <Line label={t('attestation.city')}>{family.data.city}</Line>
            <Line label={t('attestation.address')}>{family.data.address ?? '—'}</Line>
            <Line label={t('attestation.members')}>
              {family.data.members.length ? family.data.members.map((member) => member.name).join(LIST_SEPARATOR[language]) : '—'}
            </Line>
          </SimpleGrid>
        </Paper>
      )}
      <AttestedLines
        caption={t('attestation.requestData', { type: language === 'ar' ? request.type.nameAr : request.type.nameEn })}
        lines={[
          ...fields.map((item) => ({
            key: item.key,
            labelAr: item.labelAr,
            labelEn: item.labelEn,
            value: answerText(item, request.answers[item.key], language, yesNo),
          })),
          ...request.documents.map((document) => ({
            key: document.id,
            labelAr: t('attestation.document'),
            labelEn: t('attestation.document'),
            value: <bdi>{document.name}</bdi>,
          })),
        ]}
      />
    </SignatureReview>
  );
}

function Line({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" align="baseline">
      <Text size="sm" c="dimmed" component="dt">
        {label}:
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </Group>
  );
}

/** The form's code as typed: 12 hex digits or more once spaces and dashes are dropped (C4). */
function typedFormCode(value: string): string | null {
  const hex = value.replace(/[\s\-\u2010-\u2015\u2212]/g, '').toLowerCase();
  return /^[0-9a-f]{12,64}$/.test(hex) ? hex : null;
}

/**
 * The printed form signed on paper, scanned and uploaded instead of the screen signature, with the
 * code printed on that form typed from the paper (C4): the server refuses it when the data changed
 * after the form was printed, so a stale form never attests data the family did not see.
 */
function PaperScan({ request }: { request: ServiceRequest }) {
  const { t } = useTranslation(REQUESTS_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [code, setCode] = useState('');
  const [isCodeShown, setIsCodeShown] = useState(false);
  const upload = useMutation({
    mutationFn: ({ scan, formCode }: { scan: File; formCode: string }) => {
      const form = new FormData();
      // Fields before the file: the server reads them as the upload streams.
      form.append('method', 'paper');
      form.append('formCode', formCode);
      form.append('file', scan, scan.name);
      return api.upload(`/requests/${encodeURIComponent(request.id)}/attestations`, form);
    },
    onSuccess: () => {
      setFile(null);
      setCode('');
      setIsCodeShown(false);
      void queryClient.invalidateQueries({ queryKey: requestKeys.all });
      notifySuccess(t('attestation.scanUploaded'));
    },
  });
  const formCode = typedFormCode(code);
  const codeError = isCodeShown && !formCode ? t(code.trim() ? 'attestation.formCodeInvalid' : 'attestation.formCodeRequired') : null;
  const send = () => {
    setIsCodeShown(true);
    if (file && formCode) upload.mutate({ scan: file, formCode });
  };
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <FileInput
          label={t('attestation.scanLabel')}
          description={t('attestation.scanHint')}
          accept="application/pdf,image/png,image/jpeg"
          value={file}
          onChange={setFile}
          clearable
          clearButtonProps={{ 'aria-label': t('attestation.clearScan') }}
          valueComponent={ChosenFileName}
          w={{ base: '100%', sm: 340 }}
        />
        <TextInput
          label={t('attestation.formCodeLabel')}
          description={t('attestation.formCodeHint')}
          placeholder="9F86-D081-884C"
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={codeError}
          dir="ltr"
          autoComplete="off"
          spellCheck={false}
          w={{ base: '100%', sm: 220 }}
        />
        <Button
          variant="light"
          leftSection={<IconUpload size={16} aria-hidden />}
          disabled={!file}
          loading={upload.isPending}
          onClick={send}
        >
          {t('attestation.uploadScan')}
        </Button>
      </Group>
      <ProblemAlert message={upload.isError ? errorMessage(tc, upload.error) : null} />
    </Stack>
  );
}

export function AttestationBadge({ request }: { request: ServiceRequest }) {
  const { t } = useTranslation(REQUESTS_NS);
  if (request.completeness.isAttested)
    return (
      <Badge color="green" variant="light">
        {t('attestation.attestedShort')}
      </Badge>
    );
  if (voidedAttestation(request))
    return (
      <Badge color="red" variant="light">
        {t('attestation.voidedShort')}
      </Badge>
    );
  return null;
}
