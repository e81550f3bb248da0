import { Anchor, Button, Text } from '@mantine/core';
import { IconSend, IconSpeakerphone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useCurrentUser } from '../auth/session.js';
import { DualDay } from '../ui/dual-day.js';
import { NotAllowed, Page } from '../ui/page.js';
import { Worklist } from '../ui/worklist.js';
import { BulkProgress, BulkStatusBadge } from './bulk-send-parts.js';
import { type BulkSend, useBulkSends } from './bulk-sends-api.js';
import { NOTIFICATIONS_NS } from './i18n.js';

/**
 * Issue 20 §2 (G3): every bulk send, newest first — its status, how far it has got, when it was
 * made — each opening its own page. Administrators start new ones; management follows them.
 */
export function BulkSendsPage() {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const me = useCurrentUser();
  const isAdministrator = hasRole(me.roles, 'administrator');
  const list = useBulkSends();
  const rows = useBulkSendRows();

  if (!hasRole(me.roles, 'administrator', 'management')) return <NotAllowed />;

  return (
    <Page
      title={t('bulk.title')}
      actions={
        isAdministrator && (
          <Button component={Link} to="/bulk-sends/new" leftSection={<IconSend size={18} aria-hidden />}>
            {t('bulk.new')}
          </Button>
        )
      }
    >
      <Text c="dimmed">{t('bulk.intro')}</Text>
      <Worklist
        query={list}
        empty={{
          title: t('bulk.empty'),
          hint: isAdministrator ? t('bulk.emptyHint') : undefined,
          icon: <IconSpeakerphone size={32} aria-hidden />,
        }}
        moreLabel={t('loadMore')}
        {...rows}
      />
    </Page>
  );
}

function useBulkSendRows() {
  const { t } = useTranslation(NOTIFICATIONS_NS);
  const href = (send: BulkSend) => `/bulk-sends/${send.id}`;
  return {
    label: t('bulk.title'),
    minWidth: 720,
    rowKey: (send: BulkSend) => send.id,
    rowHref: href,
    rowTestId: 'bulk-row',
    rowAttributes: (send: BulkSend) => ({ 'data-bulk-send': send.id }),
    columns: [
      {
        key: 'name',
        header: t('bulk.colName'),
        cell: (send: BulkSend) => (
          <Anchor component={Link} to={href(send)} fw={600}>
            {send.name}
          </Anchor>
        ),
      },
      { key: 'status', header: t('bulk.colStatus'), cell: (send: BulkSend) => <BulkStatusBadge send={send} /> },
      { key: 'progress', header: t('bulk.colProgress'), cell: (send: BulkSend) => <BulkProgress send={send} /> },
      { key: 'created', header: t('bulk.colCreated'), cell: (send: BulkSend) => <DualDay value={send.createdAt} withTime /> },
    ],
    card: {
      reference: (send: BulkSend) => send.name,
      // The name line is a paragraph: the date fits there, the progress bar (blocks) goes below it.
      name: (send: BulkSend) => <DualDay value={send.createdAt} inline />,
      status: (send: BulkSend) => <BulkStatusBadge send={send} />,
      more: (send: BulkSend) => <BulkProgress send={send} />,
    },
  };
}
