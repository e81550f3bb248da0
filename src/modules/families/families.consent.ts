import type { Kysely } from 'kysely';
import type { FamilyConsents } from '../../contracts/families.js';
import type { ConsentPurpose } from '../../contracts/settings.js';
import {
  type ConsentAction,
  type ConsentDecision,
  checkWithdrawal,
  contactPurposeOf,
  currentConsents,
  decideConsent,
  registrationDefaults,
} from '../../domain/consent.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { Database, FamilyTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import type { PersonalTable } from '../../platform/personal-data.js';
import { recordAudit } from '../audit/index.js';
import { currentPrivacyNotice, listConsentPurposes, privacyNoticeExists } from '../settings/index.js';
import { staffNames } from '../staff/index.js';
import { assertFamilyNotErased } from './families.erased.js';
import { familyChanged } from './families.events.js';

/**
 * Consent per purpose (issue 20 §3, F2): each family's history of consents and withdrawals, the one
 * function that records a change (staff on the family page, the family in the portal, the holder of
 * a withdrawal link), the check the outbox asks before sending (`consentAllows`) and the withdrawal
 * link bulk messages carry (`consentWithdrawalPath`). The rules themselves are in domain/consent.ts.
 */
type Db = Kysely<Database>;

/** The consent history's personal data (platform/personal-data.ts): a staff note may say what the family said. */
export const CONSENT_PERSONAL_DATA: readonly PersonalTable[] = [
  {
    table: 'family_consents',
    key: ['id'],
    subject: 'family',
    columns: [
      {
        column: 'note',
        kind: 'plain',
        holds: 'a note of how the family gave or withdrew a consent',
        label: { ar: 'ملاحظة عن إعطاء الموافقة أو سحبها', en: 'How the consent was given or withdrawn' },
        erase: 'null',
      },
    ],
    erasure: { rows: 'update', of: { column: 'family_id' } },
  },
];

export type ConsentRecorder = { kind: 'staff'; id: string } | { kind: 'family'; id: string } | { kind: 'link'; id: null };

interface HistoryRow {
  id: string;
  purpose: string;
  seq: number;
  action: string;
  at: string;
  channel: string;
  notice_version: string;
  recorded_by_kind: string;
  recorded_by: string | null;
  note: string | null;
}

async function historyOf(db: Db, familyId: string): Promise<HistoryRow[]> {
  return db
    .selectFrom('family_consents')
    .select(['id', 'purpose', 'seq', 'action', 'at', 'channel', 'notice_version', 'recorded_by_kind', 'recorded_by', 'note'])
    .where('family_id', '=', familyId)
    .orderBy('at')
    .orderBy('seq')
    .execute();
}

const asEntries = (rows: HistoryRow[]) => rows.map((r) => ({ purpose: r.purpose, action: r.action as ConsentAction, seq: r.seq }));

/** The family's consent per purpose and its history, newest first (the family page and the portal). */
export async function consentsOf(db: Db, family: FamilyTable): Promise<FamilyConsents> {
  const [purposes, rows] = await Promise.all([listConsentPurposes(db), historyOf(db, family.id)]);
  const current = currentConsents(asEntries(rows));
  const lastAt = new Map(rows.map((r) => [r.purpose, r.at]));
  const names = await staffNames(
    db,
    rows.filter((r) => r.recorded_by_kind === 'staff').map((r) => r.recorded_by),
  );
  return {
    agreedChannel: family.agreed_channel as FamilyConsents['agreedChannel'],
    version: family.version,
    purposes: purposes
      .filter((p) => p.isActive || current.has(p.code))
      .map((p) => ({
        purpose: p.code,
        nameAr: p.nameAr,
        nameEn: p.nameEn,
        isRequired: p.isRequired,
        contactChannel: p.contactChannel,
        isActive: p.isActive,
        state: current.get(p.code) ?? 'none',
        at: lastAt.get(p.code) ?? null,
      })),
    history: rows
      .map((r) => ({
        id: r.id,
        purpose: r.purpose,
        action: r.action as ConsentAction,
        at: r.at,
        channel: r.channel,
        noticeVersion: r.notice_version,
        recordedByKind: r.recorded_by_kind as 'staff' | 'family' | 'link',
        recordedByName: r.recorded_by ? (names.get(r.recorded_by) ?? null) : null,
        note: r.note,
      }))
      .reverse(),
  };
}

async function nextSeq(trx: Db, familyId: string, purpose: string): Promise<number> {
  const row = await trx
    .selectFrom('family_consents')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('family_id', '=', familyId)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  return Number(row?.seq ?? 0) + 1;
}

async function insertEntry(
  trx: Db,
  entry: {
    familyId: string;
    purpose: string;
    action: ConsentAction;
    at: Date;
    channel: string;
    noticeVersion: string;
    by: ConsentRecorder;
    note?: string | null | undefined;
  },
): Promise<string> {
  const id = uuidv7(entry.at.getTime());
  await trx
    .insertInto('family_consents')
    .values({
      id,
      family_id: entry.familyId,
      purpose: entry.purpose,
      seq: await nextSeq(trx, entry.familyId, entry.purpose),
      action: entry.action,
      at: entry.at.toISOString(),
      channel: entry.channel,
      notice_version: entry.noticeVersion,
      recorded_by_kind: entry.by.kind,
      recorded_by: entry.by.id,
      note: entry.note ?? null,
    })
    .execute();
  return id;
}

/**
 * Registration's consent (issue 20 §3): the required purposes and contact on the agreed channel,
 * under the notice version read to the family. Runs in the registration's transaction.
 */
export async function recordRegistrationConsents(
  trx: Db,
  input: { familyId: string; agreedChannel: string; channel: string; noticeVersion: string; at: Date; by: ConsentRecorder },
): Promise<void> {
  const purposes = await listConsentPurposes(trx);
  const required = purposes.filter((p) => p.isRequired).map((p) => p.code);
  for (const purpose of registrationDefaults(required, input.agreedChannel))
    await insertEntry(trx, { ...input, purpose, action: 'given', note: null });
}

/** C5: a new agreed channel chosen with the family's consent is consent to be contacted on it. */
export async function recordChannelConsent(
  trx: Db,
  input: { familyId: string; channel: string; newAgreedChannel: string; at: Date; by: ConsentRecorder; noticeVersion: string },
): Promise<void> {
  const contact = contactPurposeOf(input.newAgreedChannel);
  if (!contact) return;
  const current = currentConsents(asEntries(await historyOf(trx, input.familyId)));
  if (current.get(contact) === 'given') return;
  await insertEntry(trx, {
    familyId: input.familyId,
    purpose: contact,
    action: 'given',
    at: input.at,
    channel: input.channel,
    noticeVersion: input.noticeVersion,
    by: input.by,
  });
}

/** 400 `privacyNotice.unknown-version` at `pointer` unless the version exists (issue 20 §4). */
export async function assertRegistrationNotice(db: Db, version: string, pointer: string): Promise<void> {
  if (!(await privacyNoticeExists(db, 'registration', version)))
    throw AppError.badRequest('request.invalid', 'No such privacy-notice version', [
      { pointer, code: 'privacyNotice.unknown-version', detail: 'Send a version of the registration notice that exists' },
    ]);
}

export interface ConsentChange {
  purpose: string;
  action: 'give' | 'withdraw';
  channel: string;
  noticeVersion?: string | undefined;
  note?: string | undefined;
  newAgreedChannel?: string | undefined;
  confirmEndOfService?: boolean | undefined;
}

async function findPurpose(db: Db, code: string): Promise<ConsentPurpose> {
  const purpose = (await listConsentPurposes(db)).find((p) => p.code === code);
  if (!purpose)
    throw AppError.badRequest('request.invalid', 'Unknown consent purpose', [
      { pointer: '/purpose', code: 'consent.unknown-purpose', detail: 'No such consent purpose' },
    ]);
  return purpose;
}

/**
 * Records one consent or withdrawal (issue 20 §3, C5, F2), with its audit row and — when contact on
 * the agreed channel is withdrawn — the new agreed channel, its change record and consent to be
 * contacted on it, all in one transaction. `family` is the row the caller loaded through its scope.
 */
export async function changeConsent(
  ctx: AppContext,
  family: FamilyTable,
  change: ConsentChange,
  by: ConsentRecorder,
  options: { onlyIfLatest?: string } = {},
): Promise<void> {
  // Issue 25 §5 (F2): no consent is recorded or withdrawn for an erased family (staff, portal or link).
  await assertFamilyNotErased(ctx, family.id);
  const purpose = await findPurpose(ctx.db, change.purpose);
  if (change.action === 'give' && !purpose.isActive)
    throw AppError.badRequest('request.invalid', 'This purpose is no longer in use', [
      { pointer: '/purpose', code: 'consent.inactive-purpose', detail: 'Inactive purposes cannot be consented to' },
    ]);
  const noticeVersion = change.noticeVersion ?? (await currentPrivacyNotice(ctx.db, 'registration')).version;
  if (change.noticeVersion !== undefined) await assertRegistrationNotice(ctx.db, change.noticeVersion, '/noticeVersion');
  let changesChannel = false;
  if (change.action === 'withdraw') {
    const check = checkWithdrawal({
      purpose: purpose.code,
      isRequired: purpose.isRequired,
      agreedChannel: family.agreed_channel,
      newAgreedChannel: change.newAgreedChannel,
      confirmEndOfService: change.confirmEndOfService,
    });
    if (!check.ok)
      throw new AppError(check.status, check.code, check.detail, [{ pointer: check.pointer, code: check.code, detail: check.detail }]);
    changesChannel = check.changesChannel;
  } else if (change.newAgreedChannel !== undefined || change.confirmEndOfService !== undefined) {
    throw AppError.badRequest('request.invalid', 'Only a withdrawal may change the channel or end the service', [
      {
        pointer: change.newAgreedChannel !== undefined ? '/newAgreedChannel' : '/confirmEndOfService',
        code: 'field.not-allowed',
        detail: 'Only with a withdrawal',
      },
    ]);
  }
  const now = ctx.clock.now();
  const actor =
    by.kind === 'staff'
      ? { kind: 'staff' as const, id: by.id }
      : by.kind === 'family'
        ? { kind: 'family' as const, id: by.id }
        : { kind: 'anonymous' as const, id: null };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const rows = await historyOf(trx, family.id);
      const latest = rows.filter((r) => r.purpose === purpose.code).at(-1);
      if (options.onlyIfLatest !== undefined && (latest?.id !== options.onlyIfLatest || latest.action !== 'given'))
        throw AppError.conflict('consent.link-used', 'This link was already used or the consent changed since it was sent');
      if (change.action === 'withdraw' && latest?.action !== 'given')
        throw new AppError(409, 'consent.not-given', 'There is no consent to this purpose to withdraw', [
          { pointer: '/purpose', code: 'consent.not-given', detail: 'Not currently given' },
        ]);
      await insertEntry(trx, {
        familyId: family.id,
        purpose: purpose.code,
        action: change.action === 'give' ? 'given' : 'withdrawn',
        at: now,
        channel: change.channel,
        noticeVersion,
        by,
        note: change.note,
      });
      if (changesChannel) {
        const newChannel = change.newAgreedChannel as string;
        const updated = await trx
          .updateTable('families')
          .set({ agreed_channel: newChannel, updated_at: now.toISOString(), version: family.version + 1 })
          .where('id', '=', family.id)
          .where('version', '=', family.version)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1)
          throw AppError.conflict('family.version-conflict', 'Someone else changed this family meanwhile; reload and try again');
        await trx
          .insertInto('family_channel_changes')
          .values({
            id: uuidv7(now.getTime()),
            family_id: family.id,
            from_channel: family.agreed_channel,
            to_channel: newChannel,
            consent_note: change.note ?? `consent withdrawn: ${purpose.code}`,
            changed_by: by.id ?? 'link',
            changed_at: now.toISOString(),
          })
          .execute();
        await recordChannelConsent(trx, {
          familyId: family.id,
          channel: change.channel,
          newAgreedChannel: newChannel,
          at: now,
          by,
          noticeVersion,
        });
        await ctx.hooks.emit(familyChanged, {
          trx,
          familyId: family.id,
          scope: { category: family.category, office: family.office },
          actor: by.kind === 'staff' ? { kind: 'staff', id: by.id } : { kind: 'family', id: by.id },
        });
      }
      await recordAudit(trx, {
        at: now,
        actor,
        action: change.action === 'give' ? 'family.consent-given' : 'family.consent-withdrawn',
        entity: 'family',
        entityId: family.id,
        fields: changesChannel ? ['consent', 'agreedChannel'] : ['consent'],
        details: {
          purpose: purpose.code,
          channel: change.channel,
          noticeVersion,
          ...(changesChannel ? { newAgreedChannel: change.newAgreedChannel } : {}),
          ...(change.confirmEndOfService ? { endOfService: true } : {}),
        },
      });
    });
  } catch (error) {
    // Two writers of the same purpose at once: the unique (family, purpose, seq) index decides.
    if (isUniqueViolation(error)) throw AppError.conflict('consent.concurrent-change', 'The consent changed meanwhile; reload');
    throw error;
  }
}

/**
 * What the outbox needs of one family's consents (issue 20 §3, F2): the latest action per purpose,
 * the purposes every family must keep, and the latest entry of each purpose (a withdrawal link
 * names it). Read by `consentStates` for a bulk send's whole batch at once.
 */
export interface ConsentState {
  current: ReadonlyMap<string, ConsentAction>;
  requiredPurposes: readonly string[];
  latestEntry: ReadonlyMap<string, string>;
}

/**
 * The consent state of each of `familyIds` in two or three queries, whatever their number (issue 20
 * "per-batch reads"). A family with no consent rows (registered before consent per purpose, not
 * migrated) counts as having given what it registered with; an unknown family is left out.
 * @example const states = await consentStates(trx, batch.map((f) => f.id))
 */
export async function consentStates(db: Db, familyIds: readonly string[]): Promise<Map<string, ConsentState>> {
  const ids = [...new Set(familyIds)];
  const states = new Map<string, ConsentState>();
  if (!ids.length) return states;
  const [purposes, rows] = await Promise.all([
    listConsentPurposes(db),
    db.selectFrom('family_consents').select(['id', 'family_id', 'purpose', 'seq', 'action']).where('family_id', 'in', ids).execute(),
  ]);
  const requiredPurposes = purposes.filter((p) => p.isRequired).map((p) => p.code);
  const byFamily = new Map<string, typeof rows>();
  for (const row of rows) byFamily.set(row.family_id, [...(byFamily.get(row.family_id) ?? []), row]);
  for (const [familyId, entries] of byFamily) {
    const latest = new Map<string, { seq: number; id: string }>();
    for (const e of entries) if ((latest.get(e.purpose)?.seq ?? 0) < e.seq) latest.set(e.purpose, { seq: e.seq, id: e.id });
    states.set(familyId, {
      current: currentConsents(entries.map((e) => ({ purpose: e.purpose, action: e.action as ConsentAction, seq: e.seq }))),
      requiredPurposes,
      latestEntry: new Map([...latest].map(([purpose, { id }]) => [purpose, id])),
    });
  }
  const withoutRows = ids.filter((id) => !byFamily.has(id));
  if (withoutRows.length) {
    const families = await db.selectFrom('families').select(['id', 'agreed_channel']).where('id', 'in', withoutRows).execute();
    for (const family of families) {
      const given = registrationDefaults(requiredPurposes, family.agreed_channel);
      states.set(family.id, { current: new Map(given.map((p) => [p, 'given'])), requiredPurposes, latestEntry: new Map() });
    }
  }
  return states;
}

/** The outbox's answer from a state read before (`consentStates`): no state means no such family. */
export function consentDecision(
  state: ConsentState | undefined,
  { purpose, channel }: { purpose: string; channel: string },
): ConsentDecision {
  if (!state) return { allowed: false, reason: 'consent.unknown-family' };
  return decideConsent({ current: state.current, requiredPurposes: state.requiredPurposes, purpose, channel });
}

/**
 * May a message for `purpose` go to the family on `channel`? (issue 20 §3, F2). The outbox asks this
 * at enqueue, in the caller's transaction (`db` may be one), unless a bulk send's batch read the
 * answer's state already (`consentStates`). Letters, phone calls and faxes need no contact consent;
 * sms, WhatsApp and e-mail do.
 * @example await consentAllows(trx, familyId, { purpose: 'surveys', channel: 'sms' })
 */
export async function consentAllows(
  db: Db,
  familyId: string,
  { purpose, channel }: { purpose: string; channel: string },
): Promise<ConsentDecision> {
  return consentDecision((await consentStates(db, [familyId])).get(familyId), { purpose, channel });
}
