import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatRiyals } from '../../domain/compensation-status.js';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { DualDay } from '../ui/dual-day.js';
import { useLanguage } from '../ui/language.js';
import { Ltr } from '../ui/ltr.js';
import { Page } from '../ui/page.js';
import { useListParams, Worklist, WorklistTabs } from '../ui/worklist.js';
import { type CompensationSummary, useCaseList } from './compensation-api.js';
import { COMPENSATION_STATUS_COLOURS } from './compensation-status.js';
import { COMPENSATION_NS } from './i18n.js';

const NARROWING = ['status', 'age', 'has'] as const;

/** What an oversight figure's list holds, in words ("open cases 31–90 days old"). */
function narrowedLabel(t: TFunction, narrowed: Record<string, string>): string {
  if (narrowed.status) return t(`status.${narrowed.status}`);
  if (narrowed.age) return t(`oversight.age.${narrowed.age}`);
  return t(`list.has.${narrowed.has}`);
}

/**
 * Compensation cases' worklist (issue 23 §1, §6): open and finished cases, newest first, narrowed by
 * the address's `status`, `age` or `has` (each oversight figure links here). The server decides who
 * sees which case.
 */
export function CompensationPage() {
  const { t } = useTranslation(COMPENSATION_NS);
  const me = useCurrentUser();
  const list = useListParams();
  // Issue 23 §6: an oversight figure's list (its step, age or what the cases hold) replaces the tabs' own.
  const narrowed = Object.fromEntries(NARROWING.flatMap((key) => (list.get(key) ? [[key, list.get(key) as string]] : [])));
  const isNarrowed = Object.keys(narrowed).length > 0;
  return (
    <Page
      title={t('list.title')}
      actions={
        hasRole(me.roles, 'management') && (
          <Button component={Link} to="/compensation/new">
            {t('list.new')}
          </Button>
        )
      }
    >
      <WorklistTabs
        testIdPrefix="compensation"
        tabs={[
          { key: 'open', label: t('list.open') },
          { key: 'closed', label: t('list.closed') },
        ]}
      >
        {(key) => (
          <Stack gap="sm">
            {isNarrowed ? (
              <Group gap="xs">
                <Text size="sm" data-testid="compensation-narrowed">
                  {t('list.narrowed', { what: narrowedLabel(t, narrowed) })}
                </Text>
                <Anchor component={Link} to="/compensation" size="sm">
                  {t('list.showAll')}
                </Anchor>
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {t(key === 'open' ? 'list.explainOpen' : 'list.explainClosed')}
              </Text>
            )}
            <CaseWorklist filters={isNarrowed ? narrowed : { isOpen: key === 'open' ? 'true' : 'false' }} />
          </Stack>
        )}
      </WorklistTabs>
    </Page>
  );
}

function CaseWorklist({ filters }: { filters: Record<string, string> }) {
  const { t } = useTranslation(COMPENSATION_NS);
  const { language } = useLanguage();
  const query = useCaseList(filters);
  const statusBadge = (item: CompensationSummary) => (
    <Badge color={COMPENSATION_STATUS_COLOURS[item.status]} variant="light">
      {t(`status.${item.status}`)}
    </Badge>
  );
  const amount = (item: CompensationSummary) =>
    item.establishedAmountHalalas === null ? '—' : formatRiyals(item.establishedAmountHalalas, language);
  return (
    <Worklist
      query={query}
      label={t('list.label')}
      minWidth={760}
      rowKey={(item) => item.id}
      rowHref={(item) => `/compensation/${item.id}`}
      empty={{ title: t('list.empty'), hint: t('list.emptyHint') }}
      moreLabel={t('list.more')}
      rowTestId="compensation-row"
      columns={[
        {
          key: 'reference',
          header: t('columns.reference'),
          cell: (item) => (
            <Anchor component={Link} to={`/compensation/${item.id}`}>
              <Ltr>{item.reference}</Ltr>
            </Anchor>
          ),
        },
        { key: 'family', header: t('columns.family'), cell: (item) => item.family.name },
        { key: 'status', header: t('columns.status'), cell: statusBadge },
        { key: 'established', header: t('columns.established'), cell: amount },
        { key: 'opened', header: t('columns.opened'), cell: (item) => <DualDay value={item.openedAt} /> },
        { key: 'age', header: t('columns.age'), cell: (item) => item.ageDays },
      ]}
      card={{ reference: (item) => item.reference, name: (item) => item.family.name, status: statusBadge, more: amount }}
    />
  );
}
