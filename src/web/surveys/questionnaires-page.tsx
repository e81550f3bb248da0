import { Accordion, Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Questionnaire } from '../../contracts/surveys.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { DualDay } from '../ui/dual-day.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';
import { LoadFailure, NotAllowed, Page, PageLoader } from '../ui/page.js';
import { errorMessage } from '../ui/problems.js';
import { SURVEYS_NS } from './i18n.js';
import { useQuestionnaires, useVersions } from './surveys-api.js';

/**
 * Issue 24 §1 (H1): the questionnaires with their versions — which is current, which have answers
 * (and so never change). Management edits; administrators read them to point the triggers.
 */
export function QuestionnairesPage() {
  const { t } = useTranslation(SURVEYS_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const canBuild = hasRole(me.roles, 'management');
  const list = useQuestionnaires();
  if (!hasRole(me.roles, 'management', 'administrator')) return <NotAllowed />;
  if (list.isPending) return <PageLoader />;
  if (list.isError) return <LoadFailure message={errorMessage(tc, list.error)} />;
  return (
    <Page
      title={t('builder.listTitle')}
      actions={
        canBuild && (
          <Button component={Link} to="/surveys/questionnaires/new" leftSection={<IconPlus size={16} aria-hidden />}>
            {t('builder.new')}
          </Button>
        )
      }
    >
      {list.data.length === 0 ? (
        <Text c="dimmed">{t('builder.none')}</Text>
      ) : (
        <Accordion variant="separated" multiple>
          {list.data.map((q) => (
            <QuestionnaireItem key={q.id} questionnaire={q} canBuild={canBuild} />
          ))}
        </Accordion>
      )}
    </Page>
  );
}

function QuestionnaireItem({ questionnaire: q, canBuild }: { questionnaire: Questionnaire; canBuild: boolean }) {
  const { t } = useTranslation(SURVEYS_NS);
  const { language } = useLanguage();
  return (
    <Accordion.Item value={q.id}>
      <Accordion.Control>
        <Group gap="sm">
          <Text fw={600}>{language === 'ar' ? q.current.titleAr : q.current.titleEn}</Text>
          <Badge variant="light">{t('builder.versionN', { n: q.currentVersion })}</Badge>
          <Badge variant="light" color="gray">
            {t(`builder.purposes.${q.purpose}`)}
          </Badge>
          {q.isAnonymous && <Badge color="grape">{t('builder.anonymousBadge')}</Badge>}
          {!q.isActive && <Badge color="gray">{t('builder.inactive')}</Badge>}
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack gap="sm">
          <Text size="sm">{t('builder.questionCount', { count: q.current.questions.length })}</Text>
          {canBuild && (
            <Anchor component={Link} to={`/surveys/questionnaires/${q.id}`} w="fit-content">
              {t('builder.editLink', { title: language === 'ar' ? q.current.titleAr : q.current.titleEn })}
            </Anchor>
          )}
          <Versions id={q.id} current={q.currentVersion} />
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}

function Versions({ id, current }: { id: string; current: number }) {
  const { t } = useTranslation(SURVEYS_NS);
  const { number } = useFormat();
  const versions = useVersions(id);
  if (!versions.data) return null;
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table aria-label={t('builder.versions')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('builder.version')}</Table.Th>
            <Table.Th>{t('builder.createdAt')}</Table.Th>
            <Table.Th>{t('responses')}</Table.Th>
            <Table.Th>{t('builder.state')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.data.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td>{number(v.version)}</Table.Td>
              <Table.Td>
                <DualDay value={v.createdAt} inline />
              </Table.Td>
              <Table.Td>{number(v.responses)}</Table.Td>
              <Table.Td>
                {v.version === current ? t('builder.current') : ''} {v.responses > 0 ? t('builder.frozen') : ''}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
