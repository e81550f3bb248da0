import { Badge, Button, Checkbox, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRiyals } from '../../domain/compensation-status.js';
import { api } from '../api/client.js';
import { DualDay } from '../ui/dual-day.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { NumberField } from '../ui/number-field.js';
import { errorMessage } from '../ui/problems.js';
import { type CompensationDetail, casePath, useCaseWrite } from './compensation-api.js';
import { COMPENSATION_NS } from './i18n.js';

type Round = CompensationDetail['rounds'][number];

/** D4: the rounds with their answers and approvals, and the next offer when the step allows one. */
export function NegotiationSection({ detail }: { detail: CompensationDetail }) {
  const { t } = useTranslation(COMPENSATION_NS);
  const canOffer = detail.abilities.offer;
  if (!detail.rounds.length && !canOffer) return null;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="rounds-title">
      <Stack gap="sm">
        <Title order={2} fz="lg" id="rounds-title">
          {t('rounds.title')}
        </Title>
        {!detail.rounds.length && <Text c="dimmed">{t('rounds.none')}</Text>}
        {detail.rounds.map((round) => (
          <RoundLine key={round.id} detail={detail} round={round} />
        ))}
        {canOffer && <OfferForm detail={detail} />}
      </Stack>
    </Paper>
  );
}

function RoundLine({ detail, round }: { detail: CompensationDetail; round: Round }) {
  const { t } = useTranslation(COMPENSATION_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const approve = useCaseWrite(detail.id, () => api.post<CompensationDetail>(casePath(detail.id, `/rounds/${round.id}/approval`)));
  const answer = useCaseWrite(detail.id, (body: { answer: 'accepted' | 'rejected' | 'counter' }) =>
    api.post<CompensationDetail>(casePath(detail.id, `/rounds/${round.id}/answer`), body),
  );
  const isWaitingApproval = round.needsApproval && !round.approvedBy;
  const done = { onSuccess: () => notifySuccess(t('actions.done')), onError: (error: unknown) => notifyError(errorMessage(tc, error)) };
  const parts = [
    round.offerAmountHalalas !== null ? formatRiyals(round.offerAmountHalalas, language) : null,
    round.remedy,
    round.service,
    round.hasApology ? t('rounds.apology') : null,
  ].filter(Boolean);
  return (
    <Stack gap={4} data-testid="compensation-round">
      <Group gap="xs">
        <Text fw={600}>#{round.position}</Text>
        <Text>{parts.join(' — ')}</Text>
        {round.isFinalOffer && <Badge variant="light">{t('rounds.final')}</Badge>}
        <Badge color={round.answer === 'accepted' ? 'green' : round.answer === 'pending' ? 'gray' : 'orange'} variant="light">
          {t(`rounds.${round.answer}`)}
        </Badge>
        {isWaitingApproval && <Badge color="red">{t('rounds.needsApproval')}</Badge>}
        {round.approvedBy && <Badge color="teal" variant="light">{`${t('rounds.approvedBy')}: ${round.approvedBy.name}`}</Badge>}
      </Group>
      <Text size="sm" c="dimmed">
        {round.offeredBy?.name} — <DualDay value={round.offeredAt} inline />
        {round.deadline && (
          <>
            {' — '}
            {t('rounds.deadline')}: <Ltr>{round.deadline.day}</Ltr>
          </>
        )}
      </Text>
      {round.notes && <Text size="sm">{`${t('rounds.notes')}: ${round.notes}`}</Text>}
      {(round.abilities.approve || round.abilities.answer) && (
        <Group gap="xs">
          {round.abilities.approve && (
            <Button size="xs" variant="light" loading={approve.isPending} onClick={() => approve.mutate(undefined, done)}>
              {t('rounds.approve')}
            </Button>
          )}
          {round.abilities.answer &&
            (['accepted', 'rejected', 'counter'] as const).map((value) => (
              <Button
                key={value}
                size="xs"
                variant="default"
                loading={answer.isPending}
                onClick={() => answer.mutate({ answer: value }, done)}
              >
                {t(`rounds.${value}`)}
              </Button>
            ))}
        </Group>
      )}
    </Stack>
  );
}

function OfferForm({ detail }: { detail: CompensationDetail }) {
  const { t } = useTranslation(COMPENSATION_NS);
  const { t: tc } = useTranslation();
  const [values, setValues] = useState({ remedy: '', service: '', notes: '', nextDay: '' });
  const [amount, setAmount] = useState<number | ''>('');
  const [flags, setFlags] = useState({ hasApology: false, isFinalOffer: false });
  const write = useCaseWrite(detail.id, (body: Record<string, unknown>) =>
    api.post<CompensationDetail>(casePath(detail.id, '/rounds'), body),
  );
  const set = (key: keyof typeof values) => (e: { currentTarget: { value: string } }) =>
    setValues({ ...values, [key]: e.currentTarget.value });
  const submit = () => {
    const body: Record<string, unknown> = { ...flags };
    if (amount !== '' && amount > 0) body.offerAmountHalalas = amount;
    for (const key of ['remedy', 'service', 'notes', 'nextDay'] as const) if (values[key].trim()) body[key] = values[key].trim();
    write.mutate(body, { onSuccess: () => notifySuccess(t('rounds.saved')), onError: (error) => notifyError(errorMessage(tc, error)) });
  };
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('rounds.offer')}</Text>
      <Group grow wrap="wrap">
        <NumberField kind="riyals" label={t('rounds.amount')} value={amount} onChange={setAmount} />
        <TextInput label={t('rounds.remedy')} maxLength={2000} value={values.remedy} onChange={set('remedy')} />
        <TextInput label={t('rounds.service')} maxLength={2000} value={values.service} onChange={set('service')} />
        <TextInput label={t('rounds.nextDay')} placeholder="2026-03-20" maxLength={10} value={values.nextDay} onChange={set('nextDay')} />
      </Group>
      <Textarea label={t('rounds.notes')} autosize minRows={1} maxLength={4000} value={values.notes} onChange={set('notes')} />
      <Group>
        <Checkbox
          label={t('rounds.apology')}
          checked={flags.hasApology}
          onChange={(e) => setFlags({ ...flags, hasApology: e.currentTarget.checked })}
        />
        <Checkbox
          label={t('rounds.final')}
          checked={flags.isFinalOffer}
          onChange={(e) => setFlags({ ...flags, isFinalOffer: e.currentTarget.checked })}
        />
        <Button loading={write.isPending} onClick={submit}>
          {t('rounds.offer')}
        </Button>
      </Group>
    </Stack>
  );
}
