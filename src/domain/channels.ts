/**
 * The policy's channels of contact (A1–A6; issue 27 §3): how a request, complaint or inquiry reached
 * the association. The policy lists six items; "website / e-mail" is one of them (A5), so both
 * `website` (the self-service link or portal) and `email` (a message staff record, with the e-mail
 * attached) report as A5. `volunteer` (A6) is a volunteer registering on a family's behalf.
 */
export const INTAKE_CHANNELS = ['interview', 'letter', 'phone', 'fax', 'website', 'email', 'volunteer'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

export const CHANNEL_CLAUSES = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'] as const;
export type ChannelClause = (typeof CHANNEL_CLAUSES)[number];

/** A1 interview · A2 letters · A3 phone · A4 fax · A5 website / e-mail · A6 volunteer service. */
export const CHANNEL_CLAUSE: Readonly<Record<IntakeChannel, ChannelClause>> = {
  interview: 'A1',
  letter: 'A2',
  phone: 'A3',
  fax: 'A4',
  website: 'A5',
  email: 'A5',
  volunteer: 'A6',
};

/** What staff record at a desk: every channel but `website`, which only the public link and the portal write. */
export const STAFF_CHANNELS = ['interview', 'letter', 'phone', 'fax', 'email', 'volunteer'] as const satisfies readonly IntakeChannel[];

/**
 * A5 (issue 27 §3): a request received by e-mail keeps the e-mail itself as a document under this
 * item, beside its type's checklist (a case keeps it among its intake files).
 */
export const RECEIVED_MESSAGE_ITEM = 'received-message';

/**
 * The channels a clause groups, in the policy's order (A5: website and e-mail), for reports that
 * count by clause.
 * @example channelsOfClause('A5') // ['website', 'email']
 */
export function channelsOfClause(clause: ChannelClause): IntakeChannel[] {
  return INTAKE_CHANNELS.filter((channel) => CHANNEL_CLAUSE[channel] === clause);
}
