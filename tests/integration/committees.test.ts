import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_COMMITTEES } from '../../src/contracts/committees.js';
import { committeeForPurpose, committeeMembers, committeesOf, isOnAgendaOf } from '../../src/modules/committees/index.js';
import { Encryptor, generateKey, parseKeyList } from '../../src/platform/crypto/keyring.js';
import { type Agent, buildStaff, createTestApp, ENGINE, type StaffFixture, sessionFor, type TestApp } from './harness.js';
import { rotateAllKeys } from './keys-support.js';

/**
 * Issue 5 §7 (C5): committees (administrator), meetings only their members see, minutes approved by
 * each member present and frozen after the last approval, edits refused, corrections as linked
 * amendments. The voting path on real requests is in committees-decisions.test.ts.
 */
let t: TestApp;
let admin: Agent;
let management: Agent;
let chair: StaffFixture;
let second: StaffFixture;
let third: StaffFixture;
let outsider: StaffFixture;
const as = async (staff: StaffFixture) => sessionFor(t, staff);

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-03-10T06:00:00.000Z');
  admin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'] }));
  management = await sessionFor(t, await buildStaff(t, { roles: ['management'] }));
  chair = await buildStaff(t, { roles: ['committee-member'] });
  second = await buildStaff(t, { roles: ['committee-member'] });
  third = await buildStaff(t, { roles: ['follow-up-committee'] });
  outsider = await buildStaff(t, { roles: ['committee-member'] });
});
afterAll(async () => {
  await t.close();
});

async function createCommittee(extra: Record<string, unknown> = {}) {
  const response = await admin.request('POST', '/api/v1/committees', {
    code: `c-${Math.random().toString(36).slice(2, 8)}`,
    nameAr: 'لجنة دراسة طلبات التدريب',
    nameEn: 'Training requests committee',
    purpose: 'requests',
    quorum: 2,
    memberIds: [chair.id, second.id, third.id],
    chairId: chair.id,
    ...extra,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function heldMeeting(committeeId: string, present = [chair.id, second.id]) {
  const created = await (await as(chair)).request('POST', `/api/v1/committees/${committeeId}/meetings`, { day: '2026-03-10' });
  expect(created.statusCode, created.body).toBe(201);
  const held = await (await as(chair)).request('PATCH', `/api/v1/meetings/${created.json().id}`, {
    status: 'held',
    presentMemberIds: present,
  });
  expect(held.statusCode, held.body).toBe(200);
  return held.json();
}

describe(`committees [${ENGINE}]`, () => {
  it('seeds Harif’s requests committee and follow-up committee, waiting for members', async () => {
    const list = await admin.request('GET', '/api/v1/committees');
    expect(list.statusCode).toBe(200);
    const seeded = list.json().items.filter((c: { id: string }) => Object.values(SEEDED_COMMITTEES).includes(c.id as never));
    expect((await committeeForPurpose(t.ctx, 'follow-up'))?.id).toBe(SEEDED_COMMITTEES.followUp);
    expect(seeded.map((c: { purpose: string; nameAr: string; chairId: null }) => [c.purpose, c.nameAr, c.chairId]).sort()).toEqual([
      ['follow-up', 'لجنة المتابعة', null],
      ['requests', 'لجنة دراسة الطلبات', null],
    ]);
  });

  it('an administrator creates a committee with members, a chair and a quorum; audited', async () => {
    const committee = await createCommittee();
    expect(committee).toMatchObject({ purpose: 'requests', quorum: 2, chairId: chair.id, isActive: true });
    expect(committee.members.map((m: { userId: string; isChair: boolean }) => [m.userId, m.isChair]).sort()).toEqual(
      [
        [chair.id, true],
        [second.id, false],
        [third.id, false],
      ].sort(),
    );
    const audit = await t.ctx.db.selectFrom('audit_events').selectAll().where('entity_id', '=', committee.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['committee.create']);
    expect(await committeesOf(t.ctx, second.id)).toContain(committee.id);
    expect((await committeeMembers(t.ctx, committee.id)).find((m) => m.isChair)?.userId).toBe(chair.id);
  });

  it('refuses members without a committee role, a chair outside the members, a quorum above them, a code in use', async () => {
    const reception = await buildStaff(t, { roles: ['reception'] });
    const bad = await admin.request('POST', '/api/v1/committees', {
      code: 'bad-committee',
      nameAr: 'لجنة',
      nameEn: 'Committee',
      purpose: 'requests',
      quorum: 4,
      memberIds: [chair.id, reception.id],
      chairId: second.id,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().code).toBe('committee.invalid');
    expect(bad.json().errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([
      ['/memberIds/1', 'committee.member-role'],
      ['/chairId', 'committee.chair-not-member'],
      ['/quorum', 'committee.quorum-above-members'],
    ]);
    const committee = await createCommittee();
    const taken = await admin.request('POST', '/api/v1/committees', {
      code: committee.code,
      nameAr: 'لجنة أخرى',
      nameEn: 'Another',
      purpose: 'follow-up',
      quorum: 1,
      memberIds: [chair.id],
      chairId: chair.id,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('committee.code-taken');
    const unknownKey = await admin.request('PATCH', `/api/v1/committees/${committee.id}`, { colour: 'red' });
    expect(unknownKey.statusCode).toBe(400);
  });

  it('an administrator edits a committee; removing the chair from the members leaves it without one', async () => {
    const committee = await createCommittee();
    const edited = await admin.request('PATCH', `/api/v1/committees/${committee.id}`, { memberIds: [second.id, third.id], quorum: 2 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ chairId: null, quorum: 2 });
    const named = await admin.request('PATCH', `/api/v1/committees/${committee.id}`, { chairId: third.id, nameAr: 'لجنة التدريب' });
    expect(named.json()).toMatchObject({ chairId: third.id, nameAr: 'لجنة التدريب' });
  });

  it('C5: naming only a new chair refuses a member deactivated or without a committee role since (422 committee.chair-inactive), the chair unchanged', async () => {
    const leaving = await buildStaff(t, { roles: ['committee-member'] });
    const roleless = await buildStaff(t, { roles: ['committee-member'] });
    const committee = await createCommittee({ memberIds: [chair.id, second.id, leaving.id, roleless.id] });
    await t.ctx.db.updateTable('staff_users').set({ is_active: 0 }).where('id', '=', leaving.id).execute();
    await t.ctx.db.deleteFrom('staff_roles').where('user_id', '=', roleless.id).execute();

    for (const candidate of [leaving, roleless]) {
      const refused = await admin.request('PATCH', `/api/v1/committees/${committee.id}`, { chairId: candidate.id });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().code).toBe('committee.invalid');
      expect(refused.json().errors).toEqual([expect.objectContaining({ pointer: '/chairId', code: 'committee.chair-inactive' })]);
    }
    expect((await admin.request('GET', `/api/v1/committees/${committee.id}`)).json().chairId).toBe(chair.id);

    // An active member is named; a rename leaves the (unchanged) chair alone even with inactive members.
    const named = await admin.request('PATCH', `/api/v1/committees/${committee.id}`, { chairId: second.id });
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json().chairId).toBe(second.id);
    const renamed = await admin.request('PATCH', `/api/v1/committees/${committee.id}`, { chairId: second.id, nameAr: 'لجنة الطلبات' });
    expect(renamed.statusCode, renamed.body).toBe(200);
  });

  it('members see only their own committees; management sees all; a non-member gets 404', async () => {
    const committee = await createCommittee();
    const mine = await (await as(second)).request('GET', '/api/v1/committees');
    expect(mine.json().items.map((c: { id: string }) => c.id)).toContain(committee.id);
    const theirs = await (await as(outsider)).request('GET', '/api/v1/committees');
    expect(theirs.json().items.map((c: { id: string }) => c.id)).not.toContain(committee.id);
    expect((await (await as(outsider)).request('GET', `/api/v1/committees/${committee.id}`)).statusCode).toBe(404);
    expect((await management.request('GET', `/api/v1/committees/${committee.id}`)).statusCode).toBe(200);
  });
});

describe(`meetings [${ENGINE}]`, () => {
  it('only members see a meeting: another committee’s member gets 404, an administrator cannot open it', async () => {
    const committee = await createCommittee();
    const meeting = await heldMeeting(committee.id);
    const seen = await (await as(third)).request('GET', `/api/v1/meetings/${meeting.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ status: 'held', day: '2026-03-10', dayHijri: '1447-09-21', quorum: 2 });
    const notFound = await (await as(outsider)).request('GET', `/api/v1/meetings/${meeting.id}`);
    expect(notFound.statusCode).toBe(404);
    expect(notFound.json().code).toBe('meeting.not-found');
    expect(
      (
        await (
          await as(outsider)
        ).request('POST', `/api/v1/meetings/${meeting.id}/votes`, {
          requestId: '01936b2e-0000-7000-8000-000000000000',
          choice: 'approve',
        })
      ).statusCode,
    ).toBe(404);
    // An administrator schedules (lists, changes the day) but never sees an agenda.
    expect((await admin.request('GET', `/api/v1/meetings/${meeting.id}`)).statusCode).toBe(403);
    expect(
      (await admin.request('GET', `/api/v1/committees/${committee.id}/meetings`)).json().items.map((m: { id: string }) => m.id),
    ).toContain(meeting.id);
  });

  it('the chair (or an administrator) schedules; other members may not; an administrator only moves the day', async () => {
    const committee = await createCommittee();
    const refused = await (await as(second)).request('POST', `/api/v1/committees/${committee.id}/meetings`, { day: '2026-03-12' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('meeting.chair-only');
    const planned = await admin.request('POST', `/api/v1/committees/${committee.id}/meetings`, { day: '2026-03-12' });
    expect(planned.statusCode).toBe(201);
    expect(planned.json()).toMatchObject({ status: 'planned', dayHijri: '1447-09-23' });
    const moved = await admin.request('PATCH', `/api/v1/meetings/${planned.json().id}`, { day: '2026-03-15' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ day: '2026-03-15', agenda: [] });
    const notHers = await admin.request('PATCH', `/api/v1/meetings/${planned.json().id}`, { status: 'held' });
    expect(notHers.statusCode).toBe(403);
    const early = await (await as(chair)).request('PATCH', `/api/v1/meetings/${planned.json().id}`, { status: 'held' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('meeting.not-yet');
    const badDay = await admin.request('POST', `/api/v1/committees/${committee.id}/meetings`, { day: '2026-02-30' });
    expect(badDay.statusCode).toBe(400);
  });

  it('only the committee’s members are recorded present', async () => {
    const committee = await createCommittee();
    const meeting = await heldMeeting(committee.id);
    const response = await (await as(chair)).request('PATCH', `/api/v1/meetings/${meeting.id}`, {
      presentMemberIds: [chair.id, outsider.id],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([expect.objectContaining({ pointer: '/presentMemberIds/1', code: 'meeting.not-a-member' })]);
  });

  it('votes need a held meeting and a request on its agenda', async () => {
    const committee = await createCommittee();
    const meeting = await heldMeeting(committee.id);
    const response = await (await as(second)).request('POST', `/api/v1/meetings/${meeting.id}/votes`, {
      requestId: '01936b2e-0000-7000-8000-000000000000',
      choice: 'approve',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('meeting.not-on-agenda');
    const absent = await (await as(third)).request('POST', `/api/v1/meetings/${meeting.id}/votes`, {
      requestId: '01936b2e-0000-7000-8000-000000000000',
      choice: 'approve',
    });
    expect(absent.statusCode).toBe(403);
    expect(absent.json().code).toBe('meeting.not-present');
  });
});

describe(`minutes [${ENGINE}]`, () => {
  it('C5: generated by the chair, approved by each member present, frozen after the last approval, then never edited', async () => {
    const committee = await createCommittee();
    const meeting = await heldMeeting(committee.id);
    expect((await (await as(second)).request('POST', `/api/v1/meetings/${meeting.id}/minutes`)).statusCode).toBe(403);
    const generated = await (await as(chair)).request('POST', `/api/v1/meetings/${meeting.id}/minutes`);
    expect(generated.statusCode, generated.body).toBe(201);
    const minutes = generated.json();
    expect(minutes).toMatchObject({ status: 'draft', amendsId: null, frozenAt: null, approvals: [] });
    expect(minutes.text.split('\n')[0]).toBe('محضر اجتماع لجنة دراسة طلبات التدريب');
    expect(minutes.text).toContain('جمعية حارف للأسر المنتجة بالمنطقة الشرقية');
    expect(minutes.text).toContain('21 رمضان 1447 هـ الموافق 10 مارس 2026 م');
    expect(minutes.text).toContain(`(رئيس اللجنة)`);
    expect(minutes.sha256).toBe(createHash('sha256').update(minutes.text, 'utf8').digest('hex'));
    expect(minutes.pending.map((p: { userId: string }) => p.userId).sort()).toEqual([chair.id, second.id].sort());

    // The chair adds remarks: the text changes, so an approval of the old text is refused.
    const noted = await (await as(chair)).request('PATCH', `/api/v1/minutes/${minutes.id}`, { notes: 'عُقد الاجتماع في مقر الجمعية.' });
    expect(noted.statusCode, noted.body).toBe(200);
    expect(noted.json().text).toContain('ملاحظات: عُقد الاجتماع في مقر الجمعية.');
    const stale = await (await as(second)).request('POST', `/api/v1/minutes/${minutes.id}/approvals`, { sha256: minutes.sha256 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('minutes.changed');

    // A member who was not present does not approve.
    const absent = await (await as(third)).request('POST', `/api/v1/minutes/${minutes.id}/approvals`, { sha256: noted.json().sha256 });
    expect(absent.statusCode).toBe(403);
    expect(absent.json().code).toBe('minutes.not-present');

    const first = await (await as(second)).request('POST', `/api/v1/minutes/${minutes.id}/approvals`, { sha256: noted.json().sha256 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'draft', pending: [{ userId: chair.id }] });
    t.clock.advance(60_000);
    const last = await (await as(chair)).request('POST', `/api/v1/minutes/${minutes.id}/approvals`, { sha256: noted.json().sha256 });
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json()).toMatchObject({
      status: 'frozen',
      frozenAt: t.clock.now().toISOString(),
      pending: [],
      sha256: noted.json().sha256,
    });
    expect(last.json().approvals).toHaveLength(2);

    // Frozen: every edit is refused with 409 minutes.frozen, and the meeting is closed.
    for (const [method, url, body] of [
      ['PATCH', `/api/v1/minutes/${minutes.id}`, { notes: 'تعديل' }],
      ['POST', `/api/v1/minutes/${minutes.id}/approvals`, { sha256: noted.json().sha256 }],
      ['POST', `/api/v1/meetings/${meeting.id}/minutes`, undefined],
      ['PATCH', `/api/v1/meetings/${meeting.id}`, { presentMemberIds: [chair.id] }],
      ['POST', `/api/v1/meetings/${meeting.id}/votes`, { requestId: '01936b2e-0000-7000-8000-000000000000', choice: 'approve' }],
    ] as const) {
      const response = await (await as(chair)).request(method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(409);
      expect(response.json().code, `${method} ${url}`).toBe('minutes.frozen');
    }
    const stored = await t.ctx.db.selectFrom('minutes').selectAll().where('id', '=', minutes.id).executeTakeFirstOrThrow();
    expect(stored.sha256).toBe(noted.json().sha256);
    expect(stored.text).not.toContain('محضر'); // encrypted at rest
    const closed = await (await as(chair)).request('GET', `/api/v1/meetings/${meeting.id}`);
    expect(closed.json()).toMatchObject({ status: 'closed', can: { manage: false, vote: false } });
    const actions = await t.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', minutes.id).orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual([
      'minutes.generate',
      'minutes.edit',
      'minutes.approve',
      'minutes.approve',
      'minutes.freeze',
    ]);
  });

  it('C5: a correction is a new minutes record linked to the frozen one, with its own approvals', async () => {
    const committee = await createCommittee();
    const meeting = await heldMeeting(committee.id, [chair.id, second.id]);
    const original = (await (await as(chair)).request('POST', `/api/v1/meetings/${meeting.id}/minutes`)).json();
    const early = await (await as(chair)).request('POST', `/api/v1/minutes/${original.id}/amendments`, { notes: 'تصحيح' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('minutes.not-frozen');
    for (const member of [chair, second])
      await (await as(member)).request('POST', `/api/v1/minutes/${original.id}/approvals`, { sha256: original.sha256 });

    const amended = await (await as(chair)).request('POST', `/api/v1/minutes/${original.id}/amendments`, {
      notes: 'تصحيح تاريخ الاجتماع في البند الأول',
    });
    expect(amended.statusCode, amended.body).toBe(201);
    const amendment = amended.json();
    expect(amendment).toMatchObject({ status: 'draft', amendsId: original.id, notes: 'تصحيح تاريخ الاجتماع في البند الأول' });
    expect(amendment.text.split('\n')[0]).toBe('محضر تصحيحي لاجتماع لجنة دراسة طلبات التدريب');
    expect(amendment.text).toContain(`ذي البصمة ${original.sha256.slice(0, 16)}`);
    const again = await (await as(chair)).request('POST', `/api/v1/minutes/${original.id}/amendments`, { notes: 'تصحيح آخر' });
    expect(again.json().code).toBe('minutes.amendment-open');
    const empty = await (await as(chair)).request('POST', `/api/v1/minutes/${original.id}/amendments`, { notes: '  ' });
    expect(empty.statusCode).toBe(400);

    const originalNow = (await (await as(second)).request('GET', `/api/v1/minutes/${original.id}`)).json();
    expect(originalNow).toMatchObject({ status: 'frozen', sha256: original.sha256, text: original.text, amendedBy: [amendment.id] });

    for (const member of [second, chair])
      await (await as(member)).request('POST', `/api/v1/minutes/${amendment.id}/approvals`, { sha256: amendment.sha256 });
    const frozen = (await (await as(second)).request('GET', `/api/v1/minutes/${amendment.id}`)).json();
    expect(frozen).toMatchObject({ status: 'frozen', amendsId: original.id });
    const edit = await (await as(chair)).request('PATCH', `/api/v1/minutes/${amendment.id}`, { notes: 'x' });
    expect(edit.json().code).toBe('minutes.frozen');
  });

  it('prints as Arabic HTML with a print stylesheet; a non-member gets 404', async () => {
    const committee = await createCommittee();
    const meeting = await heldMeeting(committee.id);
    const minutes = (await (await as(chair)).request('POST', `/api/v1/meetings/${meeting.id}/minutes`)).json();
    const page = await (await as(second)).request('GET', `/api/v1/minutes/${minutes.id}/print`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<html lang="ar" dir="rtl">');
    expect(page.body).toContain('@page { size: A4');
    expect(page.body).toContain('مسودة — غير معتمدة');
    expect(page.body).toContain(minutes.sha256);
    expect((await (await as(outsider)).request('GET', `/api/v1/minutes/${minutes.id}/print`)).statusCode).toBe(404);
    expect((await (await as(outsider)).request('GET', `/api/v1/minutes/${minutes.id}`)).statusCode).toBe(404);
    expect(await isOnAgendaOf(t.ctx, second.id, '01936b2e-0000-7000-8000-000000000000')).toBe(false);
  });
});

describe(`committees and key rotation [${ENGINE}]`, () => {
  it('sila keys rotate re-encrypts the minutes under the newest key; they still read the same', async () => {
    const committee = await createCommittee();
    const meeting = await heldMeeting(committee.id);
    const minutes = (await (await as(chair)).request('POST', `/api/v1/meetings/${meeting.id}/minutes`)).json();
    const oldEncryption = t.env.SILA_ENCRYPTION_KEY as string;
    const newEncryption = generateKey();
    t.ctx.keys.encryptor = new Encryptor(parseKeyList(`${newEncryption},${oldEncryption}`, 'enc'));
    const report = await rotateAllKeys(t.ctx);
    expect(report.find((r) => r.table === 'minutes')?.rows).toBeGreaterThan(0);
    const row = await t.ctx.db.selectFrom('minutes').selectAll().where('id', '=', minutes.id).executeTakeFirstOrThrow();
    expect(Encryptor.keyIdOf(row.text)).toBe(newEncryption.split(':')[0]);
    t.ctx.keys.encryptor = new Encryptor(parseKeyList(newEncryption, 'enc'));
    const read = (await (await as(second)).request('GET', `/api/v1/minutes/${minutes.id}`)).json();
    expect(read).toMatchObject({ text: minutes.text, sha256: minutes.sha256 });
  });
});
