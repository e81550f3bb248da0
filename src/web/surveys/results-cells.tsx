import { Anchor, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AnswersCell } from '../../contracts/survey-answers.js';
import { MIN_CELL } from '../../domain/survey.js';
import { useFormat } from '../ui/format.js';
import { SURVEYS_NS } from './i18n.js';
import { answersPath } from './surveys-api.js';

/** The results page's tables (issue 24 §5; H1): months or one breakdown, each key a link to the answers behind it. */
export function Cells({
  rows,
  keyLabel,
  show,
}: {
  /** `label` names the key for people (a month's name); `responseRate` adds the rate column (months). */
  rows: Array<{
    key: string;
    label?: string;
    cell: AnswersCell;
    responses: number;
    csatAverage: number | null;
    nps: number | null;
    responseRate?: number | null;
  }>;
  keyLabel: string;
  show(value: number | null, suffix?: string): string;
}) {
  const { t } = useTranslation(SURVEYS_NS);
  const { number } = useFormat();
  if (!rows.length) return <Text c="dimmed">{t('empty')}</Text>;
  const hasRate = rows.some((row) => row.responseRate !== undefined);
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{keyLabel}</Table.Th>
            <Table.Th>{t('responses')}</Table.Th>
            <Table.Th>{t('csat')}</Table.Th>
            <Table.Th>{t('nps')}</Table.Th>
            {hasRate && <Table.Th>{t('rate')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td>
                <FigureLink cell={row.cell} responses={row.responses} label={row.label ?? row.key}>
                  {row.label ?? row.key}
                </FigureLink>
              </Table.Td>
              <Table.Td>{number(row.responses)}</Table.Td>
              <Table.Td>{show(row.csatAverage)}</Table.Td>
              <Table.Td>{show(row.nps)}</Table.Td>
              {hasRate && <Table.Td>{show(row.responseRate ?? null, '%')}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * Every figure links to the answers behind it (issue 24 §5) — except a cell of fewer than 5 answers,
 * which stays closed (small-cell rule; the server refuses it too).
 */
export function FigureLink({
  cell,
  responses,
  label,
  children,
}: {
  cell: AnswersCell;
  responses: number;
  label: string;
  children: ReactNode;
}) {
  const { t } = useTranslation(SURVEYS_NS);
  if (responses < MIN_CELL) return <>{children}</>;
  return (
    <Anchor component={Link} to={answersPath(cell)} aria-label={t('answers.open', { figure: label })} inherit>
      {children}
    </Anchor>
  );
}
