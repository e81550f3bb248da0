import { Anchor, Badge, Button, EmptyState, Group, Paper, SimpleGrid, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconEdit, IconFilePlus, IconHistory, IconInbox, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDualDate } from '../../domain/dates.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { REQUESTS_NS } from '../requests/i18n.js';
import { STATUS_COLOURS } from '../requests/request-page.js';
import { useRequestList } from '../requests/requests-api.js';
import { DeadlineCell } from '../requests/requests-page.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { LoadFailure, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { type Family, useAccessLog, useFamily } from './families-api.js';
import { FAMILIES_NS } from './i18n.js';
import { useTaxonomyLabels } from './labels.js';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </Stack>
  );
}

export function FamilyPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(FAMILIES_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const family = useFamily(id);
  const canReadLog = hasRole(me.roles, 'administrator');
  const [tab, setTab] = useState<string | null>('details');

  if (family.isPending) return <PageLoader />;
  if (family.isError) return <LoadFailure message={errorMessage(tc, family.error)} />;
  const data = family.data;
  const actions = (
    <Group gap="xs">
      <Button component={Link} to="/families" variant="default">
        {t('backToList')}
      </Button>
      {data.canEdit && (
        <Button component={Link} to={`/families/${data.id}/edit`} leftSection={<IconEdit size={16} aria-hidden />}>
          {t('edit')}
        </Button>
      )}
    </Group>
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
            <FamilyDetails family={data} />
            <FamilyRequests familyId={data.id} />
          </Tabs.Panel>
          <Tabs.Panel value="log" pt="md">
            <AccessLog id={data.id} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <>
          <FamilyDetails family={data} />
          <FamilyRequests familyId={data.id} />
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
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md" component="dl" m={0}>
          <Item label={t('colReference')}>
            <Ltr>{family.reference}</Ltr>
          </Item>
          <Item label={t('headNameAr')}>{family.headNameAr}</Item>
          <Item label={t('headNameEn')}>{family.headNameEn ? <bdi>{family.headNameEn}</bdi> : none}</Item>
          <Item label={t('nationalId')}>
            <Ltr>{family.nationalId}</Ltr>
            {family.isNationalIdMasked && (
              <Badge ms="xs" variant="light" color="gray" size="sm">
                {t('masked')}
              </Badge>
            )}
          </Item>
          <Item label={t('mobile')}>{family.mobile ? <Ltr>{family.mobile}</Ltr> : none}</Item>
          <Item label={t('otherPhone')}>{family.otherPhone ? <Ltr>{family.otherPhone}</Ltr> : none}</Item>
          <Item label={t('email')}>{family.email ? <Ltr>{family.email}</Ltr> : none}</Item>
          <Item label={t('city')}>{family.city}</Item>
          <Item label={t('address')}>{family.address ?? none}</Item>
          <Item label={t('office')}>{labels.office(family.office)}</Item>
          <Item label={t('category')}>{labels.category(family.category)}</Item>
          <Item label={t('domains')}>{family.domains.map(labels.domain).join('، ')}</Item>
          <Item label={t('agreedChannel')}>{t(`channels.${family.agreedChannel}`)}</Item>
          <Item label={t('originChannel')}>{t(`origins.${family.originChannel}`)}</Item>
          <Item label={t('registeredAt')}>
            {registered.hijri} — {registered.gregorian}
          </Item>
          <Item label={t('consentAt')}>
            {consent.hijri} — {consent.gregorian}
          </Item>
          <Item label={t('privacyNoticeVersion')}>
            <Ltr>{family.privacyNoticeVersion}</Ltr>
          </Item>
        </SimpleGrid>
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
    </Stack>
  );
}

/**
 * The family's requests (issue 5 §3, C5, C6): each one's reference, type, channel, status and deadline
 * in both calendars, newest deadline order as the server sorts them, with a link to the request and,
 * for intake roles, "new request" for this family. Shown to the roles that read requests.
 */
function FamilyRequests({ familyId }: { familyId: string }) {
  const { t } = useTranslation(FAMILIES_NS);
  const { t: tr } = useTranslation(REQUESTS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const me = useCurrentUser();
  const canRead = hasRole(me.roles, 'reception', 'contact-officer', 'volunteer', 'management', 'committee-member');
  const canCreate = hasRole(me.roles, 'reception', 'contact-officer', 'volunteer');
  const query = useRequestList('all', { familyId }, canRead);
  if (!canRead) return null;
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="xs" mt="lg" component="section" aria-labelledby="family-requests-heading">
      <Group justify="space-between" gap="xs">
        <Text component="h2" id="family-requests-heading" fw={700} fz="lg" m={0}>
          {t('requests.title')}
        </Text>
        {canCreate && (
          <Button
            component={Link}
            to={`/requests/new?familyId=${familyId}`}
            variant="default"
            size="sm"
            leftSection={<IconFilePlus size={16} aria-hidden />}
          >
            {tr('list.new')}
          </Button>
        )}
      </Group>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <LoadFailure message={errorMessage(tc, query.error)} />
      ) : items.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <EmptyState icon={<IconInbox size={28} aria-hidden />} title={t('requests.empty')} />
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640}>
            <Table striped verticalSpacing="sm" style={{ wordBreak: 'normal' }} aria-labelledby="family-requests-heading">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{tr('reference')}</Table.Th>
                  <Table.Th scope="col">{tr('type')}</Table.Th>
                  <Table.Th scope="col">{tr('channel')}</Table.Th>
                  <Table.Th scope="col">{tr('status')}</Table.Th>
                  <Table.Th scope="col">{tr('clock.deadline')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/requests/${item.id}`} fw={600}>
                        <Ltr>{item.reference}</Ltr>
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{language === 'ar' ? item.typeNameAr : item.typeNameEn}</Table.Td>
                    <Table.Td>{tr(`channels.${item.channel}`)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATUS_COLOURS[item.status]}>
                        {tr(`statuses.${item.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <DeadlineCell item={item} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {query.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {tr('list.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function MembersTable({ family }: { family: Family }) {
  const { t } = useTranslation(FAMILIES_NS);
  const { dualDate } = useFormat();
  return (
    <Table.ScrollContainer minWidth={600}>
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
    </Table.ScrollContainer>
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
      <Table.ScrollContainer minWidth={760}>
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
      </Table.ScrollContainer>
    </Paper>
  );
}
