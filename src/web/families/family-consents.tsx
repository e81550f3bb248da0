import { Alert, Badge, Button, Checkbox, Group, Modal, Paper, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_CHANNELS, type FamilyConsents as Consents, type FamilyConsentState, ORIGIN_CHANNELS } from '../../contracts/families.js';
import type { PrivacyNotice } from '../../contracts/settings.js';
import { contactPurposeOf } from '../../domain/consent.js';
import { api } from '../api/client.js';
import { i18n } from '../i18n/i18n.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { notifySuccess } from '../ui/notify.js';
import { LoadFailure, PageLoader } from '../ui/page.js';
import { ProblemAlert } from '../ui/problem-alert.js';
import { asProblem, errorMessage, problemMessage } from '../ui/problems.js';
import { ScrollTable } from '../ui/worklist.js';
import type { Family } from './families-api.js';
import ar from './i18n/consents.ar.json' with { type: 'json' };
import en from './i18n/consents.en.json' with { type: 'json' };
import { FAMILIES_NS } from './i18n.js';

/**
 * The family's consents per purpose on its page (issue 20 §3, F2, C5): the state of each purpose,
 * recording a consent or a withdrawal, and the history. The rules are the server's; the form only
 * asks up front for what the server would otherwise refuse (a new agreed channel, the second
 * confirmation of an end of service).
 */
const NS = 'family-consents';
if (!i18n.hasResourceBundle('ar', NS)) {
  i18n.addResourceBundle('ar', NS, ar);
  i18n.addResourceBundle('en', NS, en);
  i18n.addResourceBundle('ar', 'translation', { errors: ar.errors }, true, false);
  i18n.addResourceBundle('en', 'translation', { errors: en.errors }, true, false);
}

const consentKey = (id: string) => ['families', 'consents', id] as const;
const STATE_COLOR = { given: 'teal', withdrawn: 'red', none: 'gray' } as const;

export function FamilyConsents({ family }: { family: Family }) {
  const { t } = useTranslation(NS);
  const { t: tc } = useTranslation();
  const { dualDate } = useFormat();
  const { language } = useLanguage();
  const consents = useQuery({ queryKey: consentKey(family.id), queryFn: () => api.get<Consents>(`/families/${family.id}/consents`) });
  const [editing, setEditing] = useState<{ purpose: FamilyConsentState; action: 'give' | 'withdraw' } | null>(null);
  const name = (p: { nameAr: string; nameEn: string }) => (language === 'ar' ? p.nameAr : p.nameEn);

  let body: ReactNode;
  if (consents.isPending) body = <PageLoader />;
  else if (consents.isError) body = <LoadFailure message={errorMessage(tc, consents.error)} />;
  else {
    const data = consents.data;
    body = (
      <>
        <Paper withBorder radius="md">
          <ScrollTable minWidth={560} label={t('title')}>
            <Table verticalSpacing="sm" style={{ wordBreak: 'normal' }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('colPurpose')}</Table.Th>
                  <Table.Th scope="col">{t('colState')}</Table.Th>
                  <Table.Th scope="col">{t('colSince')}</Table.Th>
                  {family.abilities.edit && <Table.Th scope="col" />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.purposes.map((p) => (
                  <Table.Tr key={p.purpose} data-purpose={p.purpose}>
                    <Table.Th scope="row" fw={500}>
                      {name(p)}
                      {p.isRequired && (
                        <Badge ms="xs" size="sm" variant="light" color="grape">
                          {t('required')}
                        </Badge>
                      )}
                    </Table.Th>
                    <Table.Td>
                      <Badge variant="light" color={STATE_COLOR[p.state]}>
                        {t(`state.${p.state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{p.at ? dualDate(p.at).gregorian : '—'}</Table.Td>
                    {family.abilities.edit && (
                      <Table.Td>
                        {p.state === 'given' ? (
                          <Button size="xs" variant="default" color="red" onClick={() => setEditing({ purpose: p, action: 'withdraw' })}>
                            {t('withdraw')}
                          </Button>
                        ) : (
                          p.isActive && (
                            <Button size="xs" variant="light" onClick={() => setEditing({ purpose: p, action: 'give' })}>
                              {t('give')}
                            </Button>
                          )
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </Paper>
        <ConsentHistory consents={data} />
        {editing && (
          <ConsentDialog
            family={family}
            consents={data}
            purpose={editing.purpose}
            action={editing.action}
            title={t(editing.action === 'give' ? 'giveTitle' : 'withdrawTitle', { purpose: name(editing.purpose) })}
            onClose={() => setEditing(null)}
          />
        )}
      </>
    );
  }
  return (
    <Stack gap="xs" component="section" aria-labelledby="consents-heading">
      <Group gap="xs">
        <IconShieldCheck size={20} aria-hidden />
        <Text component="h2" id="consents-heading" fw={700} fz="lg" m={0}>
          {t('title')}
        </Text>
      </Group>
      <Text size="sm" c="dimmed">
        {t('hint')}
      </Text>
      {body}
    </Stack>
  );
}

function ConsentHistory({ consents }: { consents: Consents }) {
  const { t } = useTranslation(NS);
  const { t: tf } = useTranslation(FAMILIES_NS);
  const { dualDate } = useFormat();
  const { language } = useLanguage();
  const names = new Map(consents.purposes.map((p) => [p.purpose, language === 'ar' ? p.nameAr : p.nameEn]));
  const channelLabel = (channel: string) =>
    (ORIGIN_CHANNELS as readonly string[]).includes(channel)
      ? tf(`origins.${channel}`)
      : t(`channels.${channel}`, { defaultValue: channel });
  if (!consents.history.length) return <Text size="sm">{t('historyEmpty')}</Text>;
  return (
    <Stack gap={4}>
      <Text component="h3" fw={600} fz="md" m={0}>
        {t('history')}
      </Text>
      <Paper withBorder radius="md">
        <ScrollTable minWidth={720} label={t('history')}>
          <Table striped verticalSpacing="xs" style={{ wordBreak: 'normal' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('colWhen')}</Table.Th>
                <Table.Th scope="col">{t('colPurpose')}</Table.Th>
                <Table.Th scope="col">{t('colAction')}</Table.Th>
                <Table.Th scope="col">{t('colChannel')}</Table.Th>
                <Table.Th scope="col">{t('colVersion')}</Table.Th>
                <Table.Th scope="col">{t('colBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {consents.history.map((h) => {
                const at = dualDate(h.at);
                return (
                  <Table.Tr key={h.id}>
                    <Table.Td>
                      <Text size="sm">{at.hijri}</Text>
                      <Text size="xs" c="dimmed">
                        {at.gregorian}
                      </Text>
                    </Table.Td>
                    <Table.Td>{names.get(h.purpose) ?? h.purpose}</Table.Td>
                    <Table.Td>
                      {t(`action.${h.action}`)}
                      {h.note && (
                        <Text size="xs" c="dimmed">
                          {h.note}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{channelLabel(h.channel)}</Table.Td>
                    <Table.Td>
                      <Ltr>{h.noticeVersion}</Ltr>
                    </Table.Td>
                    <Table.Td>
                      {h.recordedByKind === 'staff' ? (h.recordedByName ?? '—') : t(h.recordedByKind === 'family' ? 'byFamily' : 'byLink')}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Paper>
    </Stack>
  );
}

function ConsentDialog({
  family,
  consents,
  purpose,
  action,
  title,
  onClose,
}: {
  family: Family;
  consents: Consents;
  purpose: FamilyConsentState;
  action: 'give' | 'withdraw';
  title: string;
  onClose: () => void;
}) {
  const { t } = useTranslation(NS);
  const { t: tf } = useTranslation(FAMILIES_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const notices = useQuery({
    queryKey: ['settings', 'privacy-notices', 'registration'],
    queryFn: () => api.get<PrivacyNotice[]>('/settings/privacy-notices/registration'),
  });
  const [channel, setChannel] = useState<string | null>(null);
  const [noticeVersion, setNoticeVersion] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [newChannel, setNewChannel] = useState<string | null>(null);
  const [isConfirmed, setConfirmed] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const isWithdraw = action === 'withdraw';
  const needsChannel = isWithdraw && contactPurposeOf(consents.agreedChannel) === purpose.purpose;
  const needsConfirm = isWithdraw && purpose.isRequired;
  const current = notices.data?.find((n) => n.isCurrent)?.version ?? null;

  const save = useMutation({
    mutationFn: () =>
      api.post<Consents>(`/families/${family.id}/consents`, {
        purpose: purpose.purpose,
        action,
        channel,
        ...((noticeVersion ?? current) ? { noticeVersion: noticeVersion ?? current } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(needsChannel && newChannel ? { newAgreedChannel: newChannel } : {}),
        ...(needsConfirm ? { confirmEndOfService: isConfirmed } : {}),
      }),
    onSuccess: async (data) => {
      queryClient.setQueryData(consentKey(family.id), data);
      await queryClient.invalidateQueries({ queryKey: ['families', 'one', family.id] });
      notifySuccess(t('saved'));
      onClose();
    },
    onError: (error) => setProblem(problemMessage(tc, asProblem(error))),
  });

  const channelOptions = [...ORIGIN_CHANNELS].map((c) => ({ value: c, label: tf(`origins.${c}`) }));
  const newChannelOptions = CONTACT_CHANNELS.filter((c) => c !== consents.agreedChannel).map((c) => ({
    value: c,
    label: tf(`channels.${c}`),
  }));
  const isReady = Boolean(channel) && (!needsChannel || Boolean(newChannel)) && (!needsConfirm || isConfirmed);

  return (
    <Modal opened onClose={onClose} title={title} centered size="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setProblem(null);
          save.mutate();
        }}
      >
        <Stack gap="md">
          <ProblemAlert message={problem} onClose={() => setProblem(null)} />
          {needsConfirm && (
            <Alert color="red" variant="light" role="note">
              {t('endOfService')}
            </Alert>
          )}
          <Select label={t('channel')} data={channelOptions} value={channel} onChange={setChannel} allowDeselect={false} withAsterisk />
          {!isWithdraw && (
            <Select
              label={t('noticeVersion')}
              data={(notices.data ?? []).map((n) => ({ value: n.version, label: n.version }))}
              value={noticeVersion ?? current}
              onChange={setNoticeVersion}
              allowDeselect={false}
              dir="ltr"
            />
          )}
          {needsChannel && (
            <Select
              label={t('newChannel')}
              description={t('newChannelHint')}
              data={newChannelOptions}
              value={newChannel}
              onChange={setNewChannel}
              withAsterisk
            />
          )}
          <Textarea
            label={t('note')}
            description={t('noteHint')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={500}
            autosize
            minRows={2}
          />
          {needsConfirm && (
            <Checkbox label={t('confirmEnd')} checked={isConfirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" color={isWithdraw ? 'red' : undefined} loading={save.isPending} disabled={!isReady}>
              {isWithdraw ? t('withdraw') : t('save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
