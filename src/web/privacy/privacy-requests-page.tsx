import { Anchor, Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PRIVACY_REQUEST_KINDS } from '../../contracts/privacy.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { DualDay } from '../ui/dual-day.js';
import { Page } from '../ui/page.js';
import { useListParams, Worklist, WorklistTabs } from '../ui/worklist.js';
import { PRIVACY_NS } from './i18n.js';
import { type PrivacyRequestSummary, useRequestList } from './privacy-api.js';
import { PrivacyLinks } from './privacy-tabs.js';

export const STATUS_COLOURS: Record<string, string> = { received: 'yellow', verified: 'blue', answered: 'teal', refused: 'gray' };

/** The deadline in both calendars with the days left (F2: 30 calendar days), red once past. */
export function RequestDeadline({ item }: { item: Pick<PrivacyRequestSummary, 'deadline' | 'daysLeft' | 'status' | 'isExtended'> }) {
  const { t } = useTranslation(PRIVACY_NS);
  const isOpen = item.status === 'received' || item.status === 'verified';
  return (
    <Group gap="xs" wrap="nowrap" component="span">
      <span>
        <DualDay value={item.deadline.day} />
      </span>
      {isOpen && (
        <Badge
          size="sm"
          variant={item.daysLeft < 0 ? 'filled' : 'light'}
          color={item.daysLeft < 0 ? 'red' : item.daysLeft <= 5 ? 'orange' : 'gray'}
        >
          {item.daysLeft < 0 ? t('overdue') : t('daysLeft', { count: item.daysLeft })}
        </Badge>
      )}
      {item.isExtended && (
        <Badge size="sm" variant="outline" color="gray">
          {t('extended')}
        </Badge>
      )}
    </Group>
  );
}

/** F2 (issue 25 §2): the privacy office's worklist of data-subject requests — by status tab, kind and order, kept in the address. */
export function PrivacyRequestsPage() {
  const { t } = useTranslation(PRIVACY_NS);
  const me = useCurrentUser();
  const list = useListParams();
  const kind = list.get('kind') ?? '';
  const sort = list.get('sort') ?? 'deadline';
  return (
    <Page
      title={t('list.title')}
      actions={
        hasRole(me.roles, 'privacy-officer') && (
          <Button component={Link} to="/privacy/requests/new">
            {t('list.new')}
          </Button>
        )
      }
    >
      <PrivacyLinks />
      <Group gap="md" align="flex-end">
        <Select
          label={t('list.kind')}
          maw={260}
          data={[{ value: '', label: t('list.anyKind') }, ...PRIVACY_REQUEST_KINDS.map((value) => ({ value, label: t(`kind.${value}`) }))]}
          value={kind}
          allowDeselect={false}
          onChange={(value) => list.merge({ kind: value ?? '' })}
        />
        <Select
          label={t('list.sort')}
          maw={220}
          data={[
            { value: 'deadline', label: t('list.byDeadline') },
            { value: 'received', label: t('list.byReceived') },
          ]}
          value={sort}
          allowDeselect={false}
          onChange={(value) => list.merge({ sort: value ?? 'deadline' })}
        />
      </Group>
      <WorklistTabs
        testIdPrefix="privacy"
        tabs={[
          { key: 'open', label: t('list.open') },
          { key: 'answered', label: t('list.answered') },
          { key: 'refused', label: t('list.refused') },
          { key: 'all', label: t('list.all') },
        ]}
      >
        {(key) => <RequestWorklist filters={{ ...(key === 'all' ? {} : { status: key }), ...(kind ? { kind } : {}), sort }} />}
      </WorklistTabs>
    </Page>
  );
}

function RequestWorklist({ filters }: { filters: Record<string, string> }) {
  const { t } = useTranslation(PRIVACY_NS);
  const query = useRequestList(filters);
  const status = (item: PrivacyRequestSummary) => (
    <Badge color={STATUS_COLOURS[item.status] ?? 'gray'} variant="light">
      {t(`status.${item.status}`)}
    </Badge>
  );
  return (
    <Stack gap="sm">
      <Worklist
        query={query}
        label={t('list.label')}
        minWidth={820}
        rowKey={(item) => item.id}
        rowHref={(item) => `/privacy/requests/${item.id}`}
        empty={{ title: t('list.empty'), hint: t('list.emptyHint') }}
        moreLabel={t('list.more')}
        rowTestId="privacy-request-row"
        columns={[
          {
            key: 'reference',
            header: t('columns.reference'),
            cell: (item) => (
              <Anchor component={Link} to={`/privacy/requests/${item.id}`} dir="ltr">
                {item.reference}
              </Anchor>
            ),
          },
          { key: 'kind', header: t('columns.kind'), cell: (item) => t(`kind.${item.kind}`) },
          { key: 'requester', header: t('columns.requester'), cell: (item) => <Text size="sm">{item.requesterLabel}</Text> },
          { key: 'status', header: t('columns.status'), cell: status },
          { key: 'received', header: t('columns.received'), cell: (item) => <DualDay value={item.receivedAt} /> },
          { key: 'deadline', header: t('columns.deadline'), cell: (item) => <RequestDeadline item={item} /> },
        ]}
        card={{
          reference: (item) => item.reference,
          name: (item) => item.requesterLabel,
          status,
          deadline: (item) => <RequestDeadline item={item} />,
        }}
      />
    </Stack>
  );
}
