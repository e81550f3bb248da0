import { Button, Paper, SegmentedControl, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PRIVACY_REQUEST_KINDS, PRIVACY_STAFF_CHANNELS, REQUESTER_RELATIONS } from '../../contracts/privacy.js';
import { api } from '../api/client.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { notifySuccess } from '../ui/notify.js';
import { NotAllowed, Page } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { PRIVACY_NS } from './i18n.js';
import type { PrivacyRequestDetail } from './privacy-api.js';

const CODE_FIELDS = { 'privacy.not-found': 'familyReference', 'privacy.invalid': 'trackingCode' };

/**
 * F2 (issue 25 §2): a privacy officer records a request received at reception, by letter, phone or
 * e-mail — the family by the reference on its file (or a member of it), or a complainant by their
 * case's reference and tracking code; the relation, what they ask, and when it was received.
 */
export function PrivacyRequestNewPage() {
  const { t } = useTranslation(PRIVACY_NS);
  const me = useCurrentUser();
  const navigate = useNavigate();
  const form = useForm({
    initialValues: {
      requesterKind: 'family',
      familyReference: '',
      memberName: '',
      complaintReference: '',
      trackingCode: '',
      name: '',
      kind: 'access',
      channel: 'in-person',
      relation: 'head',
      details: '',
    },
  });
  const problem = useFormProblem(form, { codeFields: CODE_FIELDS });
  const create = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post<PrivacyRequestDetail>('/privacy/requests', {
        kind: v.kind,
        channel: v.channel,
        relation: v.relation,
        ...(v.details.trim() ? { details: v.details.trim() } : {}),
        requester:
          v.requesterKind === 'family'
            ? {
                kind: 'family',
                familyReference: v.familyReference.trim(),
                ...(v.memberName.trim() ? { memberName: v.memberName.trim() } : {}),
              }
            : {
                kind: 'complainant',
                complaintReference: v.complaintReference.trim(),
                trackingCode: v.trackingCode.trim(),
                ...(v.name.trim() ? { name: v.name.trim() } : {}),
              },
      }),
    onSuccess: (created) => {
      notifySuccess(t('new.created', { reference: created.reference }));
      void navigate(`/privacy/requests/${created.id}`);
    },
    onError: problem.handle,
  });
  if (!hasRole(me.roles, 'privacy-officer')) return <NotAllowed />;
  const isFamily = form.values.requesterKind === 'family';
  return (
    <Page title={t('new.title')}>
      <Paper withBorder radius="md" p="md" maw={680}>
        <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
          <Stack gap="sm">
            <ProblemAlert message={problem.message} onClose={problem.clear} />
            <Select
              label={t('list.kind')}
              data={PRIVACY_REQUEST_KINDS.map((value) => ({ value, label: t(`kind.${value}`) }))}
              allowDeselect={false}
              {...form.getInputProps('kind')}
            />
            <Stack gap={4}>
              <span id="requester-kind-label">{t('new.requesterKind')}</span>
              <SegmentedControl
                aria-labelledby="requester-kind-label"
                data={[
                  { value: 'family', label: t('new.family') },
                  { value: 'complainant', label: t('new.complainant') },
                ]}
                {...form.getInputProps('requesterKind')}
              />
            </Stack>
            {isFamily ? (
              <>
                <TextInput
                  label={t('new.familyReference')}
                  description={t('new.familyReferenceHint')}
                  required
                  dir="ltr"
                  maxLength={40}
                  {...form.getInputProps('familyReference')}
                />
                <TextInput label={t('new.memberName')} maxLength={120} {...form.getInputProps('memberName')} />
              </>
            ) : (
              <>
                <TextInput
                  label={t('new.complaintReference')}
                  required
                  dir="ltr"
                  maxLength={40}
                  {...form.getInputProps('complaintReference')}
                />
                <TextInput
                  label={t('new.trackingCode')}
                  required
                  dir="ltr"
                  maxLength={40}
                  autoComplete="off"
                  {...form.getInputProps('trackingCode')}
                />
                <TextInput label={t('new.name')} maxLength={120} {...form.getInputProps('name')} />
              </>
            )}
            <Select
              label={t('new.relation')}
              data={REQUESTER_RELATIONS.map((value) => ({ value, label: t(`relation.${value}`) }))}
              allowDeselect={false}
              {...form.getInputProps('relation')}
            />
            <Select
              label={t('new.channel')}
              data={PRIVACY_STAFF_CHANNELS.map((value) => ({ value, label: t(`channel.${value}`) }))}
              allowDeselect={false}
              {...form.getInputProps('channel')}
            />
            <Textarea label={t('new.details')} autosize minRows={3} maxLength={4000} {...form.getInputProps('details')} />
            <Button type="submit" loading={create.isPending} w="fit-content">
              {t('new.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Page>
  );
}
