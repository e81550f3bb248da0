import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchTerms } from '../../src/domain/arabic-text.js';
import { familyBody, newNationalId } from './factories.js';
import { type Agent, buildStaff, createTestApp, ENGINE, signIn, type TestApp } from './harness.js';

let t: TestApp;
let reception: Agent; // Dammam office only
let khobarReception: Agent;
let admin: Agent;
let management: Agent;
let volunteer: Agent;
let otherVolunteer: Agent;
let committee: Agent;
let hr: Agent;

beforeAll(async () => {
  t = await createTestApp();
  const dammam = { categories: [], domains: [], offices: ['dammam'] };
  reception = await signIn(t, await buildStaff(t, { roles: ['reception'], scope: dammam }));
  khobarReception = await signIn(
    t,
    await buildStaff(t, { roles: ['reception'], scope: { categories: [], domains: [], offices: ['khobar'] } }),
  );
  admin = await signIn(t, await buildStaff(t, { roles: ['administrator'] }));
  management = await signIn(t, await buildStaff(t, { roles: ['management'] }));
  volunteer = await signIn(t, await buildStaff(t, { roles: ['volunteer'] }));
  otherVolunteer = await signIn(t, await buildStaff(t, { roles: ['volunteer'] }));
  committee = await signIn(t, await buildStaff(t, { roles: ['committee-member'] }));
  hr = await signIn(t, await buildStaff(t, { roles: ['hr'] }));
});
afterAll(async () => {
  await t.close();
});

async function register(agent: Agent, extra: Record<string, unknown> = {}) {
  const response = await agent.request('POST', '/api/v1/families', familyBody(extra));
  if (response.statusCode !== 201) throw new Error(`register failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

describe(`registering families (A1–A6, C5) [${ENGINE}]`, () => {
  it('registers a family from any channel with members, a reference and the consent recorded', async () => {
    const head = newNationalId();
    const member = newNationalId({ kind: 'resident' });
    const created = await reception.request(
      'POST',
      '/api/v1/families',
      familyBody({
        nationalId: head
          .split('')
          .map((d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)])
          .join(''), // Arabic-Indic digits
        mobile: '+966 55 123 0001',
        originChannel: 'fax',
        domains: ['training', 'marketing'],
        members: [
          { name: 'سارة', relation: 'daughter', nationalId: member, birthDate: { calendar: 'hijri', date: '1430-09-01' } },
          { name: 'عبدالله', relation: 'son', birthDate: { calendar: 'gregorian', date: '2015-05-20' } },
        ],
      }),
    );
    expect(created.statusCode).toBe(201);
    const family = created.json();
    expect(family).toMatchObject({
      reference: expect.stringMatching(/^FAM-2026-\d{6}$/),
      nationalId: head,
      isNationalIdMasked: false,
      mobile: '+966551230001',
      originChannel: 'fax',
      domains: ['marketing', 'training'],
      privacyNoticeVersion: '2026-1',
      canEdit: true,
    });
    expect(family.members[0]).toMatchObject({ name: 'سارة', nationalId: member, birthDate: '2009-08-22', birthDateCalendar: 'hijri' });
    expect(family.members[1]).toMatchObject({ nationalId: null, birthDate: '2015-05-20' });
  });

  it('refuses invalid ID numbers and phones field by field, storing nothing', async () => {
    const before = await t.ctx.db.selectFrom('families').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const response = await reception.request(
      'POST',
      '/api/v1/families',
      familyBody({ nationalId: '1234567890', mobile: '0521234567', members: [{ name: 'ابن', relation: 'son', nationalId: '3234567893' }] }),
    );
    expect(response.statusCode).toBe(400);
    const codes = Object.fromEntries(response.json().errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]));
    expect(codes).toMatchObject({
      '/nationalId': 'nationalId.checksum',
      '/mobile': 'phone.invalid',
      '/members/0/nationalId': 'nationalId.prefix',
    });
    const after = await t.ctx.db.selectFrom('families').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses unknown codes, missing consent, an impossible Hijri date and a future birth date', async () => {
    const response = await reception.request(
      'POST',
      '/api/v1/families',
      familyBody({ office: 'riyadh', consent: { isGiven: false, privacyNoticeVersion: '1' } }),
    );
    expect(response.json().errors).toContainEqual(expect.objectContaining({ pointer: '/consent/isGiven', code: 'consent.required' }));
    const unknownOffice = await reception.request('POST', '/api/v1/families', familyBody({ office: 'riyadh' }));
    expect(unknownOffice.json().errors).toEqual([expect.objectContaining({ pointer: '/office', code: 'settings.unknown-code' })]);
    const badDate = await reception.request(
      'POST',
      '/api/v1/families',
      familyBody({ members: [{ name: 'ابن', relation: 'son', birthDate: { calendar: 'hijri', date: '1440-13-01' } }] }),
    );
    expect(badDate.json().errors[0]).toMatchObject({ pointer: '/members/0/birthDate/date', code: 'field.date-invalid' });
    const future = await reception.request(
      'POST',
      '/api/v1/families',
      familyBody({ members: [{ name: 'ابن', relation: 'son', birthDate: { calendar: 'gregorian', date: '2030-01-01' } }] }),
    );
    expect(future.json().errors[0].code).toBe('birthDate.out-of-range');
  });

  it('keeps script typed into a field as plain text', async () => {
    const family = await register(reception, { headNameAr: '<img src=x onerror=alert(1)> نورة', notes: '<script>alert(1)</script>' });
    const read = (await reception.request('GET', `/api/v1/families/${family.id}`)).json();
    expect(read.headNameAr).toBe('<img src=x onerror=alert(1)> نورة');
    expect(read.notes).toBe('<script>alert(1)</script>');
  });
});

describe(`duplicates (issue 3 §4) [${ENGINE}]`, () => {
  it('refuses the same head ID with a link when the family is in scope', async () => {
    const family = await register(reception);
    const again = await reception.request('POST', '/api/v1/families', familyBody({ nationalId: family.nationalId }));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'family.duplicate', existingFamilyId: family.id, existingReference: family.reference });
  });

  it('refuses an ID used by a member of another household, without revealing it outside scope', async () => {
    const member = newNationalId();
    await register(reception, { members: [{ name: 'خالد', relation: 'son', nationalId: member }] });
    const elsewhere = await khobarReception.request('POST', '/api/v1/families', familyBody({ office: 'khobar', nationalId: member }));
    expect(elsewhere.statusCode).toBe(409);
    const body = elsewhere.json();
    expect(body).toMatchObject({ code: 'family.duplicate-elsewhere', askOffice: 'dammam' });
    expect(body.existingFamilyId).toBeUndefined();
    expect(JSON.stringify(body)).not.toContain(member);
    const audit = await t.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'family.duplicate-refused').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('refuses the same normalised name and mobile, however the name is spelled', async () => {
    await register(reception, { headNameAr: 'أمينة عبدالله', mobile: '0559990001' });
    const again = await reception.request('POST', '/api/v1/families', familyBody({ headNameAr: 'امينه عبداللّه', mobile: '+966559990001' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].pointer).toBe('/mobile');
  });

  it('refuses the same ID twice inside one household', async () => {
    const id = newNationalId();
    const response = await reception.request(
      'POST',
      '/api/v1/families',
      familyBody({ nationalId: id, members: [{ name: 'هند', relation: 'sister', nationalId: id }] }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ pointer: '/members/0/nationalId', code: 'nationalId.repeated' });
  });
});

describe(`scope and masking (F2) [${ENGINE}]`, () => {
  it('answers 404 for another office’s family in get, list, count, search and lookup', async () => {
    const family = await register(reception, { headNameAr: 'مريم الفريدة' });
    expect((await khobarReception.request('GET', `/api/v1/families/${family.id}`)).statusCode).toBe(404);
    expect((await khobarReception.request('PATCH', `/api/v1/families/${family.id}`, { version: 1, city: 'الخبر' })).statusCode).toBe(404);
    const list = (await khobarReception.request('GET', `/api/v1/families?q=${encodeURIComponent('الفريده')}`)).json();
    expect(list.items).toEqual([]);
    expect((await khobarReception.request('GET', `/api/v1/families/count?q=${encodeURIComponent('الفريده')}`)).json().count).toBe(0);
    expect((await khobarReception.request('POST', '/api/v1/families/lookup', { nationalId: family.nationalId })).json().items).toEqual([]);
    expect(
      (await reception.request('POST', '/api/v1/families/lookup', { nationalId: family.nationalId }))
        .json()
        .items.map((f: { id: string }) => f.id),
    ).toEqual([family.id]);
  });

  it('masks ID numbers and mobiles for administrators and management, who cannot edit', async () => {
    const family = await register(reception);
    for (const agent of [admin, management]) {
      const read = (await agent.request('GET', `/api/v1/families/${family.id}`)).json();
      expect(read.isNationalIdMasked).toBe(true);
      expect(read.nationalId).toBe(`••••••${family.nationalId.slice(-4)}`);
      expect(read.mobile).toMatch(/^\+9665•••••\d{3}$/);
      expect(read.canEdit).toBe(false);
      expect((await agent.request('PATCH', `/api/v1/families/${family.id}`, { version: read.version, city: 'الخبر' })).statusCode).toBe(
        403,
      );
    }
  });

  it('shows volunteers only the families they registered', async () => {
    const mine = await register(volunteer, { originChannel: 'volunteer' });
    const others = await register(reception);
    expect((await volunteer.request('GET', `/api/v1/families/${mine.id}`)).json().isNationalIdMasked).toBe(false);
    expect((await volunteer.request('GET', `/api/v1/families/${others.id}`)).statusCode).toBe(404);
    expect((await otherVolunteer.request('GET', `/api/v1/families/${mine.id}`)).statusCode).toBe(404);
    const listed = (await volunteer.request('GET', '/api/v1/families?limit=100')).json().items.map((f: { id: string }) => f.id);
    expect(listed).toEqual([mine.id]);
  });

  it('opens no family to committee members or HR', async () => {
    const family = await register(reception);
    expect((await committee.request('GET', `/api/v1/families/${family.id}`)).statusCode).toBe(403);
    expect((await hr.request('GET', '/api/v1/families')).statusCode).toBe(403);
  });

  it('never stores ID numbers or mobiles in clear', async () => {
    const family = await register(reception, { mobile: '0551112233' });
    const row = await t.ctx.db.selectFrom('families').selectAll().where('id', '=', family.id).executeTakeFirstOrThrow();
    expect(row.national_id).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(family.nationalId);
    expect(JSON.stringify(row)).not.toContain('551112233');
    if (t.engine === 'sqlite') {
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(t.ctx.db);
      const file = readFileSync(path.join(t.dataDir, 'sila.db'));
      expect(file.includes(Buffer.from(family.nationalId))).toBe(false);
      expect(file.includes(Buffer.from('551112233'))).toBe(false);
    } else {
      // Every text column of every table, as a dump would show them.
      const tables = await sql<{
        table_name: string;
      }>`select table_name from information_schema.tables where table_schema = current_schema()`.execute(t.ctx.db);
      for (const { table_name } of tables.rows) {
        const rows = await sql`select * from ${sql.table(table_name)}`.execute(t.ctx.db);
        expect(JSON.stringify(rows.rows)).not.toContain(family.nationalId);
      }
    }
  });
});

describe(`search and lists (issue 3 §5) [${ENGINE}]`, () => {
  it('finds a name however it is spelled: hamza, ta marbuta, alef maqsura, tashkeel, tatweel', async () => {
    const family = await register(reception, { headNameAr: 'آمنة مصطفى الأحمدي' });
    for (const q of ['امنه', 'آمنة', 'مصطفي', 'الاحمدي', 'أمـنـة مُصطفى', 'امن مص']) {
      const items = (await reception.request('GET', `/api/v1/families?q=${encodeURIComponent(q)}`)).json().items;
      expect(
        items.map((f: { id: string }) => f.id),
        q,
      ).toContain(family.id);
    }
    expect(
      (await reception.request('GET', `/api/v1/families?q=${encodeURIComponent('زينب')}`)).json().items.map((f: { id: string }) => f.id),
    ).not.toContain(family.id);
  });

  it('filters by category, domain, office and channel, and finds by reference', async () => {
    const family = await register(reception, { category: 'trainee', domains: ['licensing'], originChannel: 'website' });
    const query = '/api/v1/families?category=trainee&domain=licensing&originChannel=website&office=dammam';
    expect((await reception.request('GET', query)).json().items.map((f: { id: string }) => f.id)).toContain(family.id);
    expect(
      (await reception.request('GET', '/api/v1/families?domain=equipment')).json().items.map((f: { id: string }) => f.id),
    ).not.toContain(family.id);
    expect(
      (await reception.request('GET', `/api/v1/families?q=${family.reference}`)).json().items.map((f: { id: string }) => f.id),
    ).toEqual([family.id]);
  });

  it('pages with a cursor, sorted, without repeats or gaps', async () => {
    for (let i = 0; i < 7; i++) await register(reception, { headNameAr: `عائلة الصفحات ${i}`, category: 'craftsperson' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/families?category=craftsperson&sort=name&order=asc&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await reception.request('GET', url)).json();
      seen.push(...page.items.map((f: { headNameAr: string }) => f.headNameAr));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `عائلة الصفحات ${i}`));
  });

  it('refuses ID numbers in the query string and looks them up by POST', async () => {
    const family = await register(reception);
    const inUrl = await reception.request('GET', `/api/v1/families?q=${family.nationalId}`);
    expect(inUrl.statusCode).toBe(400);
    expect(inUrl.json().errors[0].code).toBe('search.use-lookup');
    const byMobile = await reception.request('POST', '/api/v1/families/lookup', { mobile: family.mobile });
    expect(byMobile.json().items.map((f: { id: string }) => f.id)).toEqual([family.id]);
  });
});

describe(`changes and audit (issue 3 §3) [${ENGINE}]`, () => {
  it('changes the agreed channel only with a consent note, and records it', async () => {
    const family = await register(reception);
    const refused = await reception.request('PATCH', `/api/v1/families/${family.id}`, {
      version: family.version,
      agreedChannel: 'whatsapp',
    });
    expect(refused.json().errors[0]).toMatchObject({ pointer: '/channelConsentNote', code: 'channel.consent-required' });
    const changed = await reception.request('PATCH', `/api/v1/families/${family.id}`, {
      version: family.version,
      agreedChannel: 'whatsapp',
      channelConsentNote: 'طلبت الأسرة ذلك هاتفيًا',
    });
    expect(changed.json()).toMatchObject({ agreedChannel: 'whatsapp', version: 2 });
    const history = await t.ctx.db.selectFrom('family_channel_changes').selectAll().where('family_id', '=', family.id).execute();
    expect(history).toMatchObject([{ from_channel: 'sms', to_channel: 'whatsapp' }]);
  });

  it('refuses a stale version', async () => {
    const family = await register(reception);
    await reception.request('PATCH', `/api/v1/families/${family.id}`, { version: 1, city: 'القطيف' });
    const stale = await reception.request('PATCH', `/api/v1/families/${family.id}`, { version: 1, city: 'الجبيل' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('family.version-conflict');
  });

  it('audits every view and change with field names only, and lists with the ids returned', async () => {
    const family = await register(reception, { headNameAr: 'رقية المراجعة' });
    await reception.request('GET', `/api/v1/families/${family.id}`);
    await reception.request('PATCH', `/api/v1/families/${family.id}`, { version: 1, mobile: '0551234999' });
    await reception.request('GET', `/api/v1/families?q=${encodeURIComponent('رقيه')}`);
    await reception.request('GET', `/api/v1/families/count?q=${encodeURIComponent('رقية  المراجعة')}`);
    await reception.request('POST', '/api/v1/families/lookup', { nationalId: family.nationalId });
    const rows = await t.ctx.db.selectFrom('audit_events').selectAll().where('entity', '=', 'family').orderBy('seq').execute();
    const mine = rows.filter((r) => r.entity_id === family.id);
    expect(mine.map((r) => r.action)).toEqual(['family.create', 'family.view', 'family.update']);
    expect(JSON.parse(mine[2]?.fields ?? '[]')).toEqual(['mobile']);
    const list = rows.filter((r) => r.action === 'family.list').at(-1);
    // F2 (issue 25 §5): the typed search is kept as keyed hashes of its normalised terms, never as typed.
    const qTerms = searchTerms('رقيه').map((term) => t.ctx.keys.indexer.index(term));
    expect(JSON.parse(list?.details ?? '{}')).toEqual({
      query: { qTerms, sort: expect.any(String), order: expect.any(String), limit: expect.any(Number) },
      ids: [family.id],
    });
    const count = rows.filter((r) => r.action === 'family.count').at(-1);
    const countTerms = searchTerms('رقية  المراجعة').map((term) => t.ctx.keys.indexer.index(term));
    expect(countTerms).toHaveLength(2);
    expect(JSON.parse(count?.details ?? '{}').query).toEqual({ qTerms: countTerms });
    const lookup = rows.filter((r) => r.action === 'family.lookup').at(-1);
    expect(JSON.parse(lookup?.details ?? '{}').query.nationalId).toMatch(/^[^:]+:[0-9a-f]{64}$/);
    const everything = JSON.stringify(rows);
    expect(everything).not.toContain(family.nationalId);
    expect(everything).not.toContain('551234999');
    expect(everything).not.toContain('رقي');
  });

  it('shows an administrator who opened the family’s file', async () => {
    const family = await register(reception);
    await reception.request('GET', `/api/v1/families/${family.id}`);
    await management.request('GET', `/api/v1/families/${family.id}`);
    const log = await admin.request('GET', `/api/v1/families/${family.id}/access-log`);
    expect(log.statusCode).toBe(200);
    expect(log.json().map((e: { action: string }) => e.action)).toEqual(['family.view', 'family.view', 'family.create']);
    expect(log.json()[0].actorName).toMatch(/^Test /);
    expect((await reception.request('GET', `/api/v1/families/${family.id}/access-log`)).statusCode).toBe(403);
  });
});
