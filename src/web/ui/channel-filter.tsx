import { Select } from '@mantine/core';
import { CHANNEL_CLAUSE, INTAKE_CHANNELS, type IntakeChannel } from '../../domain/channels.js';
import { useListParams } from './worklist.js';

/**
 * A1–A6 (issue 27 §3): a worklist narrowed to the channel its records came by. The choice lives in
 * the address as `channel`, like the other filters, so a link (the oversight page's figures), a
 * reload or a saved view keeps it; the area shows it among its filter chips, removable there.
 */
export const CHANNEL_PARAM = 'channel';

/** The address's channel, when it is one of the policy's (an unknown value is dropped). */
export function channelFrom(params: URLSearchParams): IntakeChannel | undefined {
  const value = params.get(CHANNEL_PARAM);
  return INTAKE_CHANNELS.find((channel) => channel === value);
}

/** "A5 — E-mail": the clause as staff know it, then the area's name for the channel. */
export function channelLabel(channel: IntakeChannel, name: (channel: IntakeChannel) => string): string {
  return `${CHANNEL_CLAUSE[channel]} — ${name(channel)}`;
}

export function ChannelFilter({
  label,
  placeholder,
  name,
  testId = 'channel-filter',
}: {
  /** The area's word for "channel". */
  label: string;
  /** What the empty choice says ("all channels"). */
  placeholder: string;
  name(channel: IntakeChannel): string;
  testId?: string;
}) {
  const list = useListParams();
  return (
    <Select
      label={label}
      placeholder={placeholder}
      clearable
      size="sm"
      maw={320}
      data={INTAKE_CHANNELS.map((channel) => ({ value: channel, label: channelLabel(channel, name) }))}
      value={channelFrom(list.params) ?? null}
      onChange={(value) => list.merge({ [CHANNEL_PARAM]: value ?? undefined })}
      data-testid={testId}
    />
  );
}
