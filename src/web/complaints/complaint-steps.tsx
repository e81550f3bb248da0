import { Button, Checkbox, Group, MultiSelect, Radio, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { useLanguage } from '../ui/language.js';
import { notifySuccess } from '../ui/notify.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { asProblem, fieldErrorMessage, fieldPathOf, problemMessage, requiredMessage } from '../ui/problems.js';
import {
  type CaseDetail,
  type ComplaintStepBody,
  complaintKeys,
  useFollowUpCommittee,
  useFormOptions,
  useStaffLookup,
} from './complaints-api.js';
import { COMPLAINTS_NS } from './i18n.js';

type Action = ComplaintStepBody['action'];

/** The next step's action for each step (E1): the page shows this form only. */
export const NEXT_ACTION: Partial<Record<string, Action>> = {
  received: 'acknowledge',
  acknowledged: 'assess',
  assessed: 'assign',
  assigned: 'investigate',
  investigating: 'decide-response',
  'response-decided': 'communicate-response',
  'response-communicated': 'close',
  closed: 'record-satisfaction',
};

/**
 * A write on a complaint (a step, an entry, a settlement…): the page takes the answer as it is; a
 * field error goes under its field, anything else (a 409 from a stale page, say) is one sentence and
 * the page reloads the complaint.
 */
export function useCaseWrite<B>(
  detail: CaseDetail,
  send: (body: B) => Promise<CaseDetail>,
  done: string,
  onDone?: (next: CaseDetail) => void,
) {
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: (next) => {
      setErrors({});
      setMessage(null);
      queryClient.setQueryData(complaintKeys.one(detail.id), next);
      void queryClient.invalidateQueries({ queryKey: complaintKeys.all });
      notifySuccess(done);
      onDone?.(next);
    },
    onError: (error) => {
      const problem = asProblem(error);
      const next: Record<string, string> = {};
      for (const fieldError of problem.errors ?? []) next[fieldPathOf(fieldError.pointer)] ??= fieldErrorMessage(tc, fieldError.code);
      setErrors(next);
      setMessage(Object.keys(next).length ? null : problemMessage(tc, problem));
      if (problem.status === 409) void queryClient.invalidateQueries({ queryKey: complaintKeys.one(detail.id) });
    },
  });
  return { mutation, errors, message, setMessage };
}

function StepForm({
  title,
  explain,
  children,
  message,
  onClose,
  onSubmit,
  isPending,
  submitLabel,
}: {
  title: string;
  explain: string;
  children?: ReactNode;
  message: string | null;
  onClose(): void;
  onSubmit(): void;
  isPending: boolean;
  submitLabel: string;
}) {
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      aria-labelledby="next-step-title"
    >
      <Stack gap="sm">
        <Title order={2} fz="lg" id="next-step-title">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {explain}
        </Text>
        <ProblemAlert message={message} onClose={onClose} />
        {children}
        <Group justify="flex-end">
          <Button type="submit" loading={isPending} leftSection={<IconCircleCheck size={16} aria-hidden />}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const VIAS = ['sms', 'email', 'letter', 'phone-call', 'in-person', 'family'] as const;
type Via = (typeof VIAS)[number];

/** Paper channels: staff send the acknowledgement with the tracking code on a channel the writer gave (E1). */
export function AcknowledgeForm({ detail, onDone }: { detail: CaseDetail; onDone?: (next: CaseDetail) => void }) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const { t: tc } = useTranslation();
  const available = VIAS.filter((via) => {
    if (via === 'sms' || via === 'phone-call') return Boolean(detail.writer.mobile);
    if (via === 'email') return Boolean(detail.writer.email);
    if (via === 'letter') return Boolean(detail.writer.postalAddress);
    if (via === 'family') return Boolean(detail.familyId);
    return true;
  });
  // Issue 27 §4: which way the writer was told is a fact to record, never pre-selected.
  const [via, setVia] = useState<Via | null>(null);
  const [viaError, setViaError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const path = `/${detail.kind === 'complaint' ? 'complaints' : 'inquiries'}/${encodeURIComponent(detail.id)}/steps`;
  const write = useCaseWrite(
    detail,
    (body: { action: 'acknowledge'; via: Via; note?: string }) => api.post<CaseDetail>(path, body),
    t('actions.done.acknowledge'),
    onDone,
  );
  return (
    <StepForm
      title={t('actions.acknowledge')}
      explain={t('actions.explain.acknowledge')}
      message={write.message}
      onClose={() => write.setMessage(null)}
      isPending={write.mutation.isPending}
      submitLabel={t('actions.confirm.acknowledge')}
      onSubmit={() => {
        setViaError(via ? null : requiredMessage(tc, t('actions.via')));
        if (via) write.mutation.mutate({ action: 'acknowledge', via, ...(note.trim() ? { note: note.trim() } : {}) });
      }}
    >
      <Radio.Group
        label={t('actions.via')}
        withAsterisk
        value={via}
        onChange={(value) => {
          setVia(value as Via);
          setViaError(null);
        }}
        error={viaError ?? write.errors.via}
      >
        <Stack gap={6} mt={6}>
          {available.map((each) => (
            <Radio key={each} value={each} label={t(`vias.${each}`)} />
          ))}
        </Stack>
      </Radio.Group>
      <Textarea
        label={t('actions.note')}
        autosize
        minRows={2}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
    </StepForm>
  );
}

/** The form of the complaint's next step only (E1, §5, §6); the server checks each move again (409). */
export function NextStepForm({ detail }: { detail: CaseDetail }) {
  const action = NEXT_ACTION[detail.step];
  if (!action) return null;
  if (action === 'acknowledge') return <AcknowledgeForm detail={detail} />;
  return <StepFields key={`${detail.step}-${detail.version}`} detail={detail} action={action} />;
}

/**
 * Staff concerned by the complaint (§5 assess, §6): anyone on the staff — the reception clerk or a
 * caseworker complained about, not only committee members — searched by name on the server.
 */
function ConcernedPicker({
  initial,
  value,
  error,
  onChange,
}: {
  initial: { id: string; displayName: string }[];
  value: string[];
  error: string | undefined;
  onChange(ids: string[]): void;
}) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [isOpen, setOpen] = useState(false);
  const lookup = useStaffLookup(debounced, isOpen || debounced.length > 0);
  // Names of those already chosen stay known while the search shows others.
  const [known, setKnown] = useState(() => new Map(initial.map((s) => [s.id, s.displayName])));
  const found = lookup.data?.items ?? [];
  const data = [
    ...value.map((id) => ({ value: id, label: known.get(id) ?? id })),
    ...found.filter((s) => !value.includes(s.id)).map((s) => ({ value: s.id, label: s.displayName })),
  ];
  return (
    <MultiSelect
      label={t('actions.concerned')}
      description={t('actions.concernedHint')}
      data={data}
      value={value}
      error={error}
      onChange={(ids) => {
        setKnown((current) => {
          const next = new Map(current);
          for (const s of found) next.set(s.id, s.displayName);
          return next;
        });
        onChange(ids);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      onDropdownOpen={() => setOpen(true)}
      nothingFoundMessage={lookup.isFetching ? t('actions.concernedSearching') : t('actions.concernedNone')}
      clearable
      data-testid="concerned-picker"
    />
  );
}

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const SATISFACTION = ['satisfied', 'partly-satisfied', 'not-satisfied', 'unreachable'] as const;

function StepFields({ detail, action }: { detail: CaseDetail; action: Exclude<Action, 'acknowledge'> }) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const options = useFormOptions();
  const committee = useFollowUpCommittee(action === 'assign');
  const [note, setNote] = useState('');
  const [severity, setSeverity] = useState<string | null>(detail.severity);
  const [topic, setTopic] = useState<string | null>(detail.topic);
  const [isImmediate, setImmediate] = useState(detail.needsImmediateAction);
  const [concerned, setConcerned] = useState<string[]>(detail.concernedStaff.map((s) => s.id));
  const [assignee, setAssignee] = useState<string>(detail.assignedTo?.id ?? 'committee');
  const [response, setResponse] = useState(detail.decidedResponse ?? '');
  const [escalation, setEscalation] = useState(detail.decidedEscalation ?? t('actions.escalationDefault'));
  // Facts to record (issue 27 §4): nothing is chosen until the person answers.
  const [outcome, setOutcome] = useState<'accepted' | 'not-accepted' | null>(null);
  const [satisfaction, setSatisfaction] = useState<(typeof SATISFACTION)[number] | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const write = useCaseWrite(
    detail,
    (body: ComplaintStepBody) => api.post<CaseDetail>(`/complaints/${encodeURIComponent(detail.id)}/steps`, body),
    t(`actions.done.${action}`),
  );
  const errors = { ...write.errors, ...local };
  const withNote = note.trim() ? { note: note.trim() } : {};
  const members = (committee.data?.members ?? []).filter((m) => m.isActive);
  const concernedIds = new Set(detail.concernedStaff.map((s) => s.id));

  const submit = () => {
    const problems: Record<string, string> = {};
    if (action === 'assess' && !severity) problems.severity = requiredMessage(tc, t('severity'));
    if (action === 'decide-response' && response.trim().length < 10) problems.response = t('actions.responseShort');
    if (action === 'decide-response' && !escalation.trim()) problems.escalation = requiredMessage(tc, t('actions.escalation'));
    if (action === 'close' && !outcome) problems.outcome = requiredMessage(tc, t('actions.outcome'));
    if (action === 'record-satisfaction' && !satisfaction) problems.satisfaction = requiredMessage(tc, t('actions.satisfaction'));
    setLocal(problems);
    if (Object.keys(problems).length) return;
    if (action === 'assess')
      write.mutation.mutate({
        action,
        severity: severity as (typeof SEVERITIES)[number],
        needsImmediateAction: isImmediate,
        concernedStaffIds: concerned,
        ...(topic && topic !== detail.topic ? { topic } : {}),
        ...withNote,
      });
    else if (action === 'assign') write.mutation.mutate({ action, assigneeId: assignee === 'committee' ? null : assignee, ...withNote });
    else if (action === 'decide-response')
      write.mutation.mutate({ action, response: response.trim(), escalation: escalation.trim(), ...withNote });
    else if (action === 'close') {
      if (outcome) write.mutation.mutate({ action, outcome, ...withNote });
    } else if (action === 'record-satisfaction') {
      if (satisfaction) write.mutation.mutate({ action, satisfaction, ...withNote });
    } else write.mutation.mutate({ action, ...withNote });
  };

  const topics = (options.data?.topics ?? [])
    .filter((each) => each.kind === 'complaint')
    .map((each) => ({ value: each.code, label: language === 'ar' ? each.nameAr : each.nameEn }));
  return (
    <StepForm
      title={t(`actions.${action}`)}
      explain={t(`actions.explain.${action}`)}
      message={write.message}
      onClose={() => write.setMessage(null)}
      isPending={write.mutation.isPending}
      submitLabel={t(`actions.confirm.${action}`)}
      onSubmit={submit}
    >
      {action === 'assess' && (
        <>
          <Group grow align="flex-start" wrap="wrap">
            <Select
              label={t('severity')}
              required
              allowDeselect={false}
              data={SEVERITIES.map((value) => ({ value, label: t(`severities.${value}`) }))}
              value={severity}
              error={errors.severity}
              onChange={setSeverity}
              miw={200}
            />
            <Select
              label={t('topic')}
              allowDeselect={false}
              data={topics}
              value={topic}
              error={errors.topic}
              onChange={setTopic}
              miw={200}
            />
          </Group>
          <Checkbox label={t('actions.immediate')} checked={isImmediate} onChange={(e) => setImmediate(e.currentTarget.checked)} />
          <ConcernedPicker initial={detail.concernedStaff} value={concerned} error={errors.concernedStaffIds} onChange={setConcerned} />
        </>
      )}
      {action === 'assign' && (
        <Radio.Group label={t('actions.assignee')} value={assignee} onChange={setAssignee} error={errors.assigneeId}>
          <Stack gap={6} mt={6}>
            <Radio
              value="committee"
              label={committee.data ? (language === 'ar' ? committee.data.nameAr : committee.data.nameEn) : t('actions.wholeCommittee')}
            />
            {members
              .filter((m) => !concernedIds.has(m.userId))
              .map((m) => (
                <Radio key={m.userId} value={m.userId} label={m.displayName} />
              ))}
          </Stack>
        </Radio.Group>
      )}
      {action === 'decide-response' && (
        <>
          <Textarea
            label={t('actions.response')}
            description={t('actions.responseHint')}
            required
            autosize
            minRows={4}
            maxLength={4000}
            value={response}
            error={errors.response}
            onChange={(e) => setResponse(e.currentTarget.value)}
          />
          <Textarea
            label={t('actions.escalation')}
            required
            autosize
            minRows={2}
            maxLength={1000}
            value={escalation}
            error={errors.escalation}
            onChange={(e) => setEscalation(e.currentTarget.value)}
          />
        </>
      )}
      {action === 'communicate-response' && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('actions.response')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="decided-response">
            {detail.decidedResponse}
          </Text>
          <Text size="sm" fw={600}>
            {t('actions.escalation')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {detail.decidedEscalation}
          </Text>
        </Stack>
      )}
      {action === 'close' && (
        <Radio.Group
          label={t('actions.outcome')}
          required
          value={outcome}
          error={errors.outcome}
          onChange={(value) => setOutcome(value as typeof outcome)}
        >
          <Stack gap={6} mt={6}>
            <Radio value="accepted" label={t('outcomes.accepted')} />
            <Radio value="not-accepted" label={t('outcomes.not-accepted')} />
          </Stack>
        </Radio.Group>
      )}
      {action === 'record-satisfaction' && (
        <Radio.Group
          label={t('actions.satisfaction')}
          required
          value={satisfaction}
          error={errors.satisfaction}
          onChange={(value) => setSatisfaction(value as typeof satisfaction)}
        >
          <Stack gap={6} mt={6}>
            {SATISFACTION.map((value) => (
              <Radio key={value} value={value} label={t(`satisfaction.${value}`)} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      <Textarea
        label={t('actions.note')}
        autosize
        minRows={2}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
    </StepForm>
  );
}
