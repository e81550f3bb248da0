import { Button, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMITTEE_PURPOSES, createCommitteeBody, updateCommitteeBody } from '../../contracts/committees.js';
import { api } from '../api/client.js';
import { notifySuccess } from '../ui/notify.js';
import { NumberField } from '../ui/number-field.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { schemaErrors } from '../ui/validate.js';
import { useStaffList } from '../users/users-api.js';
import { type Committee, committeeKeys } from './committees-api.js';
import { COMMITTEES_NS } from './i18n.js';

interface CommitteeFormValues {
  code: string;
  nameAr: string;
  nameEn: string;
  purposes: Committee['purposes'];
  quorum: number | string;
  memberIds: string[];
  chairId: string;
  isActive: boolean;
}

function initialValues(committee: Committee | null): CommitteeFormValues {
  if (!committee)
    return { code: '', nameAr: '', nameEn: '', purposes: ['requests'], quorum: 2, memberIds: [], chairId: '', isActive: true };
  return {
    code: committee.code,
    nameAr: committee.nameAr,
    nameEn: committee.nameEn,
    purposes: committee.purposes,
    quorum: committee.quorum,
    memberIds: committee.members.map((member) => member.userId),
    chairId: committee.chairId ?? '',
    isActive: committee.isActive,
  };
}

function toBody(values: CommitteeFormValues) {
  return {
    code: values.code.trim(),
    nameAr: values.nameAr.trim(),
    nameEn: values.nameEn.trim(),
    purposes: values.purposes,
    quorum: Number(values.quorum),
    memberIds: values.memberIds,
    chairId: values.chairId,
  };
}

/** Staff who may sit on a committee: active accounts holding a committee role (the server checks again). */
function useMemberChoices(keep: readonly Committee['members'][number][]) {
  const staff = useStaffList({ status: 'active', sort: 'displayName', order: 'asc', page: 1, pageSize: 100 });
  return useMemo(() => {
    const eligible = (staff.data?.items ?? []).filter((user) =>
      user.roles.some((role) => role === 'committee-member' || role === 'follow-up-committee'),
    );
    const choices = eligible.map((user) => ({ value: user.id, label: user.displayName }));
    for (const member of keep) {
      if (!choices.some((choice) => choice.value === member.userId)) choices.push({ value: member.userId, label: member.displayName });
    }
    return { choices, isPending: staff.isPending };
  }, [staff.data, staff.isPending, keep]);
}

/** Create or edit a committee (administrator): names, purposes (one or several, issue 22), members, chair and quorum (C5). */
export function CommitteeFormModal({ committee, opened, onClose }: { committee: Committee | null; opened: boolean; onClose(): void }) {
  const { t } = useTranslation(COMMITTEES_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const isNew = committee === null;
  const form = useForm<CommitteeFormValues>({
    initialValues: initialValues(committee),
    validate: (values) => {
      const body = toBody(values);
      const errors = isNew
        ? schemaErrors(tc, createCommitteeBody, body)
        : schemaErrors(tc, updateCommitteeBody, { ...body, code: undefined, isActive: values.isActive });
      if (values.chairId && !values.memberIds.includes(values.chairId)) errors.chairId = t('chairNotMember');
      if (Number(values.quorum) > values.memberIds.length) errors.quorum = t('quorumTooHigh');
      return errors;
    },
  });
  const problem = useFormProblem(form);
  const { choices } = useMemberChoices(committee?.members ?? []);
  const save = useMutation({
    mutationFn: (values: CommitteeFormValues) => {
      const body = toBody(values);
      if (isNew) return api.post<Committee>('/committees', body);
      const { code: _code, ...changes } = body;
      return api.patch<Committee>(`/committees/${encodeURIComponent(committee.id)}`, { ...changes, isActive: values.isActive });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: committeeKeys.all });
      notifySuccess(isNew ? t('created', { name: saved.nameAr }) : t('saved'));
      onClose();
    },
    onError: problem.handle,
  });
  const memberIds = form.getValues().memberIds;
  const chairChoices = choices.filter((choice) => memberIds.includes(choice.value));

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={isNew ? t('newCommittee') : t('editCommittee')}
      size="lg"
      closeButtonProps={{ 'aria-label': tc('common.close') }}
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          problem.clear();
          save.mutate(values);
        })}
      >
        <Stack gap="md">
          <ProblemAlert message={problem.message} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('nameAr')} required {...form.getInputProps('nameAr')} />
            <TextInput label={t('nameEn')} required dir="ltr" {...form.getInputProps('nameEn')} />
            <TextInput
              label={t('code')}
              description={t('codeHint')}
              required
              dir="ltr"
              disabled={!isNew}
              autoComplete="off"
              {...form.getInputProps('code')}
            />
            <MultiSelect
              label={t('purposesLabel')}
              description={t('purposesHint')}
              required
              data={COMMITTEE_PURPOSES.map((value) => ({ value, label: t(`purposes.${value}`) }))}
              {...form.getInputProps('purposes')}
            />
          </SimpleGrid>
          <MultiSelect
            label={t('members')}
            description={t('membersHint')}
            required
            searchable
            data={choices}
            nothingFoundMessage={t('noEligibleStaff')}
            {...form.getInputProps('memberIds')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select label={t('chair')} required allowDeselect={false} data={chairChoices} {...form.getInputProps('chairId')} />
            <NumberField kind="integer" label={t('quorum')} description={t('quorumHint')} required {...form.getInputProps('quorum')} />
          </SimpleGrid>
          {!isNew && <Switch label={t('isActive')} {...form.getInputProps('isActive', { type: 'checkbox' })} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {isNew ? t('create') : tc('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
