import { Button, Group, NumberInput, Paper, Select, Stack, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REFUSAL_REASONS, VERIFICATION_METHODS } from '../../contracts/privacy.js';
import { api } from '../api/client.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { errorMessage } from '../ui/problems.js';
import { PRIVACY_NS } from './i18n.js';
import { type PrivacyRequestDetail, requestPath, useRequestStep } from './privacy-api.js';

/** The steps the officer may take now (the server's abilities): verify, answer, extend once, refuse with a lawful reason. */
export function RequestActions({ request }: { request: PrivacyRequestDetail }) {
  const { abilities } = request;
  if (!abilities.verify && !abilities.answer && !abilities.extend && !abilities.refuse) return null;
  return (
    <Stack gap="md">
      {abilities.verify && <VerifyForm request={request} />}
      {abilities.answer && <AnswerForm request={request} />}
      {abilities.extend && <ExtendForm request={request} />}
      {abilities.refuse && <RefuseForm request={request} />}
    </Stack>
  );
}

function useStep<Body>(request: PrivacyRequestDetail, path: string, done: string) {
  const { t } = useTranslation(PRIVACY_NS);
  const { t: tc } = useTranslation();
  const step = useRequestStep(request.id, (body: Body) => api.post<PrivacyRequestDetail>(requestPath(request.id, path), body));
  return {
    isPending: step.isPending,
    send: (body: Body) => step.mutate(body, { onSuccess: () => notifySuccess(t(done)), onError: (e) => notifyError(errorMessage(tc, e)) }),
  };
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section">
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function VerifyForm({ request }: { request: PrivacyRequestDetail }) {
  const { t } = useTranslation(PRIVACY_NS);
  const [method, setMethod] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const step = useStep<{ method: string; note?: string }>(request, '/verification', 'detail.verified');
  return (
    <Section title={t('detail.verify')}>
      <Select
        label={t('detail.method')}
        data={VERIFICATION_METHODS.map((value) => ({ value, label: t(`method.${value}`) }))}
        value={method}
        onChange={setMethod}
        required
      />
      <Textarea label={t('detail.note')} autosize maxLength={1000} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      <Button
        w="fit-content"
        disabled={!method}
        loading={step.isPending}
        onClick={() => method && step.send({ method, ...(note.trim() ? { note: note.trim() } : {}) })}
      >
        {t('detail.verify')}
      </Button>
    </Section>
  );
}

function AnswerForm({ request }: { request: PrivacyRequestDetail }) {
  const { t } = useTranslation(PRIVACY_NS);
  const [answer, setAnswer] = useState('');
  const step = useStep<{ answer: string }>(request, '/answer', 'detail.answered');
  return (
    <Section title={t('detail.answer')}>
      <Textarea
        label={t('detail.answerText')}
        autosize
        minRows={4}
        maxLength={8000}
        value={answer}
        onChange={(e) => setAnswer(e.currentTarget.value)}
        required
      />
      <Button w="fit-content" disabled={!answer.trim()} loading={step.isPending} onClick={() => step.send({ answer: answer.trim() })}>
        {t('detail.sendAnswer')}
      </Button>
    </Section>
  );
}

function ExtendForm({ request }: { request: PrivacyRequestDetail }) {
  const { t } = useTranslation(PRIVACY_NS);
  const [reason, setReason] = useState('');
  const [days, setDays] = useState<number | string>(30);
  const step = useStep<{ reason: string; days: number }>(request, '/extension', 'detail.extensionDone');
  return (
    <Section title={t('detail.extend')}>
      <Textarea
        label={t('detail.extensionReason')}
        autosize
        maxLength={2000}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        required
      />
      <NumberInput label={t('detail.extensionDays')} min={1} max={30} maw={160} value={days} onChange={setDays} />
      <Button
        w="fit-content"
        variant="default"
        disabled={!reason.trim()}
        loading={step.isPending}
        onClick={() => step.send({ reason: reason.trim(), days: Number(days) || 30 })}
      >
        {t('detail.extend')}
      </Button>
    </Section>
  );
}

function RefuseForm({ request }: { request: PrivacyRequestDetail }) {
  const { t } = useTranslation(PRIVACY_NS);
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const step = useStep<{ reason: string; note?: string }>(request, '/refusal', 'detail.refused');
  return (
    <Section title={t('detail.refuse')}>
      <Group align="flex-end" gap="sm">
        <Select
          label={t('detail.refusalReason')}
          data={REFUSAL_REASONS.map((value) => ({ value, label: t(`refusal.${value}`) }))}
          value={reason}
          onChange={setReason}
          required
          miw={260}
        />
      </Group>
      <Textarea label={t('detail.note')} autosize maxLength={4000} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      <Button
        w="fit-content"
        color="red"
        variant="light"
        disabled={!reason}
        loading={step.isPending}
        onClick={() => reason && step.send({ reason, ...(note.trim() ? { note: note.trim() } : {}) })}
      >
        {t('detail.refuse')}
      </Button>
    </Section>
  );
}
