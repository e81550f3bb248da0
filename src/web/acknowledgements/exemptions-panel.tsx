import { Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exemptionBody } from '../../contracts/acknowledgements.js';
import { api } from '../api/client.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { DualDay } from '../ui/dual-day.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { errorMessage } from '../ui/problems.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { schemaErrors } from '../ui/validate.js';
import { type Exemption, type ExemptionBody, useAckWrite, useExemptions, type VersionStatus } from './acknowledgements-api.js';
import { ACKNOWLEDGEMENTS_NS } from './i18n.js';

type PersonKind = 'staff' | 'party';
interface ExemptionForm {
  kind: PersonKind;
  personId: string;
  replacedBy: string;
}

/** The server's codes that belong under the person chosen. */
const PERSON_CODES = {
  'acknowledgement.already-exempt': 'personId',
  'acknowledgement.party-not-found': 'personId',
  'staff.not-found': 'personId',
};

function toBody(versionId: string, values: ExemptionForm): ExemptionBody {
  const person = values.personId ? (values.kind === 'staff' ? { staffUserId: values.personId } : { partyId: values.personId }) : {};
  return { versionId, ...person, replacedBy: values.replacedBy };
}

/**
 * P-SCOPE (issue 26 §4): who is exempt from this document — a staff member or a contract party for
 * whom the regulations issue a policy of their own — with the policy that replaces it, who recorded
 * it and when; HR records one (the person leaves "not yet acknowledged") or lifts it.
 */
export function ExemptionsPanel({ versionId, status }: { versionId: string; status: VersionStatus }) {
  const { t } = useTranslation(ACKNOWLEDGEMENTS_NS);
  const { t: tc } = useTranslation();
  const query = useExemptions(versionId);
  const items = query.data?.items ?? [];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="exemptions-title">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="exemptions-title">
          {t('exemptions.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('exemptions.intro')}
        </Text>
        {query.isError ? (
          <ProblemAlert message={errorMessage(tc, query.error)} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {query.isPending ? tc('app.loading') : t('exemptions.empty')}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('exemptions.title')}>
            {items.map((item) => (
              <ExemptionItem key={item.id} item={item} />
            ))}
          </Stack>
        )}
        <ExemptionFormPanel versionId={versionId} status={status} />
      </Stack>
    </Paper>
  );
}

function ExemptionItem({ item }: { item: Exemption }) {
  const { t } = useTranslation(ACKNOWLEDGEMENTS_NS);
  const { t: tc } = useTranslation();
  const [isConfirming, setConfirming] = useState(false);
  const lift = useAckWrite(() => api.delete(`/acknowledgements/exemptions/${item.id}`));
  return (
    <Paper component="li" withBorder radius="sm" p="sm" data-testid="acknowledgement-exemption">
      <Stack gap={4}>
        <Group gap="xs" justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Text fw={600}>{item.personName}</Text>
            <Badge variant="light" color={item.person === 'staff' ? 'blue' : 'grape'}>
              {t(`exemptions.${item.person}`)}
            </Badge>
          </Group>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            aria-label={t('exemptions.liftLabel', { name: item.personName })}
            onClick={() => setConfirming(true)}
          >
            {t('exemptions.lift')}
          </Button>
        </Group>
        <Text size="sm">
          {t('exemptions.replacedBy')}: <bdi>{item.replacedBy}</bdi>
        </Text>
        <Text size="xs" c="dimmed">
          {t('exemptions.recorded')}: {item.recordedByName ?? '—'} · <DualDay value={item.recordedAt} inline />
        </Text>
      </Stack>
      <ConfirmDialog
        opened={isConfirming}
        title={t('exemptions.lift')}
        message={t('exemptions.liftLabel', { name: item.personName })}
        confirmLabel={t('exemptions.lift')}
        color="red"
        isPending={lift.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          lift.mutate(undefined, {
            onSuccess: () => {
              setConfirming(false);
              notifySuccess(t('exemptions.lifted'));
            },
            onError: (error) => notifyError(errorMessage(tc, error)),
          })
        }
      />
    </Paper>
  );
}

function ExemptionFormPanel({ versionId, status }: { versionId: string; status: VersionStatus }) {
  const { t } = useTranslation(ACKNOWLEDGEMENTS_NS);
  const { t: tc } = useTranslation();
  const labels: Record<string, string> = { personId: t('exemptions.person'), replacedBy: t('exemptions.replacedBy') };
  const form = useForm<ExemptionForm>({
    initialValues: { kind: 'staff', personId: '', replacedBy: '' },
    validate: (values) =>
      schemaErrors(
        tc,
        exemptionBody,
        toBody(versionId, values),
        (path) => (path[0] === 'staffUserId' || path[0] === 'partyId' ? 'personId' : String(path[0] ?? '')),
        (path) => labels[path],
      ),
  });
  const problem = useFormProblem(form, { codeFields: PERSON_CODES });
  const record = useAckWrite((body: ExemptionBody) => api.post('/acknowledgements/exemptions', body));
  // Who may be exempted: the people this version asks, not exempt already.
  const seen = new Set<string>();
  const staff = status.departments
    .flatMap((g) => g.members)
    .filter((m) => !m.exemptBy && !seen.has(m.id) && seen.add(m.id))
    .map((m) => ({ value: m.id, label: m.displayName }));
  const parties = status.parties.filter((p) => !p.exemptBy).map((p) => ({ value: p.id, label: p.name }));
  const candidates = form.values.kind === 'staff' ? staff : parties;
  return (
    <form
      noValidate
      aria-labelledby="exemption-form-title"
      onSubmit={form.onSubmit((values) => {
        problem.clear();
        record.mutate(toBody(versionId, values), {
          onSuccess: () => {
            form.reset();
            notifySuccess(t('exemptions.saved'));
          },
          onError: problem.handle,
        });
      })}
    >
      <Stack gap="xs">
        <Text fw={600} id="exemption-form-title">
          {t('exemptions.add')}
        </Text>
        <ProblemAlert message={problem.message} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="exemption-kind-label">
            {t('exemptions.personKind')}
          </Text>
          <SegmentedControl
            aria-labelledby="exemption-kind-label"
            data={[
              { value: 'staff', label: t('exemptions.staff') },
              { value: 'party', label: t('exemptions.party') },
            ]}
            {...form.getInputProps('kind')}
            onChange={(value) => {
              form.setFieldValue('kind', value as PersonKind);
              form.setFieldValue('personId', '');
            }}
          />
        </Stack>
        <Select
          label={t('exemptions.person')}
          placeholder={t('exemptions.personPlaceholder')}
          nothingFoundMessage={t('exemptions.noCandidates')}
          data={candidates}
          searchable
          required
          {...form.getInputProps('personId')}
          value={form.values.personId || null}
          onChange={(value) => form.setFieldValue('personId', value ?? '')}
        />
        <TextInput
          label={t('exemptions.replacedBy')}
          description={t('exemptions.replacedByHint')}
          required
          maxLength={300}
          {...form.getInputProps('replacedBy')}
        />
        <Group>
          <Button type="submit" size="sm" loading={record.isPending}>
            {t('exemptions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
