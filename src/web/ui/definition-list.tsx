import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A record's facts as a definition list (`dl`: a screen reader says "term, value"), one column on a
 * phone, up to `columns` on a wide screen.
 */
export function DefinitionList({ children, columns = 3 }: { children: ReactNode; columns?: 2 | 3 }) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: columns }} spacing="md" component="dl" m={0}>
      {children}
    </SimpleGrid>
  );
}

/** One term and its value; `wrap` keeps the value's own line breaks (a description, an address). */
export function Fact({ label, children, wrap = false }: { label: string; children: ReactNode; wrap?: boolean }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} style={wrap ? { whiteSpace: 'pre-wrap' } : undefined}>
        {children}
      </Text>
    </Stack>
  );
}
