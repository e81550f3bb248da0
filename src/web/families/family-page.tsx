import { Alert, Badge, Button, EmptyState, Group, Paper, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconEdit, IconHistory, IconLock, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDualDate } from '../../domain/dates.js';
import { DefinitionList, Fact } from '../ui/definition-list.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { LoadFailure, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { useTaxonomyLabels } from '../ui/taxonomies.js';
import { ScrollTable } from '../ui/worklist.js';
import { FamilyEmail } from './email-verification.js';
import { type Family, useAccessLog, useFamily } from './families-api.js';
import { FamilyConsents } from './family-consents.js';
import { FAMILIES_NS } from './i18n.js';

/**
 * A section another area adds to the family's page (the app's router hands in the family's requests).
 * `isReadOnly`: nothing new may be filed for it (an erased family, issue 25 §5).
 */
export type FamilySection = (props: { familyId: string; title: string; empty: string; isReadOnly: boolean }) => ReactNode;

export function FamilyPage({ requests: FamilyRequests }: { requests?: FamilySection }) {
  const { id = '' } = useParams();
  const { t } = useTranslation(FAMILIES_NS);
  const { t: tc } = useTranslation();
  const family = useFamily(id);
  const [tab, setTab] = useState<string | null>('details');

  if (family.isPending) return <PageLoader />;
  if (family.isError) return <LoadFailure message={errorMessage(tc, family.error)} />;
  const data = family.data;
  const canReadLog = data.abilities.readAccessLog;
  const actions = (
    <Group gap="xs">
      <Button component={Link} to="/families" variant="default">
        {t('backToList')}
      </Button>
      {data.abilities.edit && (
        <Button component={Link} to={`/families/${data.id}/edit`} leftSection={<IconEdit size={16} aria-hidden />}>
          {t('edit')}
        </Button>
      )}
    </Group>
  );
  // Issue 25 §5 (F2): an erased family is read-only; the server offers it no write abilities.
  const erasedNotice = data.isErased && (
    <Alert color="gray" icon={<IconLock size={18} aria-hidden />} mb="md" role="status">
      {t('erasedNotice')}
    </Alert>
  );
  return (
    <Page title={`${t('fileTitle')}: ${data.headNameAr}`} actions={actions}>
      {canReadLog ? (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="details">{t('tabDetails')}</Tabs.Tab>
            <Tabs.Tab value="log" leftSection={<IconHistory size={16} aria-hidden />}>
              {t('tabAccessLog')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="details" pt="md">
            {erasedNotice}
            <FamilyDetails family={data} />
            {FamilyRequests && (
              <FamilyRequests familyId={data.id} title={t('requests.title')} empty={t('requests.empty')} isReadOnly={data.isErased} />
            )}
          </Tabs.Panel>
          <Tabs.Panel value="log" pt="md">
            <AccessLog id={data.id} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <>
          {erasedNotice}
          <FamilyDetails family={data} />
          {FamilyRequests && (
            <FamilyRequests familyId={data.id} title={t('requests.title')} empty={t('requests.empty')} isReadOnly={data.isErased} />
          )}
        </>
      )}
    </Page>
  );
}

function FamilyDetails({ family }: { family: Family }) {
  const { t } = useTranslation(FAMILIES_NS);
  const { dualDate } = useFormat();
  const labels = useTaxonomyLabels();
  const none = t('none');
  const registered = dualDate(family.createdAt);
  const consent = dualDate(family.consentAt);
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <DefinitionList>
          <Fact label={t('colReference')}>
            <Ltr>{family.reference}</Ltr>
          </Fact>
          <Fact label={t('headNameAr')}>{family.headNameAr}</Fact>
          <Fact label={t('headNameEn')}>{family.headNameEn ? <bdi>{family.headNameEn}</bdi> : none}</Fact>
          <Fact label={t('nationalId')}>
            <Ltr>{family.nationalId}</Ltr>
            {family.isNationalIdMasked && (
              <Badge ms="xs" variant="light" color="gray" size="sm">
                {t('masked')}
              </Badge>
            )}
          </Fact>
          <Fact label={t('mobile')}>{family.mobile ? <Ltr>{family.mobile}</Ltr> : none}</Fact>
          <Fact label={t('otherPhone')}>{family.otherPhone ? <Ltr>{family.otherPhone}</Ltr> : none}</Fact>
          <Fact label={t('email')}>{family.email ? <FamilyEmail family={family} /> : none}</Fact>
          <Fact label={t('city')}>{family.city}</Fact>
          <Fact label={t('address')}>{family.address ?? none}</Fact>
          <Fact label={t('office')}>{labels.office(family.office)}</Fact>
          <Fact label={t('category')}>{labels.category(family.category)}</Fact>
          <Fact label={t('domains')}>{family.domains.map(labels.domain).join('، ')}</Fact>
          <Fact label={t('agreedChannel')}>{t(`channels.${family.agreedChannel}`)}</Fact>
          <Fact label={t('originChannel')}>{t(`origins.${family.originChannel}`)}</Fact>
          <Fact label={t('registeredAt')}>
            {registered.hijri} — {registered.gregorian}
          </Fact>
          <Fact label={t('consentAt')}>
            {consent.hijri} — {consent.gregorian}
          </Fact>
          <Fact label={t('privacyNoticeVersion')}>
            <Ltr>{family.privacyNoticeVersion}</Ltr>
          </Fact>
        </DefinitionList>
        {family.notes && (
          <Stack gap={2} mt="md">
            <Text size="sm" c="dimmed">
              {t('notes')}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{family.notes}</Text>
          </Stack>
        )}
      </Paper>
      <Stack gap="xs">
        <Text component="h2" fw={700} fz="lg" m={0}>
          {t('members')}
        </Text>
        {family.members.length === 0 ? (
          <Paper withBorder radius="md" p="lg">
            <EmptyState icon={<IconUsers size={28} aria-hidden />} title={t('noMembers')} />
          </Paper>
        ) : (
          <Paper withBorder radius="md">
            <MembersTable family={family} />
          </Paper>
        )}
      </Stack>
      <FamilyConsents family={family} />
    </Stack>
  );
}

function MembersTable({ family }: { family: Family }) {
  const { t } = useTranslation(FAMILIES_NS);
  const { dualDate } = useFormat();
  return (
    <ScrollTable minWidth={600} label={t('members')}>
      <Table striped verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('memberName')}</Table.Th>
            <Table.Th scope="col">{t('relation')}</Table.Th>
            <Table.Th scope="col">{t('colNationalId')}</Table.Th>
            <Table.Th scope="col">{t('birthDate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {family.members.map((member) => {
            const born = member.birthDate ? dualDate(member.birthDate) : null;
            return (
              <Table.Tr key={member.id}>
                <Table.Td>{member.name}</Table.Td>
                <Table.Td>{t(`relations.${member.relation}`)}</Table.Td>
                <Table.Td>{member.nationalId ? <Ltr>{member.nationalId}</Ltr> : t('none')}</Table.Td>
                <Table.Td>
                  {born ? (
                    <>
                      <Text size="sm">{born.hijri}</Text>
                      <Text size="xs" c="dimmed">
                        {born.gregorian}
                      </Text>
                    </>
                  ) : (
                    t('none')
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function AccessLog({ id }: { id: string }) {
  const { t, i18n } = useTranslation(FAMILIES_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const { digits } = useFormat();
  const log = useAccessLog(id, true);
  if (log.isPending) return <PageLoader />;
  if (log.isError) return <LoadFailure message={errorMessage(tc, log.error)} />;
  if (log.data.length === 0) {
    return (
      <Paper withBorder radius="md" p="lg">
        <EmptyState icon={<IconHistory size={28} aria-hidden />} title={t('accessLogEmpty')} />
      </Paper>
    );
  }
  const actionLabel = (action: string) => (i18n.exists(`actions.${action}`, { ns: FAMILIES_NS }) ? t(`actions.${action}`) : action);
  return (
    <Paper withBorder radius="md">
      <ScrollTable minWidth={760} label={t('tabAccessLog')}>
        <Table striped verticalSpacing="sm" style={{ wordBreak: 'normal' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('colWhen')}</Table.Th>
              <Table.Th scope="col">{t('colWho')}</Table.Th>
              <Table.Th scope="col">{t('colWhat')}</Table.Th>
              <Table.Th scope="col">{t('colFields')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {log.data.map((entry, index) => {
              const at = formatDualDate(entry.at, { language, digits, withTime: true });
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: two reads can share an instant
                <Table.Tr key={`${entry.at}-${index}`}>
                  <Table.Td>
                    <Text size="sm">{at.hijri}</Text>
                    <Text size="xs" c="dimmed">
                      {at.gregorian}
                    </Text>
                  </Table.Td>
                  <Table.Td>{entry.actorName ?? t('unknownActor')}</Table.Td>
                  <Table.Td>{actionLabel(entry.action)}</Table.Td>
                  <Table.Td>
                    {entry.fields.length
                      ? entry.fields.map((field) => (i18n.exists(field, { ns: FAMILIES_NS }) ? t(field) : field)).join('، ')
                      : t('none')}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Paper>
  );
}
