import { Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTRACT_PARTY_KINDS, type ContractPartyKind } from '../../domain/acknowledgements.js';
import { api } from '../api/client.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { errorMessage } from '../ui/problems.js';
import { useAckWrite, type VersionStatus } from './acknowledgements-api.js';
import { ACKNOWLEDGEMENTS_NS } from './i18n.js';

/**
 * P-SCOPE (issue 26 §4): contractors, partners and volunteers without accounts — their state for
 * this version, a one-time link by SMS or e-mail through the outbox, and adding a new one.
 */
export function PartiesPanel({ versionId, parties }: { versionId: string; parties: VersionStatus['parties'] }) {
  const { t } = useTranslation(ACKNOWLEDGEMENTS_NS);
  const { t: tc } = useTranslation();
  const send = useAckWrite((partyId: string) => api.post(`/acknowledgements/versions/${versionId}/links`, { partyId }));
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {t('hr.parties')}
        </Title>
        {parties.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('hr.noParties')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table>
              <Table.Tbody>
                {parties.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.name}</Table.Td>
                    <Table.Td>{t(`hr.kind.${p.kind}`)}</Table.Td>
                    <Table.Td>
                      {p.exemptBy ? (
                        <Badge color="gray" variant="light">
                          {t('hr.exemptBy', { policy: p.exemptBy })}
                        </Badge>
                      ) : p.acknowledgedAt ? (
                        <Badge color="teal" variant="light">
                          {t('hr.acknowledged')} · {p.acknowledgedAt.slice(0, 10)}
                        </Badge>
                      ) : (
                        <Text size="sm">{p.linkSentAt ? t('hr.linkSentAt', { at: p.linkSentAt.slice(0, 10) }) : t('hr.pending')}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {!p.acknowledgedAt && !p.exemptBy && (
                        <Button
                          size="xs"
                          variant="light"
                          loading={send.isPending && send.variables === p.id}
                          onClick={() =>
                            send.mutate(p.id, {
                              onSuccess: () => notifySuccess(t('hr.linkSent')),
                              onError: (error) => notifyError(errorMessage(tc, error)),
                            })
                          }
                        >
                          {t('hr.sendLink')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <AddPartyForm />
      </Stack>
    </Paper>
  );
}

function AddPartyForm() {
  const { t } = useTranslation(ACKNOWLEDGEMENTS_NS);
  const { t: tc } = useTranslation();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ContractPartyKind>('contractor');
  const [channel, setChannel] = useState<'sms' | 'email'>('sms');
  const [address, setAddress] = useState('');
  const add = useAckWrite((body: { name: string; kind: ContractPartyKind; channel: 'sms' | 'email'; address: string }) =>
    api.post('/acknowledgements/parties', body),
  );
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate(
          { name, kind, channel, address },
          {
            onSuccess: () => {
              setName('');
              setAddress('');
              notifySuccess(t('hr.partyAdded'));
            },
            onError: (error) => notifyError(errorMessage(tc, error)),
          },
        );
      }}
    >
      <Stack gap="xs">
        <Text fw={600}>{t('hr.addParty')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('hr.partyName')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Select
            label={t('hr.partyKind')}
            data={CONTRACT_PARTY_KINDS.map((k) => ({ value: k, label: t(`hr.kind.${k}`) }))}
            value={kind}
            onChange={(v) => v && setKind(v as ContractPartyKind)}
            allowDeselect={false}
          />
          <Select
            label={t('hr.channel')}
            data={[
              { value: 'sms', label: t('hr.channelSms') },
              { value: 'email', label: t('hr.channelEmail') },
            ]}
            value={channel}
            onChange={(v) => v && setChannel(v as 'sms' | 'email')}
            allowDeselect={false}
          />
          <TextInput label={t('hr.address')} required dir="ltr" value={address} onChange={(e) => setAddress(e.currentTarget.value)} />
        </SimpleGrid>
        <Group>
          <Button type="submit" size="xs" loading={add.isPending}>
            {tc('common.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
