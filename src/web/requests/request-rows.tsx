import { Anchor, Badge, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RequestSummary } from '../../contracts/requests.js';
import { DeadlineCell } from '../ui/deadline-cell.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { REQUEST_STATUS_COLOURS } from '../ui/status.js';
import { REQUESTS_NS } from './i18n.js';

/** The request's status, and for a draft what it still needs. */
function StatusCell({ item }: { item: RequestSummary }) {
  const { t } = useTranslation(REQUESTS_NS);
  return (
    <Stack gap={4} align="flex-start">
      <Badge variant="light" color={REQUEST_STATUS_COLOURS[item.status]}>
        {t(`statuses.${item.status}`)}
      </Badge>
      {item.status === 'draft' && (
        <Text size="xs" c="dimmed">
          {!item.isChecklistSatisfied ? t('list.incomplete') : !item.isAttested ? t('list.toAttest') : t('list.readyToSubmit')}
        </Text>
      )}
    </Stack>
  );
}

/**
 * How a request shows as a worklist row (issue 5 §10): a table's columns on wide screens, on a phone
 * a card whose deadline (what the list is sorted by) is read without scrolling sideways.
 */
export function useRequestRows(third: 'family' | 'channel') {
  const { t } = useTranslation(REQUESTS_NS);
  const { language } = useLanguage();
  const typeName = (item: RequestSummary) => (language === 'ar' ? item.typeNameAr : item.typeNameEn);
  const deadline = (item: RequestSummary) => (
    <DeadlineCell day={item.deadlineDay} slaState={item.slaState} label={(state) => t(`sla.${state}`)} empty={t('list.noClock')} />
  );
  return {
    label: t('list.title'),
    minWidth: third === 'family' ? 820 : 640,
    rowKey: (item: RequestSummary) => item.id,
    rowHref: (item: RequestSummary) => `/requests/${item.id}`,
    cardsTestId: 'requests-cards',
    columns: [
      {
        key: 'reference',
        header: t('reference'),
        cell: (item: RequestSummary) => (
          <Anchor component={Link} to={`/requests/${item.id}`} fw={600}>
            <Ltr>{item.reference}</Ltr>
          </Anchor>
        ),
      },
      third === 'family'
        ? { key: 'family', header: t('family'), cell: (item: RequestSummary) => item.familyName }
        : { key: 'type', header: t('type'), cell: typeName },
      third === 'family'
        ? { key: 'type', header: t('type'), cell: typeName }
        : { key: 'channel', header: t('channel'), cell: (item: RequestSummary) => t(`channels.${item.channel}`) },
      { key: 'status', header: t('status'), cell: (item: RequestSummary) => <StatusCell item={item} /> },
      { key: 'deadline', header: t('clock.deadline'), cell: deadline },
    ],
    card: {
      reference: (item: RequestSummary) => item.reference,
      name: (item: RequestSummary) => (third === 'family' ? item.familyName : typeName(item)),
      status: (item: RequestSummary) => <StatusCell item={item} />,
      more: (item: RequestSummary) => (
        <Text size="sm" c="dimmed">
          {third === 'family' ? typeName(item) : t(`channels.${item.channel}`)}
        </Text>
      ),
      deadline,
      deadlineLabel: t('clock.deadline'),
    },
  };
}
