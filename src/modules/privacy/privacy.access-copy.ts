import type { AccessCopyStatus } from '../../contracts/privacy-access-copy.js';
import type { AppContext } from '../../platform/context.js';
import type { PrivacyAccessCopyTable } from '../../platform/db/schema-access-copy.js';
import { readStoredFile } from '../../platform/files/file-store.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import type { AuditEntry } from '../audit/index.js';
import { assertOfficer, loadVisibleRequest, type RequestRow } from './privacy.policy.js';
import { auditRequest } from './privacy.requests.js';

/**
 * The access copy's service (issue 25 §3, F2; docs/decisions/015-access-copy.md): a privacy officer
 * asks for the copy of an access or portable-copy request whose requester's identity is verified
 * (else 409); the background job (privacy.access-copy-job.ts) produces it; officers of the
 * request's scope download it for 7 days (then 410), and so does the family that filed the request
 * in the portal (privacy.portal.ts), every download audited.
 */
export const COPY_KINDS = new Set(['access', 'portable-copy']);
export const COPY_OWNER = 'privacy-access-copy';
export const COPY_DAYS = 7;
type Actor = AuditEntry['actor'];

export const presentCopy = (row: PrivacyAccessCopyTable, now: Date): AccessCopyStatus => ({
  id: row.id,
  status:
    row.status === 'ready' && row.expires_at !== null && row.expires_at <= now.toISOString()
      ? 'expired'
      : (row.status as AccessCopyStatus['status']),
  language: row.language as 'ar' | 'en',
  requestedAt: row.requested_at,
  producedAt: row.produced_at,
  expiresAt: row.expires_at,
  rowCount: row.row_count,
});

export async function latestCopy(ctx: AppContext, requestId: string) {
  return ctx.db
    .selectFrom('privacy_access_copies')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

function assertCopyable(row: RequestRow): void {
  if (!COPY_KINDS.has(row.kind))
    throw AppError.conflict('privacy.not-an-access-request', 'Only an access or portable-copy request has a copy of the data');
  if (row.verified_at === null)
    throw AppError.conflict('privacy.requester-not-verified', 'The requester’s identity is not verified: the copy cannot be produced');
  if (row.status === 'refused') throw AppError.conflict('privacy.request-refused', 'The request was refused');
}

export async function askForCopy(ctx: AppContext, principal: StaffPrincipal, id: string, body: { language: 'ar' | 'en' }) {
  const row = await loadVisibleRequest(ctx.db, principal, id);
  assertOfficer(principal);
  assertCopyable(row);
  const now = ctx.clock.now();
  const latest = await latestCopy(ctx, row.id);
  if (latest?.status === 'pending') return { copy: presentCopy(latest, now) };
  const copy: PrivacyAccessCopyTable = {
    id: uuidv7(now.getTime()),
    request_id: row.id,
    status: 'pending',
    language: body.language,
    requested_by: principal.userId,
    requested_at: now.toISOString(),
    produced_at: null,
    expires_at: null,
    html_file_id: null,
    json_file_id: null,
    row_count: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('privacy_access_copies').values(copy).execute();
    await auditRequest(trx, ctx, { kind: 'staff', id: principal.userId }, 'access-copy-asked', row.id, { copyId: copy.id });
  });
  return { copy: presentCopy(copy, now) };
}

export async function copyStatus(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const row = await loadVisibleRequest(ctx.db, principal, id);
  const latest = await latestCopy(ctx, row.id);
  return { copy: latest ? presentCopy(latest, ctx.clock.now()) : null };
}

const GONE = () => new AppError(410, 'privacy.copy-expired', 'The copy was downloadable for 7 days and has been deleted');

/**
 * F2: the latest copy's file for a request already authorised (the staff route's scope and officer
 * checks, or the portal's own-family check), every download audited with who took it; after its
 * 7 days 410 (the job deletes the files).
 */
export async function sendLatestCopy(ctx: AppContext, row: RequestRow, actor: Actor, format: 'html' | 'json') {
  const latest = await latestCopy(ctx, row.id);
  if (!latest || latest.status === 'pending') throw AppError.notFound('privacy.copy-not-ready', 'No copy has been produced yet');
  const now = ctx.clock.now();
  if (presentCopy(latest, now).status === 'expired') throw GONE();
  const fileId = format === 'html' ? latest.html_file_id : latest.json_file_id;
  const file = fileId ? await readStoredFile(ctx.db, ctx.keys, fileId) : null;
  if (!file) throw GONE();
  await auditRequest(ctx.db, ctx, actor, 'access-copy-downloaded', row.id, { copyId: latest.id, format });
  return {
    name: file.name,
    mediaType: format === 'html' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
    bytes: file.bytes,
  };
}

/** The privacy officer's download (within the request's scope). */
export async function downloadCopy(ctx: AppContext, principal: StaffPrincipal, id: string, format: 'html' | 'json') {
  const row = await loadVisibleRequest(ctx.db, principal, id);
  assertOfficer(principal);
  return sendLatestCopy(ctx, row, { kind: 'staff', id: principal.userId }, format);
}
