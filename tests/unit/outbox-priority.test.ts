import { describe, expect, it } from 'vitest';
import { NOTIFICATION_EVENTS } from '../../src/contracts/notifications.js';
import { EVENTS, eventsOf, UNLISTED_EVENTS } from '../../src/modules/notifications/notifications.events.js';
import {
  batchSize,
  CODE_MIN_LIFE_MS,
  compareForHandOff,
  type DueMessage,
  expiredUnsentError,
  planHandOff,
  spacingMs,
} from '../../src/modules/notifications/outbox.priority.js';

/** Issue 20 §1 (C5, G3): the dispatcher's order and the events' declarations, without a database. */
const NOW = Date.parse('2026-12-05T08:00:00.000Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();

function due(id: string, priority: string, nextAttemptMs: number, expiresMs: number | null = null): DueMessage {
  return { id, priority, next_attempt_at: at(nextAttemptMs), expires_at: expiresMs === null ? null : at(expiresMs) };
}

describe('hand-off order', () => {
  it('puts codes first, then transactional, then bulk, each oldest first, ids breaking ties', () => {
    const messages = [
      due('b1', 'bulk', -60_000),
      due('t2', 'transactional', -1_000),
      due('c2', 'code', 0),
      due('t1', 'transactional', -2_000),
      due('c1', 'code', -10),
      due('t0', 'transactional', -2_000),
      due('b0', 'bulk', -120_000),
    ];
    expect([...messages].sort(compareForHandOff).map((m) => m.id)).toEqual(['c1', 'c2', 't0', 't1', 't2', 'b0', 'b1']);
  });

  it('puts an unknown priority last rather than ahead of codes', () => {
    expect([due('x', 'unknown', -1), due('b', 'bulk', 0)].sort(compareForHandOff).map((m) => m.id)).toEqual(['b', 'x']);
  });
});

describe('the rate per transport', () => {
  it('spaces hand-offs by a second over the rate and reads about a second’s worth at once', () => {
    expect(spacingMs(10)).toBe(100);
    expect(spacingMs(20)).toBe(50);
    expect(spacingMs(0)).toBe(1000);
    expect(batchSize(10)).toBe(10);
    expect(batchSize(1)).toBe(1);
    expect(batchSize(0.5)).toBe(1);
  });
});

describe('codes that would expire before their turn', () => {
  it('expires a code with less than the minimum life left at its slot, and gives its slot to the next', () => {
    const plan = planHandOff(
      [
        due('c-fresh', 'code', 0, 10 * 60_000),
        due('c-dying', 'code', 0, CODE_MIN_LIFE_MS - 1),
        due('c-past', 'code', 0, -1),
        due('t', 'transactional', 0),
      ],
      { now: NOW, spacing: 100 },
    );
    expect(plan.map((step) => [step.message.id, step.action, step.action === 'send' ? step.at - NOW : null])).toEqual([
      ['c-fresh', 'send', 0],
      ['c-dying', 'expire', null],
      ['c-past', 'expire', null],
      ['t', 'send', 100],
    ]);
  });

  it('counts the slots ahead: a code whose turn comes too late in a long line of codes is expired', () => {
    // At 10 a second the 302nd code's turn is 30.1 s away: of its 60 s it would keep 29.9 s, too little.
    const codes = Array.from({ length: 400 }, (_, i) => due(`c${i}`, 'code', 0, 60_000));
    const plan = planHandOff(codes, { now: NOW, spacing: spacingMs(10) });
    const firstExpired = plan.findIndex((step) => step.action === 'expire');
    expect(firstExpired).toBe(301);
    expect(plan.slice(firstExpired).every((step) => step.action === 'expire')).toBe(true);
  });

  it('records why: a code as code.expired-unsent, anything else as message.expired', () => {
    expect(expiredUnsentError('code')).toBe('code.expired-unsent');
    expect(expiredUnsentError('transactional')).toBe('message.expired');
  });
});

describe('every event declares a priority and a consent purpose', () => {
  it('has a declaration for each event, codes with a lifetime and no consent purpose', () => {
    for (const event of NOTIFICATION_EVENTS) {
      const definition = EVENTS[event];
      expect(['code', 'transactional', 'bulk'], event).toContain(definition.priority);
      expect(definition, event).toHaveProperty('consentPurpose');
      if (definition.priority === 'code') {
        expect(definition, event).toMatchObject({ isSensitive: true, consentPurpose: null });
        // A code never goes by letter, fax or call (issue 20 §7): SMS, WhatsApp or a verified e-mail only.
        expect(
          definition.channels.every((channel) => ['sms', 'whatsapp', 'email'].includes(channel)),
          event,
        ).toBe(true);
        expect(definition.ttlMinutes, event).toBeGreaterThan(0);
      } else {
        expect(definition.ttlMinutes, event).toBeUndefined();
      }
      // Messages to families are for the service; staff notices (staff app only) concern no family.
      const isStaffOnly = definition.channels.every((channel) => channel === 'staff-app');
      if (definition.priority === 'transactional') expect(definition.consentPurpose, event).toBe(isStaffOnly ? null : 'service');
    }
  });

  it('names the one-time codes, which the outbox page never lists', () => {
    expect(eventsOf('code')).toEqual(['auth.one-time-code', 'request.attestation-code']);
    expect([...UNLISTED_EVENTS]).toEqual(eventsOf('code'));
    // Issue 20 §2 (G3): announcements are bulk, for the purpose a family may refuse.
    expect(eventsOf('bulk')).toEqual(['announcement.general', 'survey.invitation']);
    expect(EVENTS['announcement.general'].consentPurpose).toBe('announcements');
    // Issue 24 §2 (H1, F2): survey invitations are bulk, for the `surveys` purpose.
    expect(EVENTS['survey.invitation'].consentPurpose).toBe('surveys');
  });
});
