import { Anchor, Badge, Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { DualDay } from '../ui/dual-day.js';
import { Page } from '../ui/page.js';
import { Worklist, WorklistTabs } from '../ui/worklist.js';
import { PRIVACY_NS } from './i18n.js';
import { type BreachSummary, useBreachList } from './privacy-api.js';
import { PrivacyLinks } from './privacy-tabs.js';

/** F2 (issue 25 §8): the 72 clock hours to the regulator, red once past; "notified" once recorded. */
export function BreachClock({
  item,
}: {
  item: Pick<BreachSummary, 'isNotifiable' | 'notifyDeadlineAt' | 'hoursLeft' | 'regulatorNotifiedAt'>;
}) {
  const { t } = useTranslation(PRIVACY_NS);
  if (item.isNotifiable === null)
    return (
      <Badge color="yellow" variant="light">
        {t('breaches.undecided')}
      </Badge>
    );
  if (!item.isNotifiable || !item.notifyDeadlineAt)
    return (
      <Badge color="gray" variant="light">
        {t('breaches.no')}
      </Badge>
    );
  return (
    <Group gap="xs" wrap="nowrap" component="span">
      <span>
        <DualDay value={item.notifyDeadlineAt} withTime />
      </span>
      {item.regulatorNotifiedAt ? (
        <Badge color="teal" variant="light">
          {t('breaches.done')}
        </Badge>
      ) : (
        <Badge
          color={item.hoursLeft !== null && item.hoursLeft < 0 ? 'red' : 'orange'}
          variant={item.hoursLeft !== null && item.hoursLeft < 0 ? 'filled' : 'light'}
        >
          {item.hoursLeft !== null && item.hoursLeft < 0 ? t('breaches.late') : t('breaches.hoursLeft', { count: item.hoursLeft ?? 0 })}
        </Badge>
      )}
    </Group>
  );
}

/** The breach register (issue 25 §8, F2): open and closed incidents, newest first. */
export function BreachesPage() {
  const { t } = useTranslation(PRIVACY_NS);
  const me = useCurrentUser();
  return (
    <Page
      title={t('breaches.title')}
      actions={
        hasRole(me.roles, 'privacy-officer') && (
          <Button component={Link} to="/privacy/breaches/new">
            {t('breaches.new')}
          </Button>
        )
      }
    >
      <PrivacyLinks />
      <WorklistTabs
        testIdPrefix="breaches"
        tabs={[
          { key: 'open', label: t('breaches.open') },
          { key: 'closed', label: t('breaches.closed') },
        ]}
      >
        {(key) => <BreachWorklist status={key} />}
      </WorklistTabs>
    </Page>
  );
}

function BreachWorklist({ status }: { status: string }) {
  const { t } = useTranslation(PRIVACY_NS);
  const query = useBreachList({ status });
  return (
    <Stack gap="sm">
      <Worklist
        query={query}
        label={t('breaches.label')}
        minWidth={760}
        rowKey={(item) => item.id}
        rowHref={(item) => `/privacy/breaches/${item.id}`}
        empty={{ title: t('breaches.empty'), hint: t('breaches.emptyHint') }}
        moreLabel={t('breaches.more')}
        rowTestId="breach-row"
        columns={[
          {
            key: 'reference',
            header: t('columns.reference'),
            cell: (item) => (
              <Anchor component={Link} to={`/privacy/breaches/${item.id}`} dir="ltr">
                {item.reference}
              </Anchor>
            ),
          },
          { key: 'aware', header: t('breaches.awareAt'), cell: (item) => <DualDay value={item.awareAt} withTime /> },
          { key: 'data', header: t('breaches.dataCategories'), cell: (item) => item.dataCategories },
          { key: 'people', header: t('breaches.peopleCount'), cell: (item) => item.peopleCount },
          { key: 'clock', header: t('breaches.deadline'), cell: (item) => <BreachClock item={item} /> },
        ]}
        card={{ reference: (item) => item.reference, name: (item) => item.dataCategories, status: (item) => <BreachClock item={item} /> }}
      />
    </Stack>
  );
}
