import { IconFileSpreadsheet, IconLock, IconSend } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BulkResults } from '../../contracts/bulk.js';
import type { Worklist as ListName, RequestSummary, StaffAction } from '../../contracts/requests.js';
import { api, queryString } from '../api/client.js';
import { BulkBar, type BulkBarAction, type ChosenRow, loadAllPages, useBulkRun, useBulkSelection } from '../ui/bulk-actions.js';
import { notifyError, notifySuccess } from '../ui/notify.js';
import { errorMessage } from '../ui/problems.js';
import { REQUESTS_NS } from './i18n.js';

/** The moves the requests worklist offers on several requests at once, and the ability that shows each. */
const MOVES: { action: StaffAction; ability: 'submit' | 'close'; icon: typeof IconSend }[] = [
  { action: 'submit', ability: 'submit', icon: IconSend },
  { action: 'close', ability: 'close', icon: IconLock },
];

/**
 * Bulk actions on a requests worklist (issue 19 §5): send to the committee (submit) or close the
 * chosen requests — each checked by the server on its own — and export them as .xlsx. An action
 * shows when a loaded request offers it (its abilities); the server refuses any that does not.
 */
export function useRequestBulk(
  list: ListName,
  filters: Record<string, string>,
  loaded: RequestSummary[],
  { matchingCount, hasMore }: { matchingCount: number | null; hasMore: boolean },
) {
  const { t } = useTranslation(REQUESTS_NS);
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const selection = useBulkSelection(`${list}:${JSON.stringify(filters)}`);
  const run = useBulkRun(() => {
    selection.clear();
    void queryClient.invalidateQueries({ queryKey: ['requests'] });
  });
  const moves: BulkBarAction[] = MOVES.filter((move) => loaded.some((item) => item.abilities[move.ability])).map((move) => ({
    key: move.action,
    label: t(`bulk.${move.action}`),
    icon: <move.icon size={16} aria-hidden />,
    onClick: (rows: ChosenRow[]) =>
      void run.start(t(`bulk.${move.action}Title`, { count: rows.length }), rows, (ids) =>
        api.post<BulkResults>('/requests/bulk/transitions', { action: move.action, ids }),
      ),
  }));
  const exportAction: BulkBarAction = {
    key: 'export',
    label: tc('bulk.export'),
    icon: <IconFileSpreadsheet size={16} aria-hidden />,
    color: 'gray',
    onClick: async (rows) => {
      try {
        const name = await api.download('/requests/export', { ids: rows.map((row) => row.id) }, 'requests.xlsx');
        notifySuccess(tc('bulk.exported', { name }));
      } catch (error) {
        notifyError(errorMessage(tc, error));
      }
    },
  };
  const bar = (
    <BulkBar
      selection={selection}
      loadedCount={loaded.length}
      matchingCount={matchingCount}
      hasMore={hasMore}
      loadAll={() =>
        loadAllPages<RequestSummary>(
          (cursor) => `/requests${queryString({ list, ...filters, limit: 200, cursor })}`,
          (item) => ({ id: item.id, reference: item.reference }),
        )
      }
      actions={[...moves, exportAction]}
    />
  );
  return { selection, bar, dialog: run.element };
}
