import { describe, expect, it } from 'vitest';
import { caseChannel, staffChannel } from '../../src/contracts/complaints.js';
import { requestChannel } from '../../src/contracts/requests.js';
import { CHANNEL_CLAUSE, CHANNEL_CLAUSES, channelsOfClause, INTAKE_CHANNELS, STAFF_CHANNELS } from '../../src/domain/channels.js';

/** Issue 27 §3: the policy's six channels of contact (A1–A6) and the codes each area records. */
describe('channels of contact (A1–A6)', () => {
  it('A5: website and e-mail report as one item of the policy', () => {
    expect(CHANNEL_CLAUSE.website).toBe('A5');
    expect(CHANNEL_CLAUSE.email).toBe('A5');
    expect(channelsOfClause('A5')).toEqual(['website', 'email']);
  });

  it('A1–A6: every clause has a channel, and every channel one clause', () => {
    for (const clause of CHANNEL_CLAUSES) expect(channelsOfClause(clause).length, clause).toBeGreaterThan(0);
    expect(CHANNEL_CLAUSES.flatMap(channelsOfClause).sort()).toEqual([...INTAKE_CHANNELS].sort());
    expect(channelsOfClause('A6')).toEqual(['volunteer']);
  });

  it('requests, complaints and inquiries record the same channels; staff record all but the website (the public link’s and the portal’s)', () => {
    expect(requestChannel.options).toEqual([...INTAKE_CHANNELS]);
    expect(caseChannel.options).toEqual([...INTAKE_CHANNELS]);
    expect(staffChannel.options).toEqual([...STAFF_CHANNELS]);
    expect(STAFF_CHANNELS).not.toContain('website');
    expect(STAFF_CHANNELS).toEqual(expect.arrayContaining(['email', 'volunteer']));
  });
});
