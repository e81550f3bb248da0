import { Badge, Button, Checkbox, Group, Modal, Paper, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentPurpose, PrivacyNotice, PrivacyNoticeKind } from '../../contracts/settings.js';
import { api } from '../api/client.js';
import { i18n } from '../i18n/i18n.js';
import { useFormat } from '../ui/format.js';
import { Ltr } from '../ui/ltr.js';
import { notifySuccess } from '../ui/notify.js';
import { NumberField } from '../ui/number-field.js';
import { LoadFailure, PageLoader } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { asProblem, errorMessage, problemMessage } from '../ui/problems.js';

/**
 * Settings → consent purposes and privacy notices (issue 20 §3–§4, F2): administrators name the
 * purposes and mark the required one; a notice is changed by saving a new version (the history stays
 * and every version stays valid for what was recorded under it).
 */
export const CONSENT_SETTINGS_NS = 'settings-consent';
const COPY = {
  ar: {
    tabPurposes: 'أغراض الموافقة',
    tabNotices: 'إشعارات الخصوصية',
    purposesHint: 'الأغراض التي تُسجَّل موافقة الأسرة على كل منها. الغرض اللازم لا يُسحب إلا بإنهاء الخدمة.',
    addPurpose: 'إضافة غرض',
    editPurpose: 'تعديل الغرض',
    code: 'الرمز',
    nameAr: 'الاسم بالعربية',
    nameEn: 'الاسم بالإنجليزية',
    isRequired: 'لازم لتقديم الخدمة',
    isActive: 'مستخدم',
    sortOrder: 'الترتيب',
    contactOf: 'تواصل عبر',
    required: 'لازم',
    inactive: 'غير مستخدم',
    save: 'حفظ',
    cancel: 'إلغاء',
    saved: 'حُفظ.',
    edit: 'تعديل',
    noticesHint: 'النص الذي يُعرض على الأسرة أو الزائر قبل الموافقة. الحفظ يُنشئ إصدارًا جديدًا ويبقى السجل كاملًا.',
    kinds: { registration: 'إشعار تسجيل الأسرة', 'public-form': 'إشعار نموذج الشكاوى والاستفسارات' },
    current: 'الإصدار الحالي',
    version: 'الإصدار',
    created: 'أُنشئ',
    textAr: 'النص بالعربية',
    textEn: 'النص بالإنجليزية',
    newVersion: 'حفظ إصدار جديد',
    newVersionSaved: 'حُفظ الإصدار {{version}}.',
    history: 'الإصدارات السابقة',
  },
  en: {
    tabPurposes: 'Consent purposes',
    tabNotices: 'Privacy notices',
    purposesHint: 'The purposes a family’s consent is recorded for. The required purpose is withdrawn only by ending the service.',
    addPurpose: 'Add purpose',
    editPurpose: 'Edit purpose',
    code: 'Code',
    nameAr: 'Name in Arabic',
    nameEn: 'Name in English',
    isRequired: 'Required to provide the service',
    isActive: 'In use',
    sortOrder: 'Order',
    contactOf: 'Contact by',
    required: 'Required',
    inactive: 'Not in use',
    save: 'Save',
    cancel: 'Cancel',
    saved: 'Saved.',
    edit: 'Edit',
    noticesHint: 'The text shown to the family or visitor before they consent. Saving makes a new version; the history is kept.',
    kinds: { registration: 'Family registration notice', 'public-form': 'Complaints and inquiries form notice' },
    current: 'Current version',
    version: 'Version',
    created: 'Created',
    textAr: 'Text in Arabic',
    textEn: 'Text in English',
    newVersion: 'Save as a new version',
    newVersionSaved: 'Version {{version}} saved.',
    history: 'Earlier versions',
  },
};
if (!i18n.hasResourceBundle('ar', CONSENT_SETTINGS_NS)) {
  i18n.addResourceBundle('ar', CONSENT_SETTINGS_NS, COPY.ar);
  i18n.addResourceBundle('en', CONSENT_SETTINGS_NS, COPY.en);
}

const purposesKey = ['settings', 'consent-purposes'] as const;
const noticesKey = (kind: PrivacyNoticeKind) => ['settings', 'privacy-notices', kind] as const;

export function ConsentPurposesPanel() {
  const { t, i18n: active } = useTranslation(CONSENT_SETTINGS_NS);
  const { t: tc } = useTranslation();
  const { number } = useFormat();
  const purposes = useQuery({ queryKey: purposesKey, queryFn: () => api.get<ConsentPurpose[]>('/settings/consent-purposes') });
  const [editing, setEditing] = useState<{ purpose: ConsentPurpose | null } | null>(null);
  if (purposes.isPending) return <PageLoader />;
  if (purposes.isError) return <LoadFailure message={errorMessage(tc, purposes.error)} />;
  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        <Text>{t('purposesHint')}</Text>
        <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setEditing({ purpose: null })}>
          {t('addPurpose')}
        </Button>
      </Group>
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('nameAr')}</Table.Th>
                <Table.Th scope="col">{t('nameEn')}</Table.Th>
                <Table.Th scope="col">{t('code')}</Table.Th>
                <Table.Th scope="col">{t('sortOrder')}</Table.Th>
                <Table.Th scope="col" />
                <Table.Th scope="col">{tc('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {purposes.data.map((p) => (
                <Table.Tr key={p.code}>
                  <Table.Td lang="ar" dir="rtl">
                    {p.nameAr}
                  </Table.Td>
                  <Table.Td lang="en" dir="ltr">
                    {p.nameEn}
                  </Table.Td>
                  <Table.Td>
                    <Ltr>{p.code}</Ltr>
                  </Table.Td>
                  <Table.Td>{number(p.sortOrder)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {p.isRequired && (
                        <Badge color="grape" variant="light" size="sm">
                          {t('required')}
                        </Badge>
                      )}
                      {!p.isActive && (
                        <Badge color="gray" variant="dot" size="sm">
                          {t('inactive')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      leftSection={<IconPencil size={16} aria-hidden />}
                      aria-label={`${t('edit')}: ${active.language === 'ar' ? p.nameAr : p.nameEn}`}
                      onClick={() => setEditing({ purpose: p })}
                    >
                      {t('edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {editing && <PurposeForm purpose={editing.purpose} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function PurposeForm({ purpose, onClose }: { purpose: ConsentPurpose | null; onClose: () => void }) {
  const { t } = useTranslation(CONSENT_SETTINGS_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    code: purpose?.code ?? '',
    nameAr: purpose?.nameAr ?? '',
    nameEn: purpose?.nameEn ?? '',
    isRequired: purpose?.isRequired ?? false,
    isActive: purpose?.isActive ?? true,
    sortOrder: purpose?.sortOrder ?? 100,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      purpose
        ? api.patch<ConsentPurpose>(`/settings/consent-purposes/${encodeURIComponent(purpose.code)}`, {
            nameAr: values.nameAr,
            nameEn: values.nameEn,
            isRequired: values.isRequired,
            isActive: values.isActive,
            sortOrder: values.sortOrder,
          })
        : api.post<ConsentPurpose>('/settings/consent-purposes', {
            code: values.code,
            nameAr: values.nameAr,
            nameEn: values.nameEn,
            isRequired: values.isRequired,
            sortOrder: values.sortOrder,
          }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: purposesKey });
      notifySuccess(t('saved'));
      onClose();
    },
    onError: (error) => setProblem(problemMessage(tc, asProblem(error))),
  });
  return (
    <Modal opened onClose={onClose} title={purpose ? t('editPurpose') : t('addPurpose')} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setProblem(null);
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <ProblemAlert message={problem} onClose={() => setProblem(null)} />
          {!purpose && (
            <TextInput
              label={t('code')}
              dir="ltr"
              withAsterisk
              value={values.code}
              onChange={(e) => setValues({ ...values, code: e.currentTarget.value })}
            />
          )}
          <TextInput
            label={t('nameAr')}
            lang="ar"
            dir="rtl"
            withAsterisk
            maxLength={120}
            value={values.nameAr}
            onChange={(e) => setValues({ ...values, nameAr: e.currentTarget.value })}
          />
          <TextInput
            label={t('nameEn')}
            lang="en"
            dir="ltr"
            withAsterisk
            maxLength={120}
            value={values.nameEn}
            onChange={(e) => setValues({ ...values, nameEn: e.currentTarget.value })}
          />
          <NumberField
            kind="integer"
            label={t('sortOrder')}
            value={values.sortOrder}
            onChange={(v) => setValues({ ...values, sortOrder: v === '' ? 0 : v })}
          />
          <Checkbox
            label={t('isRequired')}
            checked={values.isRequired}
            onChange={(e) => setValues({ ...values, isRequired: e.currentTarget.checked })}
          />
          {purpose && (
            <Checkbox
              label={t('isActive')}
              checked={values.isActive}
              onChange={(e) => setValues({ ...values, isActive: e.currentTarget.checked })}
            />
          )}
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

export function PrivacyNoticesPanel() {
  const { t } = useTranslation(CONSENT_SETTINGS_NS);
  return (
    <Stack gap="lg">
      <Text>{t('noticesHint')}</Text>
      <NoticeEditor kind="registration" />
      <NoticeEditor kind="public-form" />
    </Stack>
  );
}

function NoticeEditor({ kind }: { kind: PrivacyNoticeKind }) {
  const { t } = useTranslation(CONSENT_SETTINGS_NS);
  const { t: tc } = useTranslation();
  const { dualDate } = useFormat();
  const queryClient = useQueryClient();
  const notices = useQuery({ queryKey: noticesKey(kind), queryFn: () => api.get<PrivacyNotice[]>(`/settings/privacy-notices/${kind}`) });
  const current = notices.data?.find((n) => n.isCurrent);
  const [draft, setDraft] = useState<{ textAr: string; textEn: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const text = draft ?? { textAr: current?.textAr ?? '', textEn: current?.textEn ?? '' };
  const save = useMutation({
    mutationFn: () => api.post<PrivacyNotice>(`/settings/privacy-notices/${kind}`, text),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: noticesKey(kind) });
      setDraft(null);
      notifySuccess(t('newVersionSaved', { version: saved.version }));
    },
    onError: (error) => setProblem(problemMessage(tc, asProblem(error))),
  });
  if (notices.isPending) return <PageLoader />;
  if (notices.isError) return <LoadFailure message={errorMessage(tc, notices.error)} />;
  const isChanged = draft !== null && (draft.textAr !== current?.textAr || draft.textEn !== current?.textEn);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={`notice-${kind}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text component="h2" id={`notice-${kind}`} fw={700} fz="lg" m={0}>
            {t(`kinds.${kind}`)}
          </Text>
          {current && (
            <Badge variant="light">
              {t('current')}: <Ltr>{current.version}</Ltr>
            </Badge>
          )}
        </Group>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setProblem(null);
            save.mutate();
          }}
        >
          <Stack gap="sm">
            <ProblemAlert message={problem} onClose={() => setProblem(null)} />
            <Textarea
              label={t('textAr')}
              lang="ar"
              dir="rtl"
              autosize
              minRows={3}
              value={text.textAr}
              onChange={(e) => setDraft({ ...text, textAr: e.currentTarget.value })}
            />
            <Textarea
              label={t('textEn')}
              lang="en"
              dir="ltr"
              autosize
              minRows={3}
              value={text.textEn}
              onChange={(e) => setDraft({ ...text, textEn: e.currentTarget.value })}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} disabled={!isChanged}>
                {t('newVersion')}
              </Button>
            </Group>
          </Stack>
        </form>
        {notices.data.length > 1 && (
          <Stack gap={4}>
            <Text fw={600}>{t('history')}</Text>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('version')}</Table.Th>
                  <Table.Th scope="col">{t('created')}</Table.Th>
                  <Table.Th scope="col">{t('textAr')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {notices.data
                  .filter((n) => !n.isCurrent)
                  .map((n) => (
                    <Table.Tr key={n.version}>
                      <Table.Td>
                        <Ltr>{n.version}</Ltr>
                      </Table.Td>
                      <Table.Td>{dualDate(n.createdAt).gregorian}</Table.Td>
                      <Table.Td lang="ar" dir="rtl">
                        <Text size="sm" lineClamp={2}>
                          {n.textAr}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
