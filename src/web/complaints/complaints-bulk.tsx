import { Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { IconUserShare } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkResults } from '../../contracts/bulk.js';
import { api, queryString } from '../api/client.js';
import { BulkBar, type ChosenRow, loadAllPages, useBulkRun, useBulkSelection } from '../ui/bulk-actions.js';
import { useLanguage } from '../ui/language.js';
import { type CaseSummary, useFollowUpCommittee } from './complaints-api.js';
import { COMPLAINTS_NS } from './i18n.js';
import type { ComplaintFilters } from './worklist-filters.js';

/**
 * Bulk assignment on a complaints worklist (issue 19 §5, E1): the chosen complaints go to the
 * follow-up committee or one of its members; the server checks each on its own (its step, the
 * handler's scope, a staff member concerned by it is never assigned) and leaves a refused one as it was.
 */
export function useComplaintBulk(filters: ComplaintFilters, loaded: CaseSummary[], hasMore: boolean) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const queryClient = useQueryClient();
  const selection = useBulkSelection(JSON.stringify(filters));
  const [assigning, setAssigning] = useState<ChosenRow[] | null>(null);
  const run = useBulkRun(() => {
    selection.clear();
    void queryClient.invalidateQueries({ queryKey: ['complaints'] });
  });
  const canAssign = loaded.some((item) => item.abilities.assign);
  const bar = (
    <BulkBar
      selection={selection}
      loadedCount={loaded.length}
      hasMore={hasMore}
      loadAll={() =>
        loadAllPages<CaseSummary>(
          (cursor) => `/complaints${queryString({ ...filters, limit: 200, cursor })}`,
          (item) => ({ id: item.id, reference: item.reference }),
        )
      }
      actions={
        canAssign ? [{ key: 'assign', label: t('bulk.assign'), icon: <IconUserShare size={16} aria-hidden />, onClick: setAssigning }] : []
      }
    />
  );
  const dialog = (
    <>
      {assigning && (
        <AssignDialog
          count={assigning.length}
          onClose={() => setAssigning(null)}
          onAssign={(assigneeId) => {
            const rows = assigning;
            setAssigning(null);
            void run.start(t('bulk.assignTitle', { count: rows.length }), rows, (ids) =>
              api.post<BulkResults>('/complaints/bulk/steps', { ids, step: { action: 'assign', assigneeId } }),
            );
          }}
        />
      )}
      {run.element}
    </>
  );
  return { selection, bar, dialog };
}

function AssignDialog({ count, onClose, onAssign }: { count: number; onClose(): void; onAssign(assigneeId: string | null): void }) {
  const { t } = useTranslation(COMPLAINTS_NS);
  const { t: tc } = useTranslation();
  const { language } = useLanguage();
  const committee = useFollowUpCommittee(true);
  const [assignee, setAssignee] = useState('committee');
  const members = (committee.data?.members ?? []).filter((member) => member.isActive);
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('bulk.assignTitle', { count })}
      centered
      closeButtonProps={{ 'aria-label': tc('common.close') }}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('bulk.assignHint')}
        </Text>
        <Radio.Group label={t('actions.assignee')} value={assignee} onChange={setAssignee}>
          <Stack gap={6} mt={6}>
            <Radio
              value="committee"
              label={committee.data ? (language === 'ar' ? committee.data.nameAr : committee.data.nameEn) : t('actions.wholeCommittee')}
            />
            {members.map((member) => (
              <Radio key={member.userId} value={member.userId} label={member.displayName} />
            ))}
          </Stack>
        </Radio.Group>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {tc('common.cancel')}
          </Button>
          <Button onClick={() => onAssign(assignee === 'committee' ? null : assignee)} data-testid="bulk-assign-confirm">
            {t('bulk.assign')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
