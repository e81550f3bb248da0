import type { Requirement, RequirementBody } from '../../contracts/acknowledgements.js';
import { type AckAudienceRule, acknowledgementDueAt } from '../../domain/acknowledgements.js';
import { riyadhCalendarDay } from '../../domain/dates.js';
import type { StaffRole } from '../../domain/roles.js';
import type { AppContext } from '../../platform/context.js';
import { sha256Hex } from '../../platform/crypto/digest.js';
import type { AckRequirementTable } from '../../platform/db/schema-acknowledgements.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';
import { type AcknowledgeableDocument, type AcknowledgeableVersion, documentOfVersion, documentsOfVersions } from '../documents/index.js';

/**
 * Issue 26 §4 (R1, F4): documents editors and administrators say, on a version, who must
 * acknowledge it — all staff, some roles, or some departments (a department covers its sections) —
 * and the grace period. A requirement carries over to the document's later versions until one sets
 * its own: when a newer version comes into force, the newer one is asked for.
 */
function presentRequirement(row: AckRequirementTable): Requirement {
  return {
    versionId: row.version_id,
    audience: row.audience as Requirement['audience'],
    roles: JSON.parse(row.roles) as StaffRole[],
    departmentIds: JSON.parse(row.department_ids) as string[],
    graceDays: row.grace_days,
    setAt: row.set_at,
  };
}

export async function getRequirement(ctx: AppContext, versionId: string): Promise<Requirement | null> {
  if (!(await documentOfVersion(ctx.db, versionId))) throw AppError.notFound('document.version-not-found', 'No such document version');
  const row = await ctx.db.selectFrom('ack_requirements').selectAll().where('version_id', '=', versionId).executeTakeFirst();
  return row ? presentRequirement(row) : null;
}

export async function setRequirement(
  ctx: AppContext,
  principal: StaffPrincipal,
  versionId: string,
  body: RequirementBody,
): Promise<Requirement> {
  const version = await documentOfVersion(ctx.db, versionId);
  if (!version) throw AppError.notFound('document.version-not-found', 'No such document version');
  if (version.status === 'withdrawn')
    throw AppError.conflict('acknowledgement.version-withdrawn', 'A withdrawn version is not acknowledged');
  const roles = body.audience === 'roles' ? [...new Set(body.roles)] : [];
  const departmentIds = body.audience === 'departments' ? [...new Set(body.departmentIds)] : [];
  if (body.audience === 'roles' && !roles.length)
    throw AppError.badRequest('request.invalid', 'Choose the roles', [
      { pointer: '/roles', code: 'field.required', detail: 'Choose the roles' },
    ]);
  if (body.audience === 'departments') {
    const known = departmentIds.length
      ? await ctx.db.selectFrom('departments').select('id').where('id', 'in', departmentIds).where('is_active', '=', 1).execute()
      : [];
    if (!departmentIds.length || known.length !== departmentIds.length)
      throw AppError.badRequest('request.invalid', 'Choose known departments', [
        {
          pointer: '/departmentIds',
          code: departmentIds.length ? 'department.unknown' : 'field.required',
          detail: 'Choose the departments',
        },
      ]);
  }
  const now = ctx.clock.now().toISOString();
  const row: AckRequirementTable = {
    version_id: versionId,
    audience: body.audience,
    roles: JSON.stringify(roles),
    department_ids: JSON.stringify(departmentIds),
    grace_days: body.graceDays,
    set_at: now,
    set_by: principal.userId,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('ack_requirements').where('version_id', '=', versionId).execute();
    await trx.insertInto('ack_requirements').values(row).execute();
    await recordAudit(trx, {
      at: ctx.clock.now(),
      actor: { kind: 'staff', id: principal.userId },
      action: 'acknowledgement.require',
      entity: 'document_version',
      entityId: versionId,
      details: { audience: body.audience, roles, departmentIds, graceDays: body.graceDays },
    });
  });
  return presentRequirement(row);
}

export async function clearRequirement(ctx: AppContext, principal: StaffPrincipal, versionId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('ack_requirements').where('version_id', '=', versionId).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0)
      throw AppError.notFound('acknowledgement.not-required', 'This version asks for no acknowledgement');
    await recordAudit(trx, {
      at: ctx.clock.now(),
      actor: { kind: 'staff', id: principal.userId },
      action: 'acknowledgement.require-off',
      entity: 'document_version',
      entityId: versionId,
    });
  });
}

/** A requirement in force now: the document's version in force and the rule it inherits. */
export interface LiveRequirement {
  document: AcknowledgeableDocument;
  version: AcknowledgeableVersion;
  rule: AckAudienceRule;
  dueAt: Date;
  textSha256: string;
}

/** R1: what the text read is bound to — the Arabic text, or the Arabic PDF's content hash. */
export function textSha256Of(version: AcknowledgeableVersion): string {
  if (version.bodyAr) return sha256Hex(version.bodyAr);
  return version.fileArSha256 ?? sha256Hex('');
}

export async function liveRequirements(ctx: AppContext): Promise<LiveRequirement[]> {
  const rows = await ctx.db.selectFrom('ack_requirements').selectAll().execute();
  if (!rows.length) return [];
  const byVersion = new Map(rows.map((r) => [r.version_id, r]));
  const documents = await documentsOfVersions(
    ctx.db,
    rows.map((r) => r.version_id),
    riyadhCalendarDay(ctx.clock.now()),
  );
  const live: LiveRequirement[] = [];
  for (const document of documents) {
    const version = document.inForce;
    if (!version) continue;
    // The nearest requirement at or before the version in force (versions are oldest first).
    const source = document.versions
      .filter((v) => v.number <= version.number)
      .map((v) => byVersion.get(v.id))
      .filter((r): r is AckRequirementTable => r !== undefined)
      .at(-1);
    if (!source) continue;
    const rule = presentRequirement(source);
    live.push({
      document,
      version,
      rule,
      dueAt: acknowledgementDueAt({ effectiveOn: version.effectiveOn, setAt: source.set_at, graceDays: source.grace_days }),
      textSha256: textSha256Of(version),
    });
  }
  return live;
}
