import { Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InquiryStepBody } from '../../contracts/complaints.js';
import { api } from '../api/client.js';
import { useCurrentUser } from '../auth/session.js';
import { useLanguage } from '../ui/language.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { errorMessage, requiredMessage } from '../ui/problems.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { INQUIRIES_NS } from './i18n.js';
import { type CaseDetail, fillTemplate, inquiryKeys, useAnswerTemplates, useOfficerRoster } from './inquiries-api.js';

function useStep(inquiry: CaseDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InquiryStepBody) => api.post<CaseDetail>(`/inquiries/${inquiry.id}/steps`, body),
    onSuccess: (next) => {
      queryClient.setQueryData(inquiryKeys.one(inquiry.id), next);
      void queryClient.invalidateQueries({ queryKey: ['inquiries', 'list'] });
      void queryClient.invalidateQueries({ queryKey: inquiryKeys.counts });
    },
  });
}

/** What the person looking at the inquiry may do next (the server checks each step again). */
export function InquiryActions({ inquiry }: { inquiry: CaseDetail }) {
  const { t } = useTranslation(INQUIRIES_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const step = useStep(inquiry);
  // Issue 19 §2: what this user may do with this inquiry now, from the server's policy.
  const can = inquiry.abilities;
  const isInQueue = inquiry.officer === null && inquiry.step === 'routed';

  const run = (body: InquiryStepBody, done: string) =>
    step.mutate(body, { onSuccess: () => notifySuccess(t(done)), onError: (error) => notifyError(errorMessage(tc, error)) });

  if (can.acknowledge) return <AcknowledgeForm inquiry={inquiry} />;
  if (can.route && isInQueue) {
    return (
      <ActionCard title={t('actions.queueTitle')}>
        <Text>{t('actions.queueBody', { queue: t(`queues.${inquiry.queue ?? 'general'}`) })}</Text>
        <Group>
          <Button loading={step.isPending} onClick={() => run({ action: 'route', officerId: me.id }, 'actions.claimed')}>
            {t('actions.claim')}
          </Button>
        </Group>
      </ActionCard>
    );
  }
  if (can.answer) {
    return (
      <Stack gap="lg">
        <AnswerForm inquiry={inquiry} />
        {can.route && <PassOnForm inquiry={inquiry} />}
      </Stack>
    );
  }
  if (can.close) {
    return (
      <ActionCard title={t('actions.closeTitle')}>
        <Text>{t('actions.closeBody')}</Text>
        <Group>
          <Button variant="default" loading={step.isPending} onClick={() => run({ action: 'close' }, 'actions.closed')}>
            {t('actions.close')}
          </Button>
        </Group>
      </ActionCard>
    );
  }
  return null;
}

function ActionCard({ title, children }: { title: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} fz="lg" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** G2: an approved answer, its placeholders filled, or free text; sent through the outbox. */
function AnswerForm({ inquiry }: { inquiry: CaseDetail }) {
  const { t } = useTranslation(INQUIRIES_NS);
  const { language } = useLanguage();
  const me = useCurrentUser();
  const templates = useAnswerTemplates(true);
  const step = useStep(inquiry);
  const form = useForm({
    initialValues: { templateCode: '', answer: '' },
    validate: { answer: (value) => (value.trim().length < 10 ? t('actions.answerTooShort') : null) },
  });
  const problem = useFormProblem(form);
  const choose = (code: string | null) => {
    const template = templates.data?.find((item) => item.code === code);
    form.setFieldValue('templateCode', code ?? '');
    if (template) {
      const body = inquiry.language === 'en' ? template.bodyEn : template.bodyAr;
      form.setFieldValue(
        'answer',
        fillTemplate(body, { reference: inquiry.reference, name: inquiry.writer.name, officer: me.displayName }),
      );
    }
  };
  return (
    <ActionCard title={t('actions.answerTitle')}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          problem.clear();
          step.mutate(
            { action: 'answer', answer: values.answer.trim(), ...(values.templateCode ? { templateCode: values.templateCode } : {}) },
            { onSuccess: () => notifySuccess(t('actions.answered')), onError: problem.handle },
          );
        })}
      >
        <Stack gap="sm">
          <Text size="sm">{t('actions.answerHint', { language: t(`languages.${inquiry.language}`) })}</Text>
          <ProblemAlert message={problem.message} />
          <Select
            label={t('actions.template')}
            placeholder={t('actions.templateNone')}
            data={(templates.data ?? []).map((item) => ({ value: item.code, label: language === 'ar' ? item.nameAr : item.nameEn }))}
            value={form.values.templateCode || null}
            onChange={choose}
            clearable
            error={form.errors.templateCode}
          />
          <Textarea label={t('actions.answer')} autosize minRows={5} maxLength={4000} withAsterisk {...form.getInputProps('answer')} />
          <Group justify="flex-end">
            <Button type="submit" loading={step.isPending}>
              {t('actions.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ActionCard>
  );
}

/** Passing an inquiry to a colleague who is better placed to answer (recorded as re-routed). */
function PassOnForm({ inquiry }: { inquiry: CaseDetail }) {
  const { t } = useTranslation(INQUIRIES_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const roster = useOfficerRoster();
  const step = useStep(inquiry);
  const [officerId, setOfficerId] = useState<string | null>(null);
  const choices = (roster.data?.items ?? [])
    .filter((item) => item.staffId !== me.id)
    .map((item) => ({
      value: item.staffId,
      label: item.isAbsent ? `${item.displayName} (${t('absent')})` : item.displayName,
      disabled: item.isAbsent,
    }));
  return (
    <ActionCard title={t('actions.passTitle')}>
      <Group align="flex-end">
        <Select
          label={t('actions.passTo')}
          data={choices}
          value={officerId}
          onChange={setOfficerId}
          searchable
          style={{ flex: 1, minWidth: 200 }}
        />
        <Button
          variant="default"
          disabled={!officerId}
          loading={step.isPending}
          onClick={() =>
            officerId &&
            step.mutate(
              { action: 'route', officerId },
              { onSuccess: () => notifySuccess(t('actions.passed')), onError: (error) => notifyError(errorMessage(tc, error)) },
            )
          }
        >
          {t('actions.pass')}
        </Button>
      </Group>
    </ActionCard>
  );
}

const VIAS = ['sms', 'email', 'letter', 'phone-call', 'in-person'] as const;

/** An inquiry logged from paper or the phone waits for its acknowledgement (C1). */
function AcknowledgeForm({ inquiry }: { inquiry: CaseDetail }) {
  const { t } = useTranslation(INQUIRIES_NS);
  const { t: tc } = useTranslation();
  const step = useStep(inquiry);
  // Issue 27 §4: which way the inquirer was told is a fact to record, never pre-selected.
  const [via, setVia] = useState<(typeof VIAS)[number] | null>(null);
  const [viaError, setViaError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <ActionCard title={t('actions.ackTitle')}>
      <Text>{t('actions.ackBody')}</Text>
      <ProblemAlert message={error} onClose={() => setError(null)} />
      <Group align="flex-end">
        <Select
          label={t('actions.via')}
          data={VIAS.map((value) => ({ value, label: t(`vias.${value}`) }))}
          value={via}
          withAsterisk
          error={viaError}
          onChange={(value) => {
            setVia(value as (typeof VIAS)[number] | null);
            setViaError(null);
          }}
        />
        <Button
          loading={step.isPending}
          onClick={() => {
            setViaError(via ? null : requiredMessage(tc, t('actions.via')));
            if (via)
              step.mutate(
                { action: 'acknowledge', via },
                { onSuccess: () => notifySuccess(t('actions.acknowledged')), onError: (e) => setError(errorMessage(tc, e)) },
              );
          }}
        >
          {t('actions.acknowledge')}
        </Button>
      </Group>
    </ActionCard>
  );
}
