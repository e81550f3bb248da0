import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import {
  CONTACT_CHANNELS,
  type CreateFamilyBody,
  type Family,
  ORIGIN_CHANNELS,
  RELATIONS,
  type UpdateFamilyBody,
} from '../../contracts/families.js';
import { toLatinDigits } from '../../domain/digits.js';
import { useCurrentUser } from '../auth/session.js';
import { useLanguage } from '../ui/language.js';
import { asProblem, fieldErrorMessage, problemMessage } from '../ui/problems.js';
import { useTaxonomyLabels } from '../ui/taxonomies.js';
import { schemaErrors } from '../ui/validate.js';
import { FAMILIES_NS } from './i18n.js';
import { useRegistrationNotice } from './privacy-notice.js';

export interface MemberValues {
  key: string;
  name: string;
  relation: string;
  nationalId: string;
  calendar: 'gregorian' | 'hijri';
  date: string;
}

export interface FamilyFormValues {
  headNameAr: string;
  headNameEn: string;
  nationalId: string;
  mobile: string;
  otherPhone: string;
  email: string;
  city: string;
  address: string;
  office: string;
  category: string;
  domains: string[];
  agreedChannel: string;
  originChannel: string;
  members: MemberValues[];
  notes: string;
  consent: boolean;
  /** The registration notice's version shown (issue 20 §4): the current one, from Settings. */
  privacyNoticeVersion: string;
  channelConsentNote: string;
}

export const emptyFamilyForm: FamilyFormValues = {
  headNameAr: '',
  headNameEn: '',
  nationalId: '',
  mobile: '',
  otherPhone: '',
  email: '',
  city: '',
  address: '',
  office: '',
  category: '',
  domains: [],
  agreedChannel: '',
  originChannel: '',
  members: [],
  notes: '',
  consent: false,
  privacyNoticeVersion: '',
  channelConsentNote: '',
};

let memberKey = 0;
const newKey = () => `m${++memberKey}`;

export function formOfFamily(family: Family): FamilyFormValues {
  return {
    headNameAr: family.headNameAr,
    headNameEn: family.headNameEn ?? '',
    nationalId: family.nationalId,
    mobile: family.mobile ?? '',
    otherPhone: family.otherPhone ?? '',
    email: family.email ?? '',
    city: family.city,
    address: family.address ?? '',
    office: family.office,
    category: family.category,
    domains: family.domains,
    agreedChannel: family.agreedChannel,
    originChannel: family.originChannel,
    members: family.members.map((member) => ({
      key: newKey(),
      name: member.name,
      relation: member.relation,
      nationalId: member.nationalId ?? '',
      calendar: member.birthDateCalendar ?? 'gregorian',
      date: member.birthDate ?? '',
    })),
    notes: family.notes ?? '',
    consent: true,
    privacyNoticeVersion: family.privacyNoticeVersion,
    channelConsentNote: '',
  };
}

const trimmed = (value: string) => {
  const text = value.trim();
  return text ? text : undefined;
};

function membersOf(values: FamilyFormValues) {
  return values.members.map((member) => {
    const date = trimmed(toLatinDigits(member.date));
    return {
      name: member.name,
      relation: member.relation as (typeof RELATIONS)[number],
      nationalId: trimmed(member.nationalId),
      birthDate: date ? { calendar: member.calendar, date } : undefined,
    };
  });
}

export function toCreateBody(values: FamilyFormValues): CreateFamilyBody {
  return {
    headNameAr: values.headNameAr,
    headNameEn: trimmed(values.headNameEn),
    nationalId: values.nationalId,
    mobile: trimmed(values.mobile),
    otherPhone: trimmed(values.otherPhone),
    email: trimmed(values.email),
    city: values.city,
    address: trimmed(values.address),
    office: values.office,
    category: values.category,
    domains: values.domains,
    agreedChannel: values.agreedChannel as CreateFamilyBody['agreedChannel'],
    originChannel: values.originChannel as CreateFamilyBody['originChannel'],
    members: membersOf(values) as CreateFamilyBody['members'],
    notes: trimmed(values.notes),
    consent: { isGiven: values.consent as true, privacyNoticeVersion: values.privacyNoticeVersion },
  };
}

export function toUpdateBody(values: FamilyFormValues, family: Family): UpdateFamilyBody {
  const orNull = (value: string) => trimmed(value) ?? null;
  const isChannelChanged = values.agreedChannel !== family.agreedChannel;
  return {
    version: family.version,
    headNameAr: values.headNameAr,
    headNameEn: orNull(values.headNameEn),
    nationalId: values.nationalId,
    mobile: orNull(values.mobile),
    otherPhone: orNull(values.otherPhone),
    email: orNull(values.email),
    city: values.city,
    address: orNull(values.address),
    office: values.office,
    category: values.category,
    domains: values.domains,
    agreedChannel: values.agreedChannel as UpdateFamilyBody['agreedChannel'],
    channelConsentNote: isChannelChanged ? values.channelConsentNote : undefined,
    members: membersOf(values) as UpdateFamilyBody['members'],
    notes: orNull(values.notes),
  };
}

/** A member's form fields and their labels' keys (the household's fields are named as their labels). */
const MEMBER_LABELS: Record<string, string> = {
  name: 'memberName',
  relation: 'relation',
  nationalId: 'memberNationalId',
  date: 'birthDate',
};

/** The label of a form path (`city`, `members.0.name`), in the families namespace's `t`; undefined when none. */
export function familyLabelOf(t: TFunction): (path: string) => string | undefined {
  return (path) => {
    const parts = path.split('.');
    const key = parts[0] === 'members' ? MEMBER_LABELS[parts[2] ?? ''] : parts.length === 1 ? parts[0] : undefined;
    return key && key !== 'consent' ? t(key, { defaultValue: '' }) || undefined : undefined;
  };
}

/**
 * Client-side checks with the server's own schema; errors keep their array indices (members.0.name)
 * and "required" names the field when `labelOf` knows its label.
 */
export function familyErrors(
  t: TFunction,
  schema: z.ZodType,
  body: unknown,
  labelOf?: (path: string) => string | undefined,
): Record<string, string> {
  return schemaErrors(t, schema, body, (path) => formPath(`/${path.map(String).join('/')}`), labelOf);
}

/** A pointer such as /members/0/birthDate/date → the form path members.0.date. */
function formPath(pointer: string): string {
  let path = pointer.split('/').filter(Boolean).join('.');
  if (path.startsWith('consent')) path = 'consent';
  return path.replace(/\.birthDate(\..*)?$/, '.date');
}

export interface DuplicateInfo {
  existingFamilyId: string | null;
  askOffice: string | null;
}

/** The server's answer placed under each input; a duplicate also says where the family is. */
export function useFamilyProblem(form: UseFormReturnType<FamilyFormValues>) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<DuplicateInfo | null>(null);
  const handle = useCallback(
    (error: unknown) => {
      const problem = asProblem(error) as ReturnType<typeof asProblem> & { existingFamilyId?: string; askOffice?: string };
      const values = form.getValues() as unknown as Record<string, unknown>;
      const fieldErrors: Record<string, string> = {};
      const unplaced: string[] = [];
      for (const fieldError of problem.errors ?? []) {
        const path = formPath(fieldError.pointer);
        const text = fieldErrorMessage(t, fieldError.code);
        if (path && (path.split('.')[0] as string) in values) fieldErrors[path] ??= text;
        else unplaced.push(text);
      }
      form.setErrors(fieldErrors);
      if (problem.code === 'family.duplicate' || problem.code === 'family.duplicate-elsewhere') {
        setDuplicate({ existingFamilyId: problem.existingFamilyId ?? null, askOffice: problem.askOffice ?? null });
        setMessage(null);
        return;
      }
      setDuplicate(null);
      const isPlaced = Object.keys(fieldErrors).length > 0 && unplaced.length === 0;
      setMessage(isPlaced ? null : [problemMessage(t, problem), ...unplaced].join(' '));
    },
    [form, t],
  );
  const clear = useCallback(() => {
    setMessage(null);
    setDuplicate(null);
  }, []);
  return { message, duplicate, handle, clear };
}

export function DuplicateAlert({ duplicate }: { duplicate: DuplicateInfo | null }) {
  const { t } = useTranslation(FAMILIES_NS);
  const labels = useTaxonomyLabels();
  if (!duplicate) return null;
  if (duplicate.existingFamilyId) {
    return (
      <Alert color="orange" variant="light" role="alert" title={t('duplicate')}>
        <Anchor component={Link} to={`/families/${duplicate.existingFamilyId}`}>
          {t('openExisting')}
        </Anchor>
      </Alert>
    );
  }
  return (
    <Alert color="orange" variant="light" role="alert" title={t('duplicate')}>
      {t('duplicateElsewhere', { office: duplicate.askOffice ? labels.office(duplicate.askOffice) : t('none') })}
    </Alert>
  );
}

export function FamilyFormFields({
  form,
  isNew,
  original,
}: {
  form: UseFormReturnType<FamilyFormValues>;
  isNew: boolean;
  original?: Family;
}) {
  const { t } = useTranslation(FAMILIES_NS);
  const labels = useTaxonomyLabels({ within: useCurrentUser().scope });
  const values = form.getValues();
  const { language } = useLanguage();
  const notice = useRegistrationNotice();
  useEffect(() => {
    if (isNew && notice && form.getValues().privacyNoticeVersion !== notice.version)
      form.setFieldValue('privacyNoticeVersion', notice.version);
  }, [isNew, notice, form]);
  const keepOffice = original ? [original.office] : undefined;
  const isChannelChanged = Boolean(original && values.agreedChannel !== original.agreedChannel);
  const ltr = { dir: 'ltr' as const, style: { textAlign: 'start' as const } };

  return (
    <Stack gap="lg">
      <Fieldset legend={t('sectionHead')} variant="unstyled">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('headNameAr')} withAsterisk dir="rtl" {...form.getInputProps('headNameAr')} key={form.key('headNameAr')} />
          <TextInput label={t('headNameEn')} dir="ltr" {...form.getInputProps('headNameEn')} key={form.key('headNameEn')} />
          <TextInput
            label={t('nationalId')}
            withAsterisk
            inputMode="numeric"
            autoComplete="off"
            {...ltr}
            {...form.getInputProps('nationalId')}
            key={form.key('nationalId')}
          />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('sectionContact')} variant="unstyled">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('mobile')} type="tel" inputMode="tel" {...ltr} {...form.getInputProps('mobile')} key={form.key('mobile')} />
          <TextInput
            label={t('otherPhone')}
            type="tel"
            inputMode="tel"
            {...ltr}
            {...form.getInputProps('otherPhone')}
            key={form.key('otherPhone')}
          />
          <TextInput label={t('email')} type="email" {...ltr} {...form.getInputProps('email')} key={form.key('email')} />
          <TextInput label={t('city')} withAsterisk {...form.getInputProps('city')} key={form.key('city')} />
        </SimpleGrid>
        <Textarea mt="sm" label={t('address')} autosize minRows={2} {...form.getInputProps('address')} key={form.key('address')} />
      </Fieldset>
      <Fieldset legend={t('sectionService')} variant="unstyled">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('office')}
            withAsterisk
            data={labels.offices(keepOffice)}
            {...form.getInputProps('office')}
            key={form.key('office')}
          />
          <Select
            label={t('category')}
            withAsterisk
            data={labels.categories(original ? [original.category] : undefined)}
            {...form.getInputProps('category')}
            key={form.key('category')}
          />
          <MultiSelect
            label={t('domains')}
            withAsterisk
            data={labels.domains(original?.domains)}
            {...form.getInputProps('domains')}
            key={form.key('domains')}
          />
          <Select
            label={t('agreedChannel')}
            withAsterisk
            data={CONTACT_CHANNELS.map((value) => ({ value, label: t(`channels.${value}`) }))}
            {...form.getInputProps('agreedChannel')}
            key={form.key('agreedChannel')}
          />
          <Select
            label={t('originChannel')}
            withAsterisk
            disabled={!isNew}
            data={ORIGIN_CHANNELS.map((value) => ({ value, label: t(`origins.${value}`) }))}
            {...form.getInputProps('originChannel')}
            key={form.key('originChannel')}
          />
        </SimpleGrid>
        {isChannelChanged && (
          <Textarea
            mt="sm"
            label={t('channelConsentNote')}
            description={t('channelConsentHint')}
            withAsterisk
            autosize
            minRows={2}
            {...form.getInputProps('channelConsentNote')}
            key={form.key('channelConsentNote')}
          />
        )}
      </Fieldset>
      <MembersFields form={form} />
      <Textarea label={t('notes')} autosize minRows={2} {...form.getInputProps('notes')} key={form.key('notes')} />
      {isNew && (
        <Paper withBorder radius="md" p="md" bg="var(--mantine-color-default-hover)">
          <Stack gap="xs">
            <Text fw={600} component="h2" fz="md" m={0}>
              {t('consentTitle')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {notice ? (language === 'ar' ? notice.textAr : notice.textEn) : t('privacyNotice')}
            </Text>
            <Checkbox
              label={t('consent', { version: `\u2066${notice?.version ?? ''}\u2069` })}
              {...form.getInputProps('consent', { type: 'checkbox' })}
              key={form.key('consent')}
            />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function MembersFields({ form }: { form: UseFormReturnType<FamilyFormValues> }) {
  const { t } = useTranslation(FAMILIES_NS);
  const members = form.getValues().members;
  return (
    <Fieldset legend={t('sectionMembers')} variant="unstyled">
      <Stack gap="sm">
        {members.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('noMembers')}
          </Text>
        )}
        {members.map((member, index) => (
          <Paper key={member.key} withBorder radius="md" p="sm">
            <Group justify="space-between" mb="xs">
              <Text fw={600} size="sm">
                {t('memberN', { n: index + 1 })}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('removeMember', { n: index + 1 })}
                onClick={() => form.removeListItem('members', index)}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label={t('memberName')}
                withAsterisk
                {...form.getInputProps(`members.${index}.name`)}
                key={form.key(`members.${index}.name`)}
              />
              <Select
                label={t('relation')}
                withAsterisk
                data={RELATIONS.map((value) => ({ value, label: t(`relations.${value}`) }))}
                {...form.getInputProps(`members.${index}.relation`)}
                key={form.key(`members.${index}.relation`)}
              />
              <TextInput
                label={t('memberNationalId')}
                inputMode="numeric"
                dir="ltr"
                {...form.getInputProps(`members.${index}.nationalId`)}
                key={form.key(`members.${index}.nationalId`)}
              />
              <Radio.Group
                label={t('birthCalendar')}
                {...form.getInputProps(`members.${index}.calendar`)}
                key={form.key(`members.${index}.calendar`)}
              >
                <Group gap="md" mt={6}>
                  <Radio value="gregorian" label={t('gregorian')} />
                  <Radio value="hijri" label={t('hijri')} />
                </Group>
              </Radio.Group>
              <TextInput
                label={t('birthDate')}
                description={t('birthDateHint')}
                placeholder="YYYY-MM-DD"
                inputMode="numeric"
                dir="ltr"
                {...form.getInputProps(`members.${index}.date`)}
                key={form.key(`members.${index}.date`)}
              />
            </SimpleGrid>
          </Paper>
        ))}
        <Group>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() =>
              form.insertListItem('members', { key: newKey(), name: '', relation: '', nationalId: '', calendar: 'gregorian', date: '' })
            }
          >
            {t('addMember')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
