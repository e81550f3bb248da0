import { Button, Group, Modal, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ContactOfficer } from '../../contracts/complaints.js';
import { api } from '../api/client.js';
import { useOfficerRoster } from '../inquiries/inquiries-api.js';
import { useLanguage } from '../ui/language.js';
import { notifySuccess } from '../ui/notify.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { useFormProblem } from '../ui/use-form-problem.js';
import { useTaxonomies } from '../users/users-api.js';
import { OFFICERS_NS } from './i18n.js';
import { registerKey } from './officers-api.js';

export interface EntryKey {
  category: string | null;
  domain: string | null;
}

const CHANNELS = ['phone', 'email', 'whatsapp', 'office'] as const;
type Channel = (typeof CHANNELS)[number];

interface Values {
  officerId: string;
  backupId: string;
  roleTitleAr: string;
  roleTitleEn: string;
  channel: Channel;
  address: string;
  isActive: boolean;
}

const CODE_FIELDS = { 'officers.duplicate': 'officerId' };

/**
 * Adds or edits the register entry of one grid cell (G1). A cell whose entry was switched off reuses
 * that entry, so its history stays in one place. The public sees the role and channel, never the name.
 */
export function OfficerEntryForm({
  entryKey,
  entry,
  inactive,
  onClose,
}: {
  entryKey: EntryKey;
  entry: ContactOfficer | null;
  inactive: ContactOfficer | null;
  onClose(): void;
}) {
  const { t } = useTranslation(OFFICERS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const queryClient = useQueryClient();
  const roster = useOfficerRoster();
  const taxonomies = useTaxonomies();
  const base = entry ?? inactive;
  const form = useForm<Values>({
    initialValues: {
      officerId: base?.officer.id ?? '',
      backupId: base?.backup?.id ?? '',
      roleTitleAr: base?.roleTitleAr ?? '',
      roleTitleEn: base?.roleTitleEn ?? '',
      channel: base?.channel ?? 'phone',
      address: base?.address ?? '',
      isActive: entry ? entry.isActive : true,
    },
    validate: {
      officerId: (value) => (value ? null : t('errors.officerRequired')),
      roleTitleAr: (value) => (value.trim() ? null : t('errors.required')),
      roleTitleEn: (value) => (value.trim() ? null : t('errors.required')),
      address: (value) => (value.trim() ? null : t('errors.required')),
    },
  });
  const problem = useFormProblem(form, { codeFields: CODE_FIELDS });
  const save = useMutation({
    mutationFn: (values: Values) => {
      const fields = {
        officerId: values.officerId,
        backupId: values.backupId || null,
        roleTitleAr: values.roleTitleAr.trim(),
        roleTitleEn: values.roleTitleEn.trim(),
        channel: values.channel,
        address: values.address.trim(),
        isActive: values.isActive,
      };
      return base
        ? api.patch<ContactOfficer>(`/contact-officers/${base.id}`, { ...fields, version: base.version })
        : api.post<ContactOfficer>('/contact-officers', { ...entryKey, ...fields });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: registerKey });
      notifySuccess(t('saved'));
      onClose();
    },
    onError: (error) => {
      void queryClient.invalidateQueries({ queryKey: registerKey });
      problem.handle(error);
    },
  });
  const named = (list: Array<{ code: string; nameAr: string; nameEn: string }> | undefined, code: string | null, any: string) => {
    const item = list?.find((x) => x.code === code);
    return code === null ? any : item ? (language === 'ar' ? item.nameAr : item.nameEn) : code;
  };
  const people = (roster.data?.items ?? []).map((item) => ({
    value: item.staffId,
    label: item.isAbsent ? `${item.displayName} (${t('absent')})` : item.displayName,
  }));
  return (
    <Modal
      opened
      onClose={onClose}
      title={entry ? t('editTitle') : t('addTitle')}
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
        <Stack gap="sm">
          <Text fw={600} data-testid="entry-key">
            {t('cellName', {
              category: named(taxonomies.data?.categories, entryKey.category, t('anyCategory')),
              domain: named(taxonomies.data?.domains, entryKey.domain, t('anyDomain')),
            })}
          </Text>
          <ProblemAlert message={problem.message} />
          <Select label={t('officer')} data={people} searchable withAsterisk {...form.getInputProps('officerId')} />
          <Select
            label={t('backup')}
            description={t('backupHint')}
            data={people.filter((p) => p.value !== form.values.officerId)}
            searchable
            clearable
            {...form.getInputProps('backupId')}
            value={form.values.backupId || null}
            onChange={(value) => form.setFieldValue('backupId', value ?? '')}
          />
          <Group grow align="flex-start">
            <TextInput label={t('roleTitleAr')} withAsterisk maxLength={120} {...form.getInputProps('roleTitleAr')} />
            <TextInput label={t('roleTitleEn')} withAsterisk maxLength={120} dir="ltr" {...form.getInputProps('roleTitleEn')} />
          </Group>
          <Group grow align="flex-start">
            <Select
              label={t('channel')}
              data={CHANNELS.map((value) => ({ value, label: t(`channels.${value}`) }))}
              allowDeselect={false}
              {...form.getInputProps('channel')}
            />
            <TextInput
              label={t('address')}
              description={t('addressHint')}
              withAsterisk
              maxLength={200}
              dir="ltr"
              {...form.getInputProps('address')}
            />
          </Group>
          <Switch label={t('active')} {...form.getInputProps('isActive', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
