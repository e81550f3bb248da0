import { ActionIcon, Anchor, Badge, Button, Checkbox, EmptyState, Group, Menu, Paper, Pill, Stack, Table, Tabs, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconDotsVertical, IconExternalLink, IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { BulkSelection } from './bulk-actions.js';
import { Ltr } from './ltr.js';
import { LoadFailure, PageLoader } from './page.js';
import { errorMessage } from './problems.js';

/**
 * The staff worklist every area shares (issue 19 §1, §3): tabs with counts and filters kept in the
 * address, keyset-paged rows ("more" follows the server's cursor), the loading, error and empty
 * states, and each row a link to its record. On a wide screen a table in a keyboard-focusable
 * scrolling box; on a phone (under 40em, 640 px) one card per row with the reference, the name, the
 * status and the deadline, and the row's actions in a menu — nothing sits off-screen to the side.
 */

/** The address's own parameters: filters, sort and the tab live there, so a link or a reload keeps them. */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  return {
    params,
    get: (key: string) => params.get(key),
    /** Sets (or, for `undefined`/'', removes) some parameters and keeps the others. */
    merge(next: Record<string, string | undefined>) {
      const search = new URLSearchParams(params);
      for (const [key, value] of Object.entries(next)) {
        if (value === undefined || value === '') search.delete(key);
        else search.set(key, value);
      }
      setParams(search, { replace: true });
    },
    remove(keys: readonly string[]) {
      const search = new URLSearchParams(params);
      for (const key of keys) search.delete(key);
      setParams(search, { replace: true });
    },
    /** Replaces the whole address query (changing tab starts from the tab's own list). */
    replace(next: Record<string, string>) {
      setParams(next, { replace: true });
    },
  };
}

export interface WorklistTab {
  key: string;
  label: string;
  /** The count shown beside the label, already formatted (e.g. "1,000+"); none while it loads. */
  count?: string | null;
  /** A count worth attention (breaches): the badge turns red. */
  isAlarm?: boolean;
}

/** Tabs with counts; the chosen tab is the address's `param` (an unknown value opens the first tab). */
export function WorklistTabs({
  tabs,
  param = 'list',
  testIdPrefix,
  children,
}: {
  tabs: WorklistTab[];
  param?: string;
  testIdPrefix?: string;
  children(tabKey: string): ReactNode;
}) {
  const list = useListParams();
  const active = tabs.find((tab) => tab.key === list.get(param)) ?? tabs[0];
  if (!active) return null;
  return (
    <Tabs value={active.key} onChange={(value) => value && list.replace({ [param]: value })} keepMounted={false}>
      <Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Tab
            key={tab.key}
            value={tab.key}
            data-testid={testIdPrefix ? `${testIdPrefix}-tab-${tab.key}` : undefined}
            rightSection={
              tab.count != null && (
                <Badge
                  size="sm"
                  variant="light"
                  color={tab.isAlarm ? 'red' : 'gray'}
                  data-testid={testIdPrefix ? `${testIdPrefix}-tab-count-${tab.key}` : undefined}
                >
                  <Ltr>{tab.count}</Ltr>
                </Badge>
              )
            }
          >
            {tab.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {tabs.map((tab) => (
        <Tabs.Panel key={tab.key} value={tab.key} pt="md">
          {children(tab.key)}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}

export interface FilterChip {
  key: string;
  label: string;
  onRemove(): void;
}

/** The filters in force as chips, each removable on its own (by keyboard too), and "clear" when there are several. */
export function FilterChips({
  chips,
  onClear,
  testId,
  title,
  removeLabel,
}: {
  chips: FilterChip[];
  onClear?: () => void;
  testId?: string;
  /** The area's own words, else the shared ones. */
  title?: string;
  removeLabel?(chip: string): string;
}) {
  const { t } = useTranslation();
  if (!chips.length) return null;
  const heading = title ?? t('worklist.filters');
  return (
    <Group gap="xs" data-testid={testId} role="group" aria-label={heading}>
      <Text size="sm" fw={600}>
        {heading}
      </Text>
      {chips.map((chip) => (
        <Pill
          key={chip.key}
          size="lg"
          withRemoveButton
          onRemove={chip.onRemove}
          // Mantine hides a pill's remove button from keyboards and screen readers (it is made for
          // inputs that remove with Backspace); here it is the only way to remove the filter.
          removeButtonProps={{
            'aria-label': removeLabel ? removeLabel(chip.label) : t('worklist.removeFilter', { filter: chip.label }),
            'aria-hidden': false,
            tabIndex: 0,
          }}
          data-testid={testId ? `${testId.replace(/s$/, '')}-${chip.key}` : undefined}
        >
          {chip.label}
        </Pill>
      ))}
      {onClear && chips.length > 1 && (
        <Button variant="subtle" size="compact-sm" onClick={onClear}>
          {t('worklist.clearFilters')}
        </Button>
      )}
    </Group>
  );
}

export interface WorklistColumn<T> {
  key: string;
  header: string;
  cell(item: T): ReactNode;
}

export interface RowAction<T> {
  key: string;
  label: string;
  icon?: ReactNode;
  href?(item: T): string;
  /** The link leaves the app (a printable letter): it opens in a new tab. */
  isExternal?: boolean;
  onClick?(item: T): void;
  /** Shown for this row only when true (e.g. the record allows it). */
  isShown?(item: T): boolean;
}

/** What a phone's card shows of a row: reference, name, status and deadline (issue 19 §3), and any more lines. */
export interface WorklistCard<T> {
  /** The reference as text: the card's link and the actions menu's name. */
  reference(item: T): string;
  name(item: T): ReactNode;
  status(item: T): ReactNode;
  deadline?(item: T): ReactNode;
  deadlineLabel?: string;
  more?(item: T): ReactNode;
}

/** The part of an infinite query a worklist reads (TanStack's `useInfiniteQuery` result fits). */
export interface PagedQuery<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data?: { pages: { items: T[] }[] };
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): unknown;
}

export interface WorklistProps<T> {
  query: PagedQuery<T>;
  /** Names the table's scrolling box and the cards' list for screen readers. */
  label: string;
  columns: WorklistColumn<T>[];
  card: WorklistCard<T>;
  rowKey(item: T): string;
  /** The record's page; a row without one (a message opened in a drawer) offers its actions instead. */
  rowHref?(item: T): string;
  rowActions?: RowAction<T>[];
  /** The row's actions as a menu column on wide screens too (else the columns carry their own buttons). */
  hasMenuColumn?: boolean;
  /** Attributes on each row and card (e.g. `data-message` for the outbox's journeys). */
  rowAttributes?(item: T): Record<string, string>;
  /** The table's width before it scrolls inside its box. */
  minWidth: number;
  empty: { title: string; hint?: string; icon?: ReactNode };
  /** A line above the rows (what the list holds, how many). */
  header?(items: T[], hasMore: boolean): ReactNode;
  moreLabel: string;
  rowTestId?: string;
  cardsTestId?: string;
  /** Check boxes on the rows for bulk actions (issue 19 §5); none without. */
  selection?: BulkSelection;
}

export function Worklist<T>(props: WorklistProps<T>) {
  const { t } = useTranslation();
  const { query, empty } = props;
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadFailure message={errorMessage(t, query.error)} />;
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  if (items.length === 0) {
    return (
      <Paper withBorder radius="md" p="xl">
        <EmptyState icon={empty.icon ?? <IconInbox size={32} aria-hidden />} title={empty.title} description={empty.hint} />
      </Paper>
    );
  }
  return (
    <Stack gap="sm">
      {props.header?.(items, query.hasNextPage)}
      <WorklistRows {...props} items={items} />
      {query.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {props.moreLabel}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** The rows alone (a record's page lists another area's rows this way: a family's requests). */
export function WorklistRows<T>({
  items,
  label,
  columns,
  card,
  rowKey,
  rowHref,
  rowActions = [],
  hasMenuColumn = false,
  rowAttributes,
  minWidth,
  rowTestId,
  cardsTestId,
  selection,
}: Omit<WorklistProps<T>, 'query' | 'empty' | 'moreLabel' | 'header'> & { items: T[] }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 40em)');
  const chooser = (item: T) =>
    selection && (
      <Checkbox
        aria-label={t('bulk.choose', { reference: card.reference(item) })}
        checked={selection.isChosen(rowKey(item))}
        onChange={(event) => selection.set([{ id: rowKey(item), reference: card.reference(item) }], event.currentTarget.checked)}
        data-testid="bulk-choose"
      />
    );
  const chosenLoaded = selection ? items.filter((item) => selection.isChosen(rowKey(item))).length : 0;
  if (isPhone)
    return (
      <Stack
        component="ul"
        gap="sm"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={label}
        data-testid={cardsTestId ?? 'worklist-cards'}
      >
        {items.map((item) => (
          <Paper component="li" key={rowKey(item)} withBorder radius="md" p="sm" data-testid="worklist-card" {...rowAttributes?.(item)}>
            <Stack gap={6}>
              <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                {chooser(item)}
                {rowHref ? (
                  <Anchor component={Link} to={rowHref(item)} fw={600} data-testid="worklist-card-reference">
                    <Ltr>{card.reference(item)}</Ltr>
                  </Anchor>
                ) : (
                  <Text fw={600} data-testid="worklist-card-reference">
                    <Ltr>{card.reference(item)}</Ltr>
                  </Text>
                )}
                <Group gap={4} wrap="nowrap" align="flex-start">
                  <div data-testid="worklist-card-status">{card.status(item)}</div>
                  <RowMenu item={item} reference={card.reference(item)} href={rowHref?.(item)} actions={rowActions} />
                </Group>
              </Group>
              <Text size="sm" data-testid="worklist-card-name">
                {card.name(item)}
              </Text>
              {card.more?.(item)}
              {card.deadline && (
                <Group gap="xs" align="baseline" wrap="wrap" data-testid="worklist-card-deadline">
                  <Text size="sm" c="dimmed">
                    {card.deadlineLabel}:
                  </Text>
                  {card.deadline(item)}
                </Group>
              )}
            </Stack>
          </Paper>
        ))}
      </Stack>
    );
  return (
    <Paper withBorder radius="md">
      <ScrollTable minWidth={minWidth} label={label}>
        <Table striped highlightOnHover verticalSpacing="sm" style={{ wordBreak: 'normal' }}>
          <Table.Thead>
            <Table.Tr>
              {selection && (
                <Table.Th scope="col" w={40}>
                  <Checkbox
                    aria-label={t('bulk.chooseLoaded')}
                    checked={chosenLoaded > 0 && chosenLoaded === items.length}
                    indeterminate={chosenLoaded > 0 && chosenLoaded < items.length}
                    onChange={(event) =>
                      selection.set(
                        items.map((item) => ({ id: rowKey(item), reference: card.reference(item) })),
                        event.currentTarget.checked,
                      )
                    }
                    data-testid="bulk-choose-loaded"
                  />
                </Table.Th>
              )}
              {columns.map((column) => (
                <Table.Th key={column.key} scope="col">
                  {column.header}
                </Table.Th>
              ))}
              {hasMenuColumn && (
                <Table.Th scope="col">
                  <Text span size="sm" fw={700}>
                    {t('common.actions')}
                  </Text>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={rowKey(item)} data-testid={rowTestId} {...rowAttributes?.(item)}>
                {selection && <Table.Td>{chooser(item)}</Table.Td>}
                {columns.map((column) => (
                  <Table.Td key={column.key}>{column.cell(item)}</Table.Td>
                ))}
                {hasMenuColumn && (
                  <Table.Td>
                    <RowMenu item={item} reference={card.reference(item)} href={rowHref?.(item)} actions={rowActions} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Paper>
  );
}

/** The row's actions in a menu: "open" first, then the area's own. */
function RowMenu<T>({ item, reference, href, actions }: { item: T; reference: string; href?: string; actions: RowAction<T>[] }) {
  const { t } = useTranslation();
  const shown = actions.filter((action) => action.isShown?.(item) ?? true);
  if (!href && !shown.length) return null;
  return (
    // Without Mantine's focus placeholder (a `presentation` child a `menu` may not hold; axe
    // aria-required-children): the first item takes the focus when the menu opens.
    <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('worklist.actionsFor', { reference })} data-testid="worklist-row-menu">
          <IconDotsVertical size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {href && (
          <Menu.Item component={Link} to={href} leftSection={<IconExternalLink size={16} aria-hidden />}>
            {t('worklist.open')}
          </Menu.Item>
        )}
        {shown.map((action) =>
          action.href && action.isExternal ? (
            <Menu.Item key={action.key} component="a" href={action.href(item)} target="_blank" rel="noopener" leftSection={action.icon}>
              {action.label}
            </Menu.Item>
          ) : action.href ? (
            <Menu.Item key={action.key} component={Link} to={action.href(item)} leftSection={action.icon}>
              {action.label}
            </Menu.Item>
          ) : (
            <Menu.Item key={action.key} leftSection={action.icon} onClick={() => action.onClick?.(item)}>
              {action.label}
            </Menu.Item>
          ),
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

/**
 * A wide table that scrolls sideways inside its own box on a narrow screen. The box takes the
 * keyboard focus and has a name, so a keyboard user can scroll it too (axe `scrollable-region-focusable`);
 * a named group, not a landmark: the page's own sections stay the regions a screen reader lists.
 */
export function ScrollTable({ minWidth, label, children }: { minWidth: number; label: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer
      minWidth={minWidth}
      scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'group', 'aria-label': t('worklist.table', { title: label }) } }}
    >
      {children}
    </Table.ScrollContainer>
  );
}
