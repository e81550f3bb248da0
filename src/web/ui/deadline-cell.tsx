import { Badge, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { DualDay } from './dual-day.js';
import { SLA_COLOURS } from './status.js';

/**
 * A deadline in both calendars (X2) with the clock's warning beside it (C6, E1, G1): nothing more
 * while the clock is on time, "due soon" in orange, a breach filled in red. `label` names a clock
 * state in the area's words; `empty` is said when there is no clock.
 */
export function DeadlineCell({
  day,
  slaState,
  label,
  empty,
}: {
  day: string | null | undefined;
  slaState: string;
  label(state: string): string;
  empty: ReactNode;
}) {
  if (!day)
    return (
      <Text size="sm" c="dimmed" component="span">
        {empty}
      </Text>
    );
  return (
    <Group gap="xs" wrap="nowrap" component="span">
      <span>
        <DualDay value={day} />
      </span>
      {slaState !== 'none' && slaState !== 'on-time' && (
        <Badge size="sm" variant={slaState === 'breached' ? 'filled' : 'light'} color={SLA_COLOURS[slaState] ?? 'gray'}>
          {label(slaState)}
        </Badge>
      )}
    </Group>
  );
}
