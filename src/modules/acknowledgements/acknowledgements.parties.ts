import type { z } from 'zod';
import type { ContractParty, contractPartyBody, LinkDocument, publicAcknowledgeBody } from '../../contracts/acknowledgements.js';
import type { ContractPartyKind } from '../../domain/acknowledgements.js';
import { riyadhCalendarDay } from '../../domain/dates.js';
import { parseSaudiPhone } from '../../domain/phone.js';
import type { AppContext } from '../../platform/context.js';
import { sha256Hex } from '../../platform/crypto/digest.js';
import type { ContractPartyTable } from '../../platform/db/schema-acknowledgements.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { randomToken, uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { documentOfVersion, documentsOfVersions } from '../documents/index.js';
import { enqueueMessage, maskAddress } from '../notifications/index.js';
import { type LiveRequirement, textSha256Of } from './acknowledgements.requirements.js';

/**
 * Issue 26 §4 (P-SCOPE): contractors, partners and volunteers without accounts read the policy and
 * acknowledge it through a one-time link (`/ack#<token>`, the token after `#` so it never reaches a
 * server log), sent by SMS or e-mail through the outbox; they give their name and the last four
 * digits of their ID number, and the SHA-256 of the text they read is kept. A used, expired or
 * unknown link gets one identical answer. Exemptions are acknowledgements.exemptions.ts.
 */
export const LINK_TTL_MS = 14 * 24 * 60 * 60_000;
const partyAad = (id: string) => `contract-party:${id}:address`;

const LINK_INVALID = () => AppError.notFound('acknowledgement.link-invalid', 'This link is no longer valid');

function presentParty(ctx: AppContext, row: ContractPartyTable): ContractParty {
  const address = ctx.keys.encryptor.decrypt(row.address, partyAad(row.id));
  return {
    id: row.id,
    kind: row.kind as ContractPartyKind,
    name: row.name,
    channel: row.channel as 'sms' | 'email',
    maskedAddress: maskAddress(address) ?? '•••',
    createdAt: row.created_at,
  };
}

export async function listParties(ctx: AppContext): Promise<ContractParty[]> {
  const rows = await ctx.db.selectFrom('contract_parties').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map((r) => presentParty(ctx, r));
}

export async function createParty(
  ctx: AppContext,
  principal: StaffPrincipal,
  body: z.infer<typeof contractPartyBody>,
): Promise<ContractParty> {
  let address = body.address;
  if (body.channel === 'sms') {
    const phone = parseSaudiPhone(address, { mobileOnly: true });
    if (!phone.isValid)
      throw AppError.badRequest('request.invalid', 'Not a mobile number', [{ pointer: '/address', code: phone.code, detail: phone.code }]);
    address = phone.e164;
  } else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
    throw AppError.badRequest('request.invalid', 'Not an e-mail address', [
      { pointer: '/address', code: 'field.email', detail: 'Not an e-mail address' },
    ]);
  }
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  const row: ContractPartyTable = {
    id,
    kind: body.kind,
    name: body.name,
    channel: body.channel,
    address: ctx.keys.encryptor.encrypt(address, partyAad(id)),
    created_at: now.toISOString(),
    created_by: principal.userId,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('contract_parties').values(row).execute();
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: principal.userId },
      action: 'acknowledgement.party-create',
      entity: 'contract_party',
      entityId: id,
      fields: ['kind', 'name', 'channel', 'address'],
    });
  });
  return presentParty(ctx, row);
}

/** Sends a one-time link to read and acknowledge `versionId`'s document (the version in force when opened). */
export async function sendLink(ctx: AppContext, principal: StaffPrincipal, versionId: string, partyId: string) {
  const version = await documentOfVersion(ctx.db, versionId);
  if (version?.status !== 'published') throw AppError.notFound('document.version-not-found', 'No such published version');
  const party = await ctx.db.selectFrom('contract_parties').selectAll().where('id', '=', partyId).executeTakeFirst();
  if (!party) throw AppError.notFound('acknowledgement.party-not-found', 'No such contract party');
  const token = randomToken(20);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + LINK_TTL_MS);
  const [doc] = await documentsOfVersions(ctx.db, [versionId], riyadhCalendarDay(now));
  await ctx.db.transaction().execute(async (trx) => {
    const id = uuidv7(now.getTime());
    await trx
      .insertInto('ack_links')
      .values({
        id,
        token_hash: sha256Hex(token),
        version_id: versionId,
        contract_party_id: partyId,
        expires_at: expiresAt.toISOString(),
        used_at: null,
        created_at: now.toISOString(),
        created_by: principal.userId,
      })
      .execute();
    await enqueueMessage(trx, ctx, {
      event: 'acknowledgement.link',
      recipient: {
        kind: 'contact',
        channel: party.channel as 'sms' | 'email',
        address: ctx.keys.encryptor.decrypt(party.address, partyAad(party.id)),
        name: party.name,
      },
      params: { title: doc?.titleAr ?? '', link: `/ack#${token}` },
      about: { type: 'contract-party', id: partyId },
      actor: { kind: 'staff', id: principal.userId },
    });
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: principal.userId },
      action: 'acknowledgement.link-send',
      entity: 'contract_party',
      entityId: partyId,
      details: { versionId, linkId: id },
    });
  });
  return { sentAt: now.toISOString(), expiresAt: expiresAt.toISOString() };
}

/** Contract parties against a live requirement's version: acknowledged, link sent, exempt. */
export async function partiesStatus(ctx: AppContext, live: LiveRequirement) {
  const parties = await ctx.db.selectFrom('contract_parties').select(['id', 'kind', 'name']).orderBy('name').orderBy('id').execute();
  if (!parties.length) return [];
  const versionIds = live.document.versions.map((v) => v.id);
  const [acks, links, exemptions] = await Promise.all([
    ctx.db
      .selectFrom('acknowledgements')
      .select(['contract_party_id', 'acknowledged_at', 'signer_name'])
      .where('version_id', '=', live.version.id)
      .where('contract_party_id', 'is not', null)
      .execute(),
    ctx.db.selectFrom('ack_links').select(['contract_party_id', 'created_at']).where('version_id', 'in', versionIds).execute(),
    ctx.db
      .selectFrom('ack_exemptions')
      .select(['contract_party_id', 'replaced_by'])
      .where('document_id', '=', live.document.id)
      .where('contract_party_id', 'is not', null)
      .execute(),
  ]);
  const ackOf = new Map(acks.map((a) => [a.contract_party_id, a]));
  const sentOf = new Map<string, string>();
  for (const l of links) if ((sentOf.get(l.contract_party_id) ?? '') < l.created_at) sentOf.set(l.contract_party_id, l.created_at);
  const exemptOf = new Map(exemptions.map((e) => [e.contract_party_id, e.replaced_by]));
  return parties.map((p) => ({
    id: p.id,
    kind: p.kind as ContractPartyKind,
    name: p.name,
    acknowledgedAt: ackOf.get(p.id)?.acknowledged_at ?? null,
    signerName: ackOf.get(p.id)?.signer_name ?? null,
    linkSentAt: sentOf.get(p.id) ?? null,
    exemptBy: exemptOf.get(p.id) ?? null,
  }));
}

/** The link's row and the version in force of its document now; the same 404 for anything not usable. */
async function usableLink(ctx: AppContext, token: string) {
  const now = ctx.clock.now();
  const link = await ctx.db.selectFrom('ack_links').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
  if (!link || link.used_at !== null || Date.parse(link.expires_at) <= now.getTime()) throw LINK_INVALID();
  const [doc] = await documentsOfVersions(ctx.db, [link.version_id], riyadhCalendarDay(now));
  const party = await ctx.db
    .selectFrom('contract_parties')
    .select(['id', 'name'])
    .where('id', '=', link.contract_party_id)
    .executeTakeFirst();
  if (!doc?.inForce || !party) throw LINK_INVALID();
  return { link, doc, version: doc.inForce, party };
}

/** What the public page shows: the version in force of the link's document (a newer one if it was replaced). */
export async function openLink(ctx: AppContext, token: string): Promise<LinkDocument> {
  const { doc, version, party } = await usableLink(ctx, token);
  return {
    titleAr: doc.titleAr,
    titleEn: doc.titleEn,
    number: version.number,
    effectiveOn: version.effectiveOn,
    bodyAr: version.bodyAr,
    textSha256: textSha256Of(version),
    partyName: party.name,
  };
}

export async function acknowledgeByLink(ctx: AppContext, body: z.infer<typeof publicAcknowledgeBody>): Promise<{ acknowledgedAt: string }> {
  const { link, version, party } = await usableLink(ctx, body.token);
  const sha = textSha256Of(version);
  // Replaced while the page was open: the newer version is to be read (the page reloads it).
  if (body.textSha256 !== sha) throw AppError.conflict('acknowledgement.version-replaced', 'A newer version is in force; read it again');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    // The link is used once: the update wins only while it is still unused.
    const claimed = await trx
      .updateTable('ack_links')
      .set({ used_at: now.toISOString() })
      .where('id', '=', link.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw LINK_INVALID();
    // A second link for a version already acknowledged keeps the first acknowledgement.
    const earlier = await trx
      .selectFrom('acknowledgements')
      .select('id')
      .where('version_id', '=', version.id)
      .where('contract_party_id', '=', party.id)
      .executeTakeFirst();
    if (earlier) return;
    await trx
      .insertInto('acknowledgements')
      .values({
        id: uuidv7(now.getTime()),
        version_id: version.id,
        staff_user_id: null,
        contract_party_id: party.id,
        text_sha256: sha,
        method: 'link',
        signer_name: body.name,
        id_last4: body.idLast4,
        acknowledged_at: now.toISOString(),
      })
      .execute();
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'anonymous', id: null },
      action: 'acknowledgement.sign-link',
      entity: 'contract_party',
      entityId: party.id,
      details: { versionId: version.id, linkId: link.id, textSha256: sha },
    });
  });
  return { acknowledgedAt: now.toISOString() };
}
