import { Anchor, Badge, Button, Group, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DualDay } from '../ui/dual-day.js';
import { useLanguage } from '../ui/language.js';
import { Page } from '../ui/page.js';
import { useListParams, Worklist, WorklistTabs } from '../ui/worklist.js';
import { type DocumentSummary, useDocumentList } from './documents-api.js';
import { DOCUMENTS_NS } from './i18n.js';

/**
 * The document library's worklist (issue 26 §1): every document with its version in force, by tab —
 * all, in force, with a draft, not yet in force — and a title search kept in the address.
 */
export function DocumentsPage() {
  const { t } = useTranslation(DOCUMENTS_NS);
  const list = useListParams();
  return (
    <Page
      title={t('list.title')}
      actions={
        <Button component={Link} to="/documents/new">
          {t('list.new')}
        </Button>
      }
    >
      <TextInput
        label={t('list.search')}
        type="search"
        maw={360}
        defaultValue={list.get('q') ?? ''}
        onChange={(e) => list.merge({ q: e.currentTarget.value })}
      />
      <WorklistTabs
        testIdPrefix="documents"
        tabs={[
          { key: 'all', label: t('list.all') },
          { key: 'in-force', label: t('list.inForce') },
          { key: 'draft', label: t('list.drafts') },
          { key: 'none', label: t('list.none') },
        ]}
      >
        {(key) => <DocumentWorklist filters={{ ...(key === 'all' ? {} : { status: key }), q: list.get('q') ?? '' }} />}
      </WorklistTabs>
    </Page>
  );
}

function DocumentWorklist({ filters }: { filters: Record<string, string> }) {
  const { t } = useTranslation(DOCUMENTS_NS);
  const { language } = useLanguage();
  const query = useDocumentList(filters);
  const kindName = (code: string) => {
    const kind = query.kinds.find((k) => k.code === code);
    return kind ? (language === 'ar' ? kind.nameAr : kind.nameEn) : code;
  };
  const title = (item: DocumentSummary) => (language === 'ar' ? item.titleAr : item.titleEn);
  const state = (item: DocumentSummary) => (
    <Group gap={6}>
      {item.inForce ? (
        <Badge color="teal" variant="light">
          {t('state.inForce', { n: item.inForce.number, date: item.inForce.effectiveOn ?? '' })}
        </Badge>
      ) : (
        <Badge color="gray" variant="light">
          {t('state.none')}
        </Badge>
      )}
      {item.hasDraft && (
        <Badge color="yellow" variant="light">
          {t('state.draft')}
        </Badge>
      )}
    </Group>
  );
  return (
    <Stack gap="sm">
      <Worklist
        query={query}
        label={t('list.label')}
        minWidth={720}
        rowKey={(item) => item.id}
        rowHref={(item) => `/documents/${item.id}`}
        empty={{ title: t('list.empty'), hint: t('list.emptyHint') }}
        moreLabel={t('list.more')}
        rowTestId="document-row"
        columns={[
          {
            key: 'title',
            header: t('columns.title'),
            cell: (item) => (
              <Anchor component={Link} to={`/documents/${item.id}`}>
                {title(item)}
              </Anchor>
            ),
          },
          { key: 'kind', header: t('columns.kind'), cell: (item) => kindName(item.kind) },
          { key: 'state', header: t('columns.state'), cell: state },
          { key: 'updated', header: t('columns.updated'), cell: (item) => <DualDay value={item.updatedAt} /> },
        ]}
        card={{ reference: title, name: (item) => kindName(item.kind), status: state }}
      />
    </Stack>
  );
}
