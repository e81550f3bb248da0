import { Badge, Group, Paper, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { DefinitionList } from './definition-list.js';

export interface StatusBadge {
  label: string;
  colour: string;
  testId?: string;
}

/**
 * The head of a record's page, the same on every area's detail screen: the status badge (and any
 * other badges), the record's facts as a definition list (the reference among them), then the
 * actions this person may take on it. The page's title stays the `Page` heading.
 */
export function DetailHeader({
  status,
  badges,
  facts,
  actions,
  columns,
}: {
  status: StatusBadge;
  badges?: ReactNode;
  facts: ReactNode;
  actions?: ReactNode;
  columns?: 2 | 3;
}) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" data-testid="detail-header">
      <Stack gap="md">
        <Group gap="xs">
          <Badge size="lg" variant="filled" color={status.colour} data-testid={status.testId}>
            {status.label}
          </Badge>
          {badges}
        </Group>
        <DefinitionList columns={columns}>{facts}</DefinitionList>
        {actions}
      </Stack>
    </Paper>
  );
}
