import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommittee, buildRequest, buildRequestType, buildStaff, type StaffFixture } from './factories.js';
import { createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Freezing minutes when the world moved on (C5): a decided request no longer under the committee's
 * study (information asked outside the meeting, its attestation voided by a change) → 409
 * `minutes.requests-moved`, nothing applied, until the chair generates the minutes again; a member
 * present deactivated before approving → 409 `minutes.approver-inactive` naming them, until the
 * chair records them as unable to approve (`excusals`), which freezes once everyone else approved.
 */
let t: TestApp;
let administrator: StaffFixture;
let receptionist: StaffFixture;
const people: Record<'chair' | 'm2' | 'm3' | 'chair2' | 'd' | 'e' | 'chair3' | 'f' | 'g', StaffFixture> = {} as never;
const as = (staff: StaffFixture) => sessionFor(t, staff);

/** A committee of `members` (quorum 2) and a request type it studies. */
async function committee(code: string, members: StaffFixture[], chair: StaffFixture, typeCode: string): Promise<string> {
  const { id } = await buildCommittee(t, {
    by: administrator,
    code,
    nameAr: 'لجنة الدعم',
    nameEn: 'Support committee',
    members,
    chair,
    quorum: 2,
  });
  await buildRequestType(t, { by: administrator, code: typeCode, committeeId: id });
  return id;
}

const completeRequest = async (typeCode: string) => (await buildRequest(t, { by: receptionist, typeCode })).id;

/** A held meeting with everyone present, the requests on its agenda, all voting approve, and its minutes generated. */
async function decidedMeeting(committeeId: string, chair: StaffFixture, members: StaffFixture[], requestIds: string[]) {
  const meeting = (await (await as(chair)).request('POST', `/api/v1/committees/${committeeId}/meetings`, { day: '2026-03-10' })).json();
  const held = await (await as(chair)).request('PATCH', `/api/v1/meetings/${meeting.id}`, {
    status: 'held',
    presentMemberIds: members.map((m) => m.id),
  });
  expect(held.statusCode, held.body).toBe(200);
  for (const requestId of requestIds) {
    expect((await (await as(chair)).request('POST', `/api/v1/meetings/${meeting.id}/agenda`, { requestId })).statusCode).toBe(200);
    for (const member of members) {
      const voted = await (await as(member)).request('POST', `/api/v1/meetings/${meeting.id}/votes`, { requestId, choice: 'approve' });
      expect(voted.statusCode, voted.body).toBe(200);
    }
  }
  const minutes = await (await as(chair)).request('POST', `/api/v1/meetings/${meeting.id}/minutes`);
  expect(minutes.statusCode, minutes.body).toBe(201);
  return { meetingId: meeting.id as string, minutes: minutes.json() as { id: string; sha256: string } };
}

async function decisionMessages(requestIds: string[]) {
  return t.ctx.db
    .selectFrom('outbox_messages')
    .select(['about_id', 'event'])
    .where('about_id', 'in', requestIds)
    .where('event', '=', 'request.decided')
    .execute();
}

const approve = async (member: StaffFixture, minutes: { id: string; sha256: string }) =>
  (await as(member)).request('POST', `/api/v1/minutes/${minutes.id}/approvals`, { sha256: minutes.sha256 });

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-03-10T06:00:00.000Z');
  administrator = await buildStaff(t, { roles: ['administrator'] });
  receptionist = await buildStaff(t, { roles: ['reception'] });
  for (const key of ['chair', 'm2', 'm3', 'chair2', 'd', 'e', 'chair3', 'f', 'g'] as const)
    people[key] = await buildStaff(t, { roles: ['committee-member'] });
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe(`freezing minutes when things moved [${ENGINE}]`, () => {
  it('C5: a decided request asked for information outside the meeting (and its attestation voided) → 409 requests-moved, nothing applied; regenerated, it is deferred and the rest freezes', async () => {
    const { chair, m2, m3 } = people;
    const committeeId = await committee('freeze-moved', [chair, m2, m3], chair, 'freeze-moved-aid');
    const kept = await completeRequest('freeze-moved-aid');
    const moved = await completeRequest('freeze-moved-aid');
    const { meetingId, minutes } = await decidedMeeting(committeeId, chair, [chair, m2, m3], [kept, moved]);

    // Reception asks the family for more outside the meeting, and the family's answer changes the data.
    const reception = await as(receptionist);
    const asked = await reception.request('POST', `/api/v1/requests/${moved}/transitions`, {
      action: 'request-information',
      note: 'يرجى إرفاق عرض سعر',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const current = (await reception.request('GET', `/api/v1/requests/${moved}`)).json();
    const changed = await reception.request('PATCH', `/api/v1/requests/${moved}`, {
      answers: { project: 'مشغل خياطة وتطريز' },
      version: current.version,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().attestation).toBeNull();

    const shown = (await (await as(chair)).request('GET', `/api/v1/minutes/${minutes.id}`)).json();
    expect(shown.moved).toEqual([expect.objectContaining({ requestId: moved, status: 'information-requested' })]);
    expect((await approve(chair, minutes)).statusCode).toBe(200);
    expect((await approve(m2, minutes)).statusCode).toBe(200);
    const refused = await approve(m3, minutes);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().code).toBe('minutes.requests-moved');
    expect(refused.json().errors).toEqual([expect.objectContaining({ pointer: `/decisions/${moved}`, code: 'request.moved' })]);
    // Nothing applied: the minutes are a draft, the meeting open, the other request still under study, no decision sent.
    const after = (await (await as(chair)).request('GET', `/api/v1/minutes/${minutes.id}`)).json();
    expect(after.status).toBe('draft');
    expect(after.approvals.map((a: { userId: string }) => a.userId).sort()).toEqual([chair.id, m2.id].sort());
    expect((await reception.request('GET', `/api/v1/requests/${kept}`)).json().status).toBe('under-study');
    expect((await (await as(chair)).request('GET', `/api/v1/meetings/${meetingId}`)).json().status).toBe('held');
    expect(await decisionMessages([kept, moved])).toEqual([]);

    // The chair generates the minutes again: the moved request is deferred; approvals start over.
    const again = await (await as(chair)).request('POST', `/api/v1/meetings/${meetingId}/minutes`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().deferred.map((d: { requestId: string }) => d.requestId)).toEqual([moved]);
    expect(again.json().moved).toEqual([]);
    for (const member of [chair, m2, m3]) expect((await approve(member, again.json())).statusCode).toBe(200);
    expect((await (await as(chair)).request('GET', `/api/v1/minutes/${minutes.id}`)).json().status).toBe('frozen');
    expect((await reception.request('GET', `/api/v1/requests/${kept}`)).json().status).toBe('decided'); // told once its message is sent (issue 20 §5)
    expect((await reception.request('GET', `/api/v1/requests/${moved}`)).json().status).toBe('information-requested');
    expect((await decisionMessages([kept, moved])).map((m) => m.about_id)).toEqual([kept]);
  });

  it('C5: a member present deactivated before approving → 409 approver-inactive naming them; the chair records them and the minutes freeze', async () => {
    const { chair2, d, e } = people;
    const committeeId = await committee('freeze-inactive', [chair2, d, e], chair2, 'freeze-inactive-aid');
    const requestId = await completeRequest('freeze-inactive-aid');
    const { minutes } = await decidedMeeting(committeeId, chair2, [chair2, d, e], [requestId]);
    const off = await (await as(administrator)).request('POST', `/api/v1/staff/users/${e.id}/deactivate`, {});
    expect(off.statusCode, off.body).toBe(200);

    expect((await approve(chair2, minutes)).statusCode).toBe(200);
    const seen = (await (await as(chair2)).request('GET', `/api/v1/minutes/${minutes.id}`)).json();
    expect(seen.pending).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: e.id, isActive: false }),
        expect.objectContaining({ userId: d.id, isActive: true }),
      ]),
    );
    expect(seen.can.excuse).toBe(true);
    const blocked = await approve(d, minutes);
    expect(blocked.statusCode, blocked.body).toBe(409);
    expect(blocked.json().code).toBe('minutes.approver-inactive');
    const eName = (await t.ctx.db.selectFrom('staff_users').select('display_name').where('id', '=', e.id).executeTakeFirstOrThrow())
      .display_name;
    expect(blocked.json().errors).toEqual([
      expect.objectContaining({ pointer: `/pending/${e.id}`, code: 'minutes.member-inactive', detail: eName }),
    ]);
    expect((await (await as(chair2)).request('GET', `/api/v1/minutes/${minutes.id}`)).json().status).toBe('draft');
    expect((await (await as(receptionist)).request('GET', `/api/v1/requests/${requestId}`)).json().status).toBe('under-study');

    // Only the chair records it, and only for a member who really cannot approve.
    expect((await (await as(d)).request('POST', `/api/v1/minutes/${minutes.id}/excusals`, { memberId: e.id })).statusCode).toBe(403);
    const active = await (await as(chair2)).request('POST', `/api/v1/minutes/${minutes.id}/excusals`, { memberId: d.id });
    expect(active.statusCode).toBe(422);
    expect(active.json().errors[0].code).toBe('minutes.member-active');

    const excused = await (await as(chair2)).request('POST', `/api/v1/minutes/${minutes.id}/excusals`, { memberId: e.id });
    expect(excused.statusCode, excused.body).toBe(200);
    expect(excused.json().excused).toEqual([expect.objectContaining({ userId: e.id, excusedBy: chair2.id })]);
    expect(excused.json().pending.map((p: { userId: string }) => p.userId)).toEqual([d.id]);
    expect(excused.json().status).toBe('draft');
    const last = await approve(d, minutes);
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json().status).toBe('frozen');
    expect((await (await as(receptionist)).request('GET', `/api/v1/requests/${requestId}`)).json().status).toBe('decided'); // told once its message is sent (issue 20 §5)
    const audit = await t.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', minutes.id).execute();
    expect(audit.map((a) => a.action)).toContain('minutes.excuse');
  });

  /*
   * Why an administrator does not record the excusal themselves (issue 5 §7, C5): minutes carry the
   * families' names and the committee's decisions, which administrators never see (they manage
   * committees, not their agendas, votes or minutes), and approving minutes is the committee's own
   * act. When the chair is the one deactivated, the administrator names a new chair in the
   * committee's settings (audited) and that chair records the former one as unable to approve.
   */
  it('C5: the chair deactivated → the administrator cannot record the excusal (403) but names a new chair, who records it; the minutes freeze', async () => {
    const { chair3, f, g } = people;
    const committeeId = await committee('freeze-chair-gone', [chair3, f, g], chair3, 'freeze-chair-gone-aid');
    const requestId = await completeRequest('freeze-chair-gone-aid');
    const { minutes } = await decidedMeeting(committeeId, chair3, [chair3, f, g], [requestId]);
    const admin = await as(administrator);
    expect((await admin.request('POST', `/api/v1/staff/users/${chair3.id}/deactivate`, {})).statusCode).toBe(200);

    expect((await approve(f, minutes)).statusCode).toBe(200);
    const blocked = await approve(g, minutes);
    expect(blocked.statusCode, blocked.body).toBe(409);
    expect(blocked.json().code).toBe('minutes.approver-inactive');
    expect(blocked.json().errors).toEqual([expect.objectContaining({ pointer: `/pending/${chair3.id}` })]);
    // Nobody holds the chair who can act: members cannot, the administrator has no minutes.
    expect((await (await as(f)).request('POST', `/api/v1/minutes/${minutes.id}/excusals`, { memberId: chair3.id })).statusCode).toBe(403);
    const byAdmin = await admin.request('POST', `/api/v1/minutes/${minutes.id}/excusals`, { memberId: chair3.id });
    expect(byAdmin.statusCode).toBe(403);
    expect((await admin.request('GET', `/api/v1/minutes/${minutes.id}`)).statusCode).toBe(403);

    const renamed = await admin.request('PATCH', `/api/v1/committees/${committeeId}`, { chairId: f.id });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().chairId).toBe(f.id);
    const seen = (await (await as(f)).request('GET', `/api/v1/minutes/${minutes.id}`)).json();
    expect(seen.can.excuse).toBe(true);
    const excused = await (await as(f)).request('POST', `/api/v1/minutes/${minutes.id}/excusals`, { memberId: chair3.id });
    expect(excused.statusCode, excused.body).toBe(200);
    expect(excused.json().excused).toEqual([expect.objectContaining({ userId: chair3.id, excusedBy: f.id })]);
    // The refused approval was not kept (nothing applied on a 409): the last member approves again and they freeze.
    expect(excused.json().pending.map((p: { userId: string }) => p.userId)).toEqual([g.id]);
    const last = await approve(g, minutes);
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json().status).toBe('frozen');
    expect((await (await as(receptionist)).request('GET', `/api/v1/requests/${requestId}`)).json().status).toBe('decided'); // told once its message is sent (issue 20 §5)
    // The printed minutes say the former chair could not approve, and who recorded it.
    const printed = await (await as(g)).request('GET', `/api/v1/minutes/${minutes.id}/print`);
    expect(printed.statusCode).toBe(200);
    const fName = (await t.ctx.db.selectFrom('staff_users').select('display_name').where('id', '=', f.id).executeTakeFirstOrThrow())
      .display_name;
    expect(printed.body).toMatch(
      new RegExp(
        `<tr class="excused"><td><bdi dir="auto">[^<]+</bdi></td><td>تعذّر عليه الاعتماد[^<]*سجّل ذلك <bdi dir="auto">${fName}</bdi>`,
      ),
    );
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('entity_id', 'in', [minutes.id, committeeId])
      .execute();
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'minutes.excuse', actor_id: f.id })]));
  });
});
