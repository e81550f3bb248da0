import { Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Oversight } from '../../contracts/complaints.js';
import type { RequestChannelCounts } from '../../contracts/requests.js';
import { CHANNEL_CLAUSES, channelsOfClause, type IntakeChannel } from '../../domain/channels.js';
import { api } from '../api/client.js';
import { useFormat } from '../ui/format.js';
import { ScrollTable } from '../ui/worklist.js';
import { OVERSIGHT_NS } from './i18n.js';

/**
 * A1–A6 (issue 27 §3, "reports break down by channel"): requests, open complaints and open inquiries
 * by the channel they came by, grouped by the policy's clause (A5: website and e-mail together).
 * Each figure opens its worklist filtered by that channel, and equals what that list holds.
 */
export const channelLink = {
  requests: (channel: IntakeChannel) => `/requests?list=all&channel=${channel}`,
  complaints: (channel: IntakeChannel) => `/complaints?tab=all&channel=${channel}`,
  inquiries: (channel: IntakeChannel) => `/inquiries?list=all&isOpen=true&channel=${channel}`,
};

type Column = keyof typeof channelLink;
const COLUMNS: Column[] = ['requests', 'complaints', 'inquiries'];

export function ByChannel({ data }: { data: Oversight }) {
  const { t } = useTranslation(OVERSIGHT_NS);
  const { number } = useFormat();
  const requests = useQuery({ queryKey: ['requests', 'channels'], queryFn: () => api.get<RequestChannelCounts>('/requests/channels') });
  const count = (column: Column, channel: IntakeChannel): number | null => {
    if (column === 'requests') return requests.data ? (requests.data.items.find((row) => row.channel === channel)?.count ?? 0) : null;
    const kind = column === 'complaints' ? 'complaint' : 'inquiry';
    return data.openByChannel.find((row) => row.kind === kind && row.channel === channel)?.count ?? 0;
  };
  const title = t('byChannel.title');
  return (
    <Paper withBorder radius="md" component="section" aria-labelledby="by-channel">
      <Stack gap="sm" p={{ base: 'sm', sm: 'md' }}>
        <Title order={2} fz="lg" id="by-channel">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {t('byChannel.hint')}
        </Text>
        <ScrollTable minWidth={560} label={title}>
          <Table withTableBorder withColumnBorders verticalSpacing="xs" data-testid="oversight-by-channel" style={{ wordBreak: 'normal' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('byChannel.clause')}</Table.Th>
                <Table.Th scope="col">{t('byChannel.channel')}</Table.Th>
                {COLUMNS.map((column) => (
                  <Table.Th key={column} scope="col" ta="center">
                    {t(`byChannel.columns.${column}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {CHANNEL_CLAUSES.flatMap((clause) =>
                channelsOfClause(clause).map((channel, index, all) => (
                  <Table.Tr key={channel} data-channel={channel}>
                    {index === 0 && (
                      <Table.Th scope="rowgroup" rowSpan={all.length} fw={700}>
                        {clause}
                      </Table.Th>
                    )}
                    <Table.Th scope="row" fw={500}>
                      {t(`byChannel.channels.${channel}`)}
                    </Table.Th>
                    {COLUMNS.map((column) => {
                      const value = count(column, channel);
                      return (
                        <Table.Td key={column} ta="center" data-column={column}>
                          {value === null ? (
                            '…'
                          ) : value > 0 ? (
                            <Anchor
                              component={Link}
                              to={channelLink[column](channel)}
                              fw={700}
                              underline="always"
                              aria-label={t('byChannel.cellLabel', {
                                what: t(`byChannel.columns.${column}`),
                                channel: t(`byChannel.channels.${channel}`),
                                n: number(value),
                              })}
                            >
                              {number(value)}
                            </Anchor>
                          ) : (
                            <Text span c="dimmed">
                              {number(0)}
                            </Text>
                          )}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                )),
              )}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Stack>
    </Paper>
  );
}
