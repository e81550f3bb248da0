import { Anchor, Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessCopyStatus } from '../../contracts/privacy-access-copy.js';
import { api } from '../api/client.js';
import { i18n } from '../i18n/i18n.js';
import { DualDay } from '../ui/dual-day.js';
import { notifyError } from '../ui/notify.js';
import { errorMessage } from '../ui/problems.js';
import { type PrivacyRequestDetail, privacyKeys } from './privacy-api.js';

/**
 * Issue 25 §3 (F2): the access copy on a request's page — ask for it in the requester's language,
 * follow the job while it is produced, download the print page or the JSON for 7 days; once ready,
 * the request's messages show that the requester was told (privacy.copy-ready).
 */
const NS = 'privacy-access-copy';
if (!i18n.hasResourceBundle('ar', NS)) {
  i18n.addResourceBundle('ar', NS, {
    title: 'نسخة البيانات',
    produce: 'إعداد النسخة',
    pending: 'جارٍ إعداد النسخة…',
    ready: 'النسخة جاهزة للتنزيل حتى',
    expired: 'انتهت مدة تنزيل النسخة (٧ أيام) وحُذفت',
    html: 'صفحة الطباعة',
    json: 'ملف JSON',
    arabic: 'العربية',
    english: 'الإنجليزية',
    unverified: 'لا يمكن إعداد النسخة قبل التحقق من هوية مقدّم الطلب',
  });
  i18n.addResourceBundle('en', NS, {
    title: 'Copy of the data',
    produce: 'Produce the copy',
    pending: 'The copy is being produced…',
    ready: 'Ready to download until',
    expired: 'The copy’s 7 days are over; it was deleted',
    html: 'Print page',
    json: 'JSON file',
    arabic: 'Arabic',
    english: 'English',
    unverified: 'The copy cannot be produced before the requester’s identity is verified',
  });
}

const BASE = (id: string) => `/privacy/requests/${encodeURIComponent(id)}/access-copy`;

export function AccessCopyPanel({ request }: { request: PrivacyRequestDetail }) {
  const { t } = useTranslation(NS);
  const { t: tc } = useTranslation();
  const [language, setLanguage] = useState<'ar' | 'en'>('ar');
  const client = useQueryClient();
  const key = ['privacy', 'access-copy', request.id];
  const state = useQuery({
    queryKey: key,
    queryFn: () => api.get<{ copy: AccessCopyStatus | null }>(BASE(request.id)),
    refetchInterval: (q) => (q.state.data?.copy?.status === 'pending' ? 5000 : false),
  });
  const ask = useMutation({
    mutationFn: () => api.post<{ copy: AccessCopyStatus }>(BASE(request.id), { language }),
    onSuccess: (answer) => client.setQueryData(key, answer),
    onError: (error) => notifyError(errorMessage(tc, error)),
  });
  const copy = state.data?.copy ?? null;
  // §2–§3: once the job has produced the copy, the request's messages list shows the family's "copy ready" message.
  const lastStatus = useRef(copy?.status);
  useEffect(() => {
    if (lastStatus.current === 'pending' && copy?.status === 'ready')
      void client.invalidateQueries({ queryKey: privacyKeys.request(request.id) });
    lastStatus.current = copy?.status;
  }, [copy?.status, client, request.id]);
  if (request.kind !== 'access' && request.kind !== 'portable-copy') return null;
  const isVerified = request.verification !== null;
  return (
    <Paper withBorder radius="md" p="md" data-testid="access-copy-panel">
      <Stack gap="xs">
        <Title order={2} fz="h4">
          {t('title')}
        </Title>
        {!isVerified && <Text c="dimmed">{t('unverified')}</Text>}
        {copy?.status === 'pending' && <Text>{t('pending')}</Text>}
        {copy?.status === 'ready' && copy.expiresAt && (
          <>
            <Text>
              {t('ready')} <DualDay value={copy.expiresAt} withTime inline />
            </Text>
            <Group>
              <Anchor href={`/api/v1${BASE(request.id)}/html`} download>
                {t('html')}
              </Anchor>
              <Anchor href={`/api/v1${BASE(request.id)}/json`} download>
                {t('json')}
              </Anchor>
            </Group>
          </>
        )}
        {copy?.status === 'expired' && <Text c="dimmed">{t('expired')}</Text>}
        {isVerified && copy?.status !== 'pending' && (
          <Group>
            <SegmentedControl
              value={language}
              onChange={(v) => setLanguage(v as 'ar' | 'en')}
              data={[
                { value: 'ar', label: t('arabic') },
                { value: 'en', label: t('english') },
              ]}
            />
            <Button onClick={() => ask.mutate()} loading={ask.isPending}>
              {t('produce')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
