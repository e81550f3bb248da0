import { Alert, Anchor, Badge, Button, Fieldset, Group, Paper, Radio, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type AgendaItem, castVoteBody, type Tally, type VoteChoice } from '../../contracts/committees.js';
import { formatRiyals } from '../../domain/compensation-status.js';
import { api } from '../api/client.js';
import { useCurrentUser } from '../auth/session.js';
import { DualDay } from '../ui/dual-day.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { notifySuccess } from '../ui/notify.js';
import { NumberField } from '../ui/number-field.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { errorMessage } from '../ui/problems.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { schemaErrors } from '../ui/validate.js';
import { ScrollTable } from '../ui/worklist.js';
import { committeeKeys } from './committees-api.js';
import { COMMITTEES_NS } from './i18n.js';

export const OUTCOME_COLOURS = { approved: 'green', 'partly-approved': 'yellow', rejected: 'red' } as const;

/** One request on a meeting's agenda: its votes, the decision they make (C5), and the caller's own vote. */
export function AgendaItemCard({
  meetingId,
  item,
  canVote,
  canManage,
}: {
  meetingId: string;
  item: AgendaItem;
  canVote: boolean;
  canManage: boolean;
}) {
  const { t } = useTranslation(COMMITTEES_NS);
  const { language } = useLanguage();
  const me = useCurrentUser();
  const mine = item.votes.find((vote) => vote.memberId === me.id) ?? null;
  const typeName = language === 'ar' ? item.typeNameAr : item.typeNameEn;
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      component="article"
      aria-labelledby={`agenda-${item.subjectKind}-${item.subjectId}`}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2}>
            <Title order={3} fz="md" id={`agenda-${item.subjectKind}-${item.subjectId}`}>
              {item.subjectKind === 'request' ? (
                <Anchor component={Link} to={`/requests/${item.subjectId}`} underline="always">
                  <Ltr>{item.reference}</Ltr>
                </Anchor>
              ) : item.subjectKind === 'compensation' ? (
                <Anchor component={Link} to={`/compensation/${item.subjectId}`} underline="always">
                  <Ltr>{item.reference}</Ltr>
                </Anchor>
              ) : (
                <Ltr>{item.reference}</Ltr>
              )}{' '}
              — {typeName}
            </Title>
            <Group gap="xs">
              <Badge variant="light" color={item.subjectKind === 'request' ? 'blue' : 'grape'}>
                {language === 'ar' ? item.kindNameAr : item.kindNameEn}
              </Badge>
              <Text size="sm">{item.familyName}</Text>
            </Group>
          </Stack>
          {item.deadlineDay && (
            <Stack gap={0} align="flex-end">
              <Text size="xs" c="dimmed">
                {t('deadline')}
              </Text>
              <DualDay value={item.deadlineDay} />
            </Stack>
          )}
        </Group>
        <TallyLine tally={item.tally} kind={item.subjectKind} />
        {item.votes.length > 0 && <VotesTable item={item} />}
        {item.stage === 'information-requested' && (
          <Text size="sm" c="orange.9">
            {t('waitingForFamily')}
          </Text>
        )}
        {canManage && item.subjectKind === 'request' && item.stage === 'under-study' && (
          <AskInformation meetingId={meetingId} requestId={item.subjectId} />
        )}
        {canVote && item.stage === 'under-study' && <VoteForm meetingId={meetingId} item={item} current={mine} />}
      </Stack>
    </Paper>
  );
}

function TallyLine({ tally, kind }: { tally: Tally; kind: string }) {
  const { t } = useTranslation(COMMITTEES_NS);
  const { number } = useFormat();
  const counts = t('tallyCounts', {
    cast: number(tally.votesCast),
    quorum: number(tally.quorum),
    approve: number(tally.counts.approve),
    partly: number(tally.counts.partlyApprove),
    reject: number(tally.counts.reject),
    abstain: number(tally.counts.abstain),
  });
  if (tally.state === 'decided' && tally.outcome) {
    return (
      <Alert
        variant="light"
        color={OUTCOME_COLOURS[tally.outcome]}
        title={t([`kindOutcomes.${kind}.${tally.outcome}`, `outcomes.${tally.outcome}`])}
        role="status"
      >
        <Stack gap={4}>
          <Text size="sm">{counts}</Text>
          {tally.isTieBroken && <Text size="sm">{t('tieBroken')}</Text>}
          {tally.reasons && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {t('reasons')}: {tally.reasons}
            </Text>
          )}
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert variant="light" color="gray" title={t(`tallyStates.${tally.state}`)} role="status">
      <Text size="sm">{counts}</Text>
    </Alert>
  );
}

function VotesTable({ item }: { item: AgendaItem }) {
  const { t } = useTranslation(COMMITTEES_NS);
  return (
    <ScrollTable minWidth={480} label={t('vote')}>
      <Table verticalSpacing="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('member')}</Table.Th>
            <Table.Th scope="col">{t('vote')}</Table.Th>
            <Table.Th scope="col">{t('reasons')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {item.votes.map((vote) => (
            <Table.Tr key={vote.memberId}>
              <Table.Td>{vote.displayName}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={vote.choice === 'reject' ? 'red' : vote.choice === 'abstain' ? 'gray' : 'green'}>
                  {choiceLabel(t, item.subjectKind, vote.choice)}
                </Badge>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                {vote.reasons ?? t('none')}
                {vote.payload && <HarmFindingText payload={vote.payload} />}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/** A choice's label: the kind's own wording where it has one (compensation: harm found / no fault), else the shared one. */
export function choiceLabel(t: TFunction, kind: string, choice: VoteChoice): string {
  return t([`kindChoices.${kind}.${choice}`, `choices.${choice}`]);
}

/** A compensation decision's payload (D2): the harm, its size (an amount or a description) and its causes. */
export function HarmFindingText({ payload }: { payload: Record<string, unknown> }) {
  const { t } = useTranslation(COMMITTEES_NS);
  const { language } = useLanguage();
  const text = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : null);
  const amount = typeof payload.amountHalalas === 'number' ? formatRiyals(payload.amountHalalas, language) : null;
  const size = [amount, text('sizeDescription')].filter(Boolean).join(' — ');
  return (
    <Stack gap={2} mt={4}>
      {text('harm') && (
        <Text size="sm">
          {t('harm.harm')}: {text('harm')}
        </Text>
      )}
      {size && (
        <Text size="sm">
          {t('harm.size')}: {size}
        </Text>
      )}
      {text('causes') && (
        <Text size="sm">
          {t('harm.causes')}: {text('causes')}
        </Text>
      )}
    </Stack>
  );
}

interface VoteValues {
  choice: VoteChoice | '';
  reasons: string;
  /** Compensation (D2): what a vote finding harm states. */
  harm: string;
  sizeMode: 'amount' | 'description';
  /** Halalas, as the number field read them ('' while empty or unreadable). */
  amount: number | '';
  sizeDescription: string;
  causes: string;
}

const HARM_KIND = 'compensation';

/** What the vote carries for the kind (compensation, D2): the harm, its size and its causes when harm is found. */
function payloadOf(item: AgendaItem, values: VoteValues): Record<string, unknown> | undefined {
  if (item.subjectKind !== HARM_KIND || values.choice !== 'approve') return undefined;
  const amount = values.amount;
  return {
    harm: values.harm.trim(),
    ...(values.sizeMode === 'amount' && amount !== '' && amount > 0 ? { amountHalalas: amount } : {}),
    ...(values.sizeMode === 'description' && values.sizeDescription.trim() ? { sizeDescription: values.sizeDescription.trim() } : {}),
    causes: values.causes.trim(),
  };
}

/** The harm fields' own checks (the server checks the same: harm and causes of 5 characters or more, a size). */
function harmErrors(t: TFunction, values: VoteValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.harm.trim().length < 5) errors.harm = t('harm.harmRequired');
  if (values.causes.trim().length < 5) errors.causes = t('harm.causesRequired');
  if (values.sizeMode === 'amount') {
    if (values.amount === '') errors.amount = t('harm.amountRequired');
    else if (values.amount <= 0) errors.amount = t('harm.amountInvalid');
  } else if (values.sizeDescription.trim().length < 3) {
    errors.sizeDescription = t('harm.sizeDescriptionRequired');
  }
  return errors;
}

/** A member's vote among the choices the subject's kind offers (issue 22), with reasons where the kind requires them. */
function VoteForm({ meetingId, item, current }: { meetingId: string; item: AgendaItem; current: AgendaItem['votes'][number] | null }) {
  const { t } = useTranslation(COMMITTEES_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const isHarmKind = item.subjectKind === HARM_KIND;
  const given = current?.payload ?? {};
  const givenText = (key: string) => (typeof given[key] === 'string' ? (given[key] as string) : '');
  const form = useForm<VoteValues>({
    initialValues: {
      choice: current?.choice ?? '',
      reasons: current?.reasons ?? '',
      harm: givenText('harm'),
      sizeMode: givenText('sizeDescription') && typeof given.amountHalalas !== 'number' ? 'description' : 'amount',
      amount: typeof given.amountHalalas === 'number' ? given.amountHalalas : '',
      sizeDescription: givenText('sizeDescription'),
      causes: givenText('causes'),
    },
    validate: (values) => {
      if (!values.choice) return { choice: t('chooseVote') };
      const errors = schemaErrors(tc, castVoteBody, toVoteBody(item, values));
      // Reasons are required where the kind says (requests: a rejection or a partial approval, C5).
      if (item.reasonsRequiredFor.includes(values.choice) && !values.reasons.trim()) {
        errors.reasons = t(isHarmKind ? 'harm.reasonsRequired' : 'reasonsRequired');
      }
      if (isHarmKind && values.choice === 'approve') Object.assign(errors, harmErrors(t, values));
      return errors;
    },
  });
  const problem = useFormProblem(form);
  const cast = useMutation({
    mutationFn: (values: VoteValues) => api.post(`/meetings/${encodeURIComponent(meetingId)}/votes`, toVoteBody(item, values)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: committeeKeys.meeting(meetingId) });
      notifySuccess(t('voteRecorded'));
    },
    onError: problem.handle,
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        problem.clear();
        cast.mutate(values);
      })}
    >
      <Stack gap="xs">
        <ProblemAlert message={problem.message} />
        <Radio.Group
          label={t(isHarmKind ? 'harm.yourVoteOn' : 'yourVoteOn', { reference: `\u2066${item.reference}\u2069` })}
          required
          {...form.getInputProps('choice')}
        >
          <Group gap="md" mt={6}>
            {item.choices.map((choice) => (
              <Radio key={choice} value={choice} label={choiceLabel(t, item.subjectKind, choice)} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          label={t('reasons')}
          description={t(isHarmKind ? 'harm.reasonsHint' : 'reasonsHint')}
          autosize
          minRows={2}
          maxLength={2000}
          {...form.getInputProps('reasons')}
        />
        {isHarmKind && form.values.choice === 'approve' && (
          <Fieldset legend={t('harm.legend')} variant="filled">
            <Stack gap="xs">
              <Textarea label={t('harm.harm')} required autosize minRows={2} maxLength={2000} {...form.getInputProps('harm')} />
              <Radio.Group label={t('harm.sizeMode')} required {...form.getInputProps('sizeMode')}>
                <Group gap="md" mt={6}>
                  <Radio value="amount" label={t('harm.sizeAmount')} />
                  <Radio value="description" label={t('harm.sizeDescribed')} />
                </Group>
              </Radio.Group>
              {form.values.sizeMode === 'amount' ? (
                <NumberField
                  kind="riyals"
                  label={t('harm.amount')}
                  description={t('harm.amountHint')}
                  required
                  maxLength={20}
                  {...form.getInputProps('amount')}
                />
              ) : (
                <Textarea
                  label={t('harm.sizeDescription')}
                  required
                  autosize
                  minRows={2}
                  maxLength={2000}
                  {...form.getInputProps('sizeDescription')}
                />
              )}
              <Textarea label={t('harm.causes')} required autosize minRows={2} maxLength={2000} {...form.getInputProps('causes')} />
            </Stack>
          </Fieldset>
        )}
        <Group justify="flex-end">
          <Button type="submit" size="sm" leftSection={<IconCheck size={16} aria-hidden />} loading={cast.isPending}>
            {current ? t('changeVote') : t('castVote')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function toVoteBody(item: AgendaItem, values: VoteValues) {
  const reasons = values.reasons.trim();
  const subject =
    item.subjectKind === 'request' ? { requestId: item.subjectId } : { subjectKind: item.subjectKind, subjectId: item.subjectId };
  const payload = payloadOf(item, values);
  return { ...subject, choice: values.choice, ...(reasons ? { reasons } : {}), ...(payload ? { payload } : {}) };
}

/** The chair asks the family for more (C6: the request's clock pauses until it arrives). */
function AskInformation({ meetingId, requestId }: { meetingId: string; requestId: string }) {
  const { t } = useTranslation(COMMITTEES_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [isOpen, setIsOpen] = useState(false);
  const [note, setNote] = useState('');
  const ask = useMutation({
    mutationFn: () => api.post(`/meetings/${encodeURIComponent(meetingId)}/information-requests`, { requestId, note: note.trim() }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: committeeKeys.meeting(meetingId) });
      notifySuccess(t('informationRequested'));
      setIsOpen(false);
    },
  });
  if (!isOpen) {
    return (
      <Group>
        <Button size="xs" variant="default" onClick={() => setIsOpen(true)}>
          {t('askInformation')}
        </Button>
      </Group>
    );
  }
  return (
    <Stack gap="xs">
      <Textarea
        label={t('informationNote')}
        required
        autosize
        minRows={2}
        maxLength={2000}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
      />
      <ProblemAlert message={ask.isError ? errorMessage(tc, ask.error) : null} />
      <Group justify="flex-end" gap="xs">
        <Button size="xs" variant="default" onClick={() => setIsOpen(false)}>
          {tc('common.cancel')}
        </Button>
        <Button size="xs" disabled={!note.trim()} loading={ask.isPending} onClick={() => ask.mutate()}>
          {t('sendInformationRequest')}
        </Button>
      </Group>
    </Stack>
  );
}
