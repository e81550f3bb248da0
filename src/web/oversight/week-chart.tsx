import { Group, Stack, Text } from '@mantine/core';
import { useFormat } from '../ui/format.js';

export interface Series {
  key: string;
  label: string;
  color: string;
}

/**
 * Grouped bars, one group a week, drawn in SVG (no chart library: @mantine/charts pins an older
 * @mantine/core than ours). The picture is decorative for screen readers: the same figures are in
 * the table beside it.
 */
export function WeekChart({
  weeks,
  series,
  weekLabel,
  label,
}: {
  label: string;
  weeks: Array<Record<string, number | string>>;
  series: Series[];
  weekLabel(week: string): string;
}) {
  const { number } = useFormat();
  const max = Math.max(1, ...weeks.flatMap((w) => series.map((s) => Number(w[s.key] ?? 0))));
  const height = 180;
  const groupWidth = 14 * series.length + 12;
  const width = weeks.length * groupWidth + 40;
  const ticks = [0, Math.ceil(max / 2), max];
  return (
    <Stack gap="xs">
      <Group gap="md">
        {series.map((s) => (
          <Group key={s.key} gap={6}>
            <span aria-hidden style={{ width: 12, height: 12, borderRadius: 2, background: s.color, display: 'inline-block' }} />
            <Text size="sm">{s.label}</Text>
          </Group>
        ))}
      </Group>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways on phones must be reachable by keyboard */}
      <figure style={{ overflowX: 'auto', margin: 0 }} tabIndex={0} aria-label={label}>
        <svg
          viewBox={`0 0 ${width} ${height + 28}`}
          width="100%"
          style={{ minWidth: 320, maxWidth: width * 2, direction: 'ltr' }}
          aria-hidden="true"
          focusable="false"
        >
          {ticks.map((tick) => {
            const y = height - (tick / max) * (height - 10);
            return (
              <g key={tick}>
                <line x1={30} x2={width} y1={y} y2={y} stroke="var(--mantine-color-gray-3)" strokeWidth={1} />
                <text x={24} y={y + 4} fontSize={10} textAnchor="end" fill="var(--mantine-color-gray-7)">
                  {number(tick)}
                </text>
              </g>
            );
          })}
          {weeks.map((week, i) => (
            <g key={String(week.weekStart)} transform={`translate(${36 + i * groupWidth}, 0)`}>
              {series.map((s, j) => {
                const value = Number(week[s.key] ?? 0);
                const h = (value / max) * (height - 10);
                return <rect key={s.key} x={j * 14} y={height - h} width={12} height={h} fill={s.color} rx={2} />;
              })}
              <text x={(series.length * 14) / 2} y={height + 16} fontSize={9} textAnchor="middle" fill="var(--mantine-color-gray-7)">
                {weekLabel(String(week.weekStart))}
              </text>
            </g>
          ))}
        </svg>
      </figure>
    </Stack>
  );
}
