import { Button, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../api/client.js';
import { Fact } from '../ui/definition-list.js';
import { DetailHeader } from '../ui/detail-header.js';
import { DualDay } from '../ui/dual-day.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { LoadFailure, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { BreachClock } from './breaches-page.js';
import { PRIVACY_NS } from './i18n.js';
import { type BreachDetail, breachPath, useBreach, useBreachStep } from './privacy-api.js';

/** Issue 25 §8 (F2): one breach — what happened, the notifiable decision, the regulator's 72 hours, the people told, lessons and closure. */
export function BreachPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(PRIVACY_NS);
  const { t: tc } = useTranslation();
  const query = useBreach(id);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={errorMessage(tc, query.error)} />;
  const breach = query.data;
  return (
    <Page title={`${t('breaches.title')} — ${breach.reference}`}>
      <DetailHeader
        status={{ label: t(`breaches.${breach.status}`), colour: breach.status === 'open' ? 'orange' : 'gray', testId: 'breach-status' }}
        facts={
          <>
            <Fact label={t('breaches.awareAt')}>
              <DualDay value={breach.awareAt} withTime />
            </Fact>
            <Fact label={t('breaches.dataCategories')}>{breach.dataCategories}</Fact>
            <Fact label={t('breaches.peopleCount')}>{breach.peopleCount}</Fact>
            <Fact label={t('breaches.deadline')}>
              <BreachClock item={breach} />
            </Fact>
            <Fact label={t('breaches.inform')}>{t('breaches.informed', { count: breach.informedCount })}</Fact>
          </>
        }
      />
      <Paper withBorder radius="md" p="md">
        <Stack gap="xs">
          <Text style={{ whiteSpace: 'pre-wrap' }}>{breach.description}</Text>
          {breach.containment && (
            <Text size="sm">
              {t('breaches.containment')}: {breach.containment}
            </Text>
          )}
          {breach.notifiableReason && (
            <Text size="sm">
              {t('breaches.notifiable')} {breach.isNotifiable ? t('breaches.yes') : t('breaches.no')} — {breach.notifiableReason}
            </Text>
          )}
          {breach.regulatorNotifiedAt && (
            <Text size="sm">
              {t('breaches.notifiedAt')}: <DualDay value={breach.regulatorNotifiedAt} withTime inline /> {breach.regulatorReference ?? ''}
            </Text>
          )}
          {breach.lessons && (
            <Text size="sm">
              {t('breaches.lessons')}: {breach.lessons}
            </Text>
          )}
        </Stack>
      </Paper>
      <BreachActions breach={breach} />
    </Page>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
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

function useStep<Body>(breach: BreachDetail, path: string) {
  const { t } = useTranslation(PRIVACY_NS);
  const { t: tc } = useTranslation();
  const step = useBreachStep(breach.id, (body: Body) => api.post<BreachDetail>(breachPath(breach.id, path), body));
  return {
    isPending: step.isPending,
    send: (body: Body) =>
      step.mutate(body, { onSuccess: () => notifySuccess(t('breaches.done')), onError: (e) => notifyError(errorMessage(tc, e)) }),
  };
}

const localNow = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

function BreachActions({ breach }: { breach: BreachDetail }) {
  const { t } = useTranslation(PRIVACY_NS);
  const [isNotifiable, setNotifiable] = useState('');
  const [reason, setReason] = useState('');
  const [notifiedAt, setNotifiedAt] = useState(localNow());
  const [reference, setReference] = useState('');
  const [references, setReferences] = useState('');
  const [message, setMessage] = useState('');
  const [lessons, setLessons] = useState('');
  const decide = useStep<{ isNotifiable: boolean; reason: string }>(breach, '/decision');
  const notify = useStep<{ notifiedAt: string; reference?: string }>(breach, '/regulator-notification');
  const inform = useStep<{ familyReferences: string[]; message: string }>(breach, '/people-informed');
  const close = useStep<{ lessons: string }>(breach, '/closure');
  const { abilities } = breach;
  return (
    <Stack gap="md">
      {abilities.decide && (
        <Section title={t('breaches.notifiable')}>
          <Radio.Group value={isNotifiable} onChange={setNotifiable} label={t('breaches.notifiable')} required>
            <Stack gap={6} mt={6}>
              <Radio value="yes" label={t('breaches.yes')} />
              <Radio value="no" label={t('breaches.no')} />
            </Stack>
          </Radio.Group>
          <Textarea
            label={t('breaches.reason')}
            autosize
            maxLength={2000}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Button
            w="fit-content"
            disabled={!isNotifiable || !reason.trim()}
            loading={decide.isPending}
            onClick={() => decide.send({ isNotifiable: isNotifiable === 'yes', reason: reason.trim() })}
          >
            {t('breaches.decide')}
          </Button>
        </Section>
      )}
      {abilities.notifyRegulator && (
        <Section title={t('breaches.notify')}>
          <TextInput
            type="datetime-local"
            label={t('breaches.notifiedAt')}
            required
            value={notifiedAt}
            onChange={(e) => setNotifiedAt(e.currentTarget.value)}
          />
          <TextInput
            label={t('breaches.regulatorReference')}
            dir="ltr"
            maxLength={80}
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
          />
          <Button
            w="fit-content"
            loading={notify.isPending}
            onClick={() =>
              notify.send({ notifiedAt: new Date(notifiedAt).toISOString(), ...(reference.trim() ? { reference: reference.trim() } : {}) })
            }
          >
            {t('breaches.notify')}
          </Button>
        </Section>
      )}
      {abilities.inform && (
        <Section title={t('breaches.inform')}>
          <Textarea
            label={t('breaches.familyReferences')}
            dir="ltr"
            autosize
            minRows={2}
            value={references}
            onChange={(e) => setReferences(e.currentTarget.value)}
          />
          <Textarea
            label={t('breaches.message')}
            autosize
            maxLength={1000}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
          />
          <Button
            w="fit-content"
            variant="default"
            disabled={!references.trim() || !message.trim()}
            loading={inform.isPending}
            onClick={() => inform.send({ familyReferences: references.split(/\s+/).filter(Boolean), message: message.trim() })}
          >
            {t('breaches.inform')}
          </Button>
        </Section>
      )}
      {abilities.close && (
        <Section title={t('breaches.close')}>
          <Textarea
            label={t('breaches.lessons')}
            autosize
            minRows={2}
            maxLength={4000}
            required
            value={lessons}
            onChange={(e) => setLessons(e.currentTarget.value)}
          />
          <Button
            w="fit-content"
            disabled={!lessons.trim()}
            loading={close.isPending}
            onClick={() => close.send({ lessons: lessons.trim() })}
          >
            {t('breaches.close')}
          </Button>
        </Section>
      )}
    </Stack>
  );
}
