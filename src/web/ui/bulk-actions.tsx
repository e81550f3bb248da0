import { Alert, Button, Group, List, Modal, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconChecks, IconX } from '@tabler/icons-react';
import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BULK_CHUNK, type BulkItemResult, type BulkResults } from '../../contracts/bulk.js';
import { api } from '../api/client.js';
import { useFormat } from './format.js';
import { Ltr } from './ltr.js';
import { errorMessage, problemMessage } from './problems.js';

/**
 * Bulk actions on a worklist (issue 19 §5): rows chosen with their check boxes (or "all N
 * matching"), then an action the area offers. The server checks and applies each record on its own
 * and answers each one's result; here the records go `BULK_CHUNK` at a time, so a long run shows
 * its progress and can be cancelled between chunks, and the end lists what was refused and why.
 */

/** A chosen record: its id and the reference people read. */
export interface ChosenRow {
  id: string;
  reference: string;
}

export interface BulkSelection {
  chosen: ReadonlyMap<string, string>;
  isChosen(id: string): boolean;
  set(rows: readonly ChosenRow[], isOn: boolean): void;
  replace(rows: readonly ChosenRow[]): void;
  clear(): void;
  rows(): ChosenRow[];
}

const NOTHING: ReadonlyMap<string, string> = new Map();

/** The chosen rows of one worklist; a new `resetKey` (another tab, other filters) starts over. */
export function useBulkSelection(resetKey: string): BulkSelection {
  // The choice belongs to the list it was made on: under another key it reads as empty.
  const [state, setState] = useState<{ key: string; chosen: ReadonlyMap<string, string> }>({ key: resetKey, chosen: NOTHING });
  const chosen = state.key === resetKey ? state.chosen : NOTHING;
  return useMemo(() => {
    const update = (change: (next: Map<string, string>) => void) =>
      setState((old) => {
        const next = new Map(old.key === resetKey ? old.chosen : NOTHING);
        change(next);
        return { key: resetKey, chosen: next };
      });
    return {
      chosen,
      isChosen: (id) => chosen.has(id),
      set: (rows, isOn) =>
        update((next) => {
          for (const row of rows) {
            if (isOn) next.set(row.id, row.reference);
            else next.delete(row.id);
          }
        }),
      replace: (rows) => setState({ key: resetKey, chosen: new Map(rows.map((row) => [row.id, row.reference])) }),
      clear: () => setState({ key: resetKey, chosen: NOTHING }),
      rows: () => [...chosen].map(([id, reference]) => ({ id, reference })),
    };
  }, [chosen, resetKey]);
}

export interface BulkBarAction {
  key: string;
  label: string;
  icon?: ReactNode;
  color?: string;
  onClick(rows: ChosenRow[]): void;
}

/**
 * The bar over a worklist while rows are chosen: how many, "choose all N matching" when the list
 * holds more than the loaded rows, the area's actions, and "clear".
 */
export function BulkBar({
  selection,
  loadedCount,
  matchingCount,
  hasMore = false,
  loadAll,
  actions,
}: {
  selection: BulkSelection;
  loadedCount: number;
  /** How many records the list holds (its count), when known. */
  matchingCount?: number | null;
  /** The list has rows not loaded yet (when its count is not known). */
  hasMore?: boolean;
  /** Every matching record, page after page, for "choose all N matching". */
  loadAll?: () => Promise<ChosenRow[]>;
  actions: BulkBarAction[];
}) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const [isLoading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const count = selection.chosen.size;
  if (count === 0) return null;
  const canChooseAll = Boolean(loadAll) && (matchingCount != null ? matchingCount > count && matchingCount > loadedCount : hasMore);
  return (
    <Paper withBorder radius="md" p="sm" bg="var(--mantine-color-teal-light)" data-testid="bulk-bar">
      <Stack gap="xs">
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Group gap="sm" wrap="wrap">
            <Text fw={600} role="status" data-testid="bulk-count">
              {t('bulk.chosen', { count, formatted: number(count) })}
            </Text>
            {canChooseAll && (
              <Button
                variant="subtle"
                size="compact-sm"
                loading={isLoading}
                onClick={async () => {
                  setLoading(true);
                  setLoadError(null);
                  try {
                    if (loadAll) selection.replace(await loadAll());
                  } catch (error) {
                    setLoadError(errorMessage(t, error));
                  } finally {
                    setLoading(false);
                  }
                }}
                data-testid="bulk-choose-all"
              >
                {matchingCount != null ? t('bulk.chooseAll', { formatted: number(matchingCount) }) : t('bulk.chooseAllMatching')}
              </Button>
            )}
            <Button variant="subtle" size="compact-sm" color="gray" onClick={selection.clear}>
              {t('bulk.clear')}
            </Button>
          </Group>
          <Group gap="xs" wrap="wrap">
            {actions.map((action) => (
              <Button
                key={action.key}
                size="sm"
                color={action.color}
                leftSection={action.icon}
                onClick={() => action.onClick(selection.rows())}
                data-testid={`bulk-action-${action.key}`}
              >
                {action.label}
              </Button>
            ))}
          </Group>
        </Group>
        {loadError && (
          <Text size="sm" c="red" role="alert">
            {loadError}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

interface Run {
  title: string;
  rows: ChosenRow[];
  done: number;
  results: Map<string, BulkItemResult>;
  isRunning: boolean;
  isCancelled: boolean;
  failure: string | null;
}

/**
 * Runs an action on the chosen rows a chunk at a time and shows it: a progress bar (with "cancel",
 * which stops before the next chunk — a chunk already sent completes), then what was applied, what
 * was refused with each reason, and what was not reached.
 */
export function useBulkRun(onClosed: () => void) {
  const { t } = useTranslation();
  const [run, setRun] = useState<Run | null>(null);
  const cancelled = useRef(false);

  const start = useCallback(
    async (title: string, rows: ChosenRow[], runChunk: (ids: string[]) => Promise<BulkResults>) => {
      cancelled.current = false;
      const results = new Map<string, BulkItemResult>();
      setRun({ title, rows, done: 0, results, isRunning: true, isCancelled: false, failure: null });
      for (let at = 0; at < rows.length; at += BULK_CHUNK) {
        if (cancelled.current) {
          setRun((old) => old && { ...old, isRunning: false, isCancelled: true });
          return;
        }
        const chunk = rows.slice(at, at + BULK_CHUNK);
        try {
          const answer = await runChunk(chunk.map((row) => row.id));
          for (const result of answer.results) results.set(result.id, result);
          setRun((old) => old && { ...old, done: at + chunk.length, results: new Map(results) });
        } catch (error) {
          // The chunk's answer never came (a lost session, the network): the run stops; its records show as not reached.
          setRun((old) => old && { ...old, isRunning: false, failure: errorMessage(t, error) });
          return;
        }
      }
      setRun((old) => old && { ...old, isRunning: false });
    },
    [t],
  );

  const element = run && (
    <BulkRunDialog
      run={run}
      onCancel={() => {
        cancelled.current = true;
      }}
      onClose={() => {
        setRun(null);
        onClosed();
      }}
    />
  );
  return { start, element };
}

function BulkRunDialog({ run, onCancel, onClose }: { run: Run; onCancel(): void; onClose(): void }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  const [isCancelling, setCancelling] = useState(false);
  const total = run.rows.length;
  const applied = [...run.results.values()].filter((result) => result.isDone).length;
  const refused = run.rows.flatMap((row) => {
    const result = run.results.get(row.id);
    return result && !result.isDone ? [{ row, result }] : [];
  });
  const notReached = total - run.results.size;
  const percent = total ? Math.round((run.done / total) * 100) : 100;
  return (
    <Modal
      opened
      onClose={run.isRunning ? () => undefined : onClose}
      withCloseButton={!run.isRunning}
      closeOnClickOutside={!run.isRunning}
      closeOnEscape={!run.isRunning}
      title={run.title}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md" data-testid="bulk-run">
        <Progress
          value={percent}
          size="lg"
          animated={run.isRunning}
          aria-label={t('bulk.progress', { done: number(run.done), total: number(total) })}
        />
        <Text size="sm" role="status" data-testid="bulk-progress">
          {t('bulk.progress', { done: number(run.done), total: number(total) })}
        </Text>
        {run.isRunning ? (
          <Group justify="flex-end">
            <Button
              variant="default"
              loading={isCancelling}
              onClick={() => {
                setCancelling(true);
                onCancel();
              }}
              data-testid="bulk-cancel"
            >
              {t('bulk.cancel')}
            </Button>
          </Group>
        ) : (
          <>
            <Alert
              variant="light"
              color={refused.length || notReached ? 'yellow' : 'green'}
              icon={<IconChecks aria-hidden />}
              title={t('bulk.finished')}
              data-testid="bulk-summary"
            >
              <List size="sm" spacing={2}>
                <List.Item>{t('bulk.applied', { formatted: number(applied) })}</List.Item>
                <List.Item>{t('bulk.refused', { formatted: number(refused.length) })}</List.Item>
                {notReached > 0 && (
                  <List.Item>{t(run.isCancelled ? 'bulk.cancelled' : 'bulk.notReached', { formatted: number(notReached) })}</List.Item>
                )}
              </List>
            </Alert>
            {run.failure && (
              <Alert variant="light" color="red" role="alert">
                {run.failure}
              </Alert>
            )}
            {refused.length > 0 && (
              <Stack gap={4}>
                <Text fw={600}>{t('bulk.refusedTitle')}</Text>
                <List size="sm" spacing={4} icon={<IconX size={14} aria-hidden />} data-testid="bulk-refused">
                  {refused.map(({ row, result }) => (
                    <List.Item key={row.id}>
                      <Ltr>{row.reference}</Ltr>:{' '}
                      {!result.isDone &&
                        problemMessage(t, {
                          type: 'about:blank',
                          title: '',
                          status: result.httpStatus,
                          code: result.code,
                          detail: '',
                        })}
                    </List.Item>
                  ))}
                </List>
              </Stack>
            )}
            <Group justify="flex-end">
              <Button onClick={onClose} data-testid="bulk-close">
                {t('common.close')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}

/** The most records "choose all matching" takes (the server's largest export). */
export const MAX_CHOSEN = 10_000;

/**
 * Every record of a keyset-paged list, page after page (200 a page), as chosen rows — for "choose
 * all N matching". `pathOf(cursor)` is the list's address for one page.
 */
export async function loadAllPages<T>(pathOf: (cursor: string | undefined) => string, rowOf: (item: T) => ChosenRow): Promise<ChosenRow[]> {
  const rows: ChosenRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.get<{ items: T[]; nextCursor: string | null }>(pathOf(cursor));
    rows.push(...page.items.map(rowOf));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < MAX_CHOSEN);
  return rows.slice(0, MAX_CHOSEN);
}
