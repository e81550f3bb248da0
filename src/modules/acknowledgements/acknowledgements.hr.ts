import type { VersionOverview, VersionStatus } from '../../contracts/acknowledgements.js';
import { isInAudience } from '../../domain/acknowledgements.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { writeXlsx } from '../../platform/spreadsheet.js';
import { recordAudit } from '../audit/index.js';
import { enqueueMessage } from '../notifications/index.js';
import { listDepartments, staffNames } from '../staff/index.js';
import { type AudienceMember, staffAcknowledgements, staffAudience, staffExemptions } from './acknowledgements.members.js';
import { partiesStatus } from './acknowledgements.parties.js';
import { type LiveRequirement, liveRequirements } from './acknowledgements.requirements.js';

/**
 * Issue 26 §5 (R2): HR sees, per version in force that asks for acknowledgement, who has and who
 * has not — by department, with a "no department" group — reminds the rest in one click through the
 * outbox, sees each department's receipt of its copy (recorded by its head), and exports the list.
 */
interface Tally {
  live: LiveRequirement;
  members: AudienceMember[];
  acks: Map<string, string>;
  exempt: Map<string, string>;
}

async function tallies(ctx: AppContext, only?: string): Promise<Tally[]> {
  const live = (await liveRequirements(ctx)).filter((r) => !only || r.version.id === only);
  if (!live.length) return [];
  const [everyone, acks, exemptions] = await Promise.all([
    staffAudience(ctx),
    staffAcknowledgements(
      ctx,
      live.map((r) => r.version.id),
    ),
    staffExemptions(
      ctx,
      live.map((r) => r.document.id),
    ),
  ]);
  return live.map((r) => ({
    live: r,
    members: everyone.filter((m) => isInAudience(r.rule, m)),
    acks: acks.get(r.version.id) ?? new Map(),
    exempt: exemptions.get(r.document.id) ?? new Map(),
  }));
}

function overviewOf(t: Tally): VersionOverview {
  const required = t.members.filter((m) => !t.exempt.has(m.id));
  const acknowledged = required.filter((m) => t.acks.has(m.id)).length;
  return {
    versionId: t.live.version.id,
    documentId: t.live.document.id,
    titleAr: t.live.document.titleAr,
    titleEn: t.live.document.titleEn,
    number: t.live.version.number,
    effectiveOn: t.live.version.effectiveOn,
    dueAt: t.live.dueAt.toISOString(),
    required: required.length,
    acknowledged,
    pending: required.length - acknowledged,
  };
}

export async function listOverview(ctx: AppContext): Promise<VersionOverview[]> {
  return (await tallies(ctx)).map(overviewOf);
}

async function tallyOf(ctx: AppContext, versionId: string): Promise<Tally> {
  const tally = (await tallies(ctx, versionId))[0];
  if (!tally) throw AppError.notFound('acknowledgement.not-required', 'This version is not in force with an acknowledgement requirement');
  return tally;
}

export async function versionStatus(ctx: AppContext, principal: StaffPrincipal, versionId: string): Promise<VersionStatus> {
  const tally = await tallyOf(ctx, versionId);
  const [departments, receipts, parties] = await Promise.all([
    listDepartments(ctx),
    ctx.db.selectFrom('department_receipts').selectAll().where('version_id', '=', versionId).execute(),
    partiesStatus(ctx, tally.live),
  ]);
  const receiptOf = new Map(receipts.map((r) => [r.department_id, r]));
  const receivers = await staffNames(
    ctx.db,
    receipts.map((r) => r.received_by),
  );
  const memberStatus = (m: AudienceMember) => ({
    id: m.id,
    displayName: m.displayName,
    acknowledgedAt: tally.acks.get(m.id) ?? null,
    exemptBy: tally.exempt.get(m.id) ?? null,
  });
  // R2: every active department and section receives its copy, with or without members asked.
  const groups: VersionStatus['departments'] = departments
    .filter((d) => d.isActive)
    .map((d) => {
      const receipt = receiptOf.get(d.id);
      return {
        departmentId: d.id,
        nameAr: d.nameAr,
        nameEn: d.nameEn,
        headName: d.headName,
        receivedAt: receipt?.received_at ?? null,
        receivedBy: receipt ? (receivers.get(receipt.received_by) ?? null) : null,
        canRecordReceipt: !receipt && d.headUserId === principal.userId,
        members: tally.members.filter((m) => m.departmentId === d.id).map(memberStatus),
      };
    });
  const known = new Set(groups.map((g) => g.departmentId));
  const unplaced = tally.members.filter((m) => !m.departmentId || !known.has(m.departmentId));
  if (unplaced.length)
    groups.push({
      departmentId: null,
      nameAr: null,
      nameEn: null,
      headName: null,
      receivedAt: null,
      receivedBy: null,
      canRecordReceipt: false,
      members: unplaced.map(memberStatus),
    });
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'acknowledgement.view',
    entity: 'document_version',
    entityId: versionId,
  });
  return { ...overviewOf(tally), departments: groups, parties };
}

/** R2: one click reminds everyone still pending (or the ones named), in the staff app and by e-mail; one a day each. */
export async function remindPending(
  ctx: AppContext,
  principal: StaffPrincipal,
  versionId: string,
  staffIds?: readonly string[],
): Promise<number> {
  const tally = await tallyOf(ctx, versionId);
  const wanted = staffIds ? new Set(staffIds) : null;
  const pending = tally.members.filter((m) => !tally.acks.has(m.id) && !tally.exempt.has(m.id) && (!wanted || wanted.has(m.id)));
  const now = ctx.clock.now();
  const day = now.toISOString().slice(0, 10);
  await ctx.db.transaction().execute(async (trx) => {
    for (const member of pending) {
      await enqueueMessage(trx, ctx, {
        event: 'acknowledgement.reminder',
        recipient: { kind: 'staff', staffId: member.id },
        params: { title: tally.live.document.titleAr, deadline: tally.live.dueAt.toISOString().slice(0, 10) },
        dedupeKey: `ack-reminder:${versionId}:${member.id}:${day}`,
        about: { type: 'document-version', id: versionId },
        actor: { kind: 'staff', id: principal.userId },
      });
    }
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: principal.userId },
      action: 'acknowledgement.remind',
      entity: 'document_version',
      entityId: versionId,
      details: { staffIds: pending.map((m) => m.id) },
    });
  });
  return pending.length;
}

/** R2: the head of a department (or section) records that it received its copy of the version. */
export async function recordReceipt(ctx: AppContext, principal: StaffPrincipal, versionId: string, departmentId: string): Promise<string> {
  await tallyOf(ctx, versionId);
  const department = await ctx.db.selectFrom('departments').select(['head_user_id']).where('id', '=', departmentId).executeTakeFirst();
  if (!department) throw AppError.notFound('department.not-found', 'No such department');
  if (department.head_user_id !== principal.userId)
    throw AppError.forbidden('acknowledgement.not-head', 'Only the head of the department records its receipt');
  const now = ctx.clock.now().toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('department_receipts')
        .values({ version_id: versionId, department_id: departmentId, received_by: principal.userId, received_at: now })
        .execute();
      await recordAudit(trx, {
        at: ctx.clock.now(),
        actor: { kind: 'staff', id: principal.userId },
        action: 'acknowledgement.receipt',
        entity: 'department',
        entityId: departmentId,
        details: { versionId },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.conflict('acknowledgement.receipt-recorded', 'The receipt is already recorded');
    throw error;
  }
  return now;
}

const HEADERS = {
  ar: ['القسم', 'الاسم', 'الحالة', 'تاريخ الإقرار', 'مستثنى بموجب'],
  en: ['Department', 'Name', 'Status', 'Acknowledged at', 'Exempt under'],
};

/** R2: the list as a spreadsheet (one audit row naming who is in it). */
export async function exportStatus(
  ctx: AppContext,
  principal: StaffPrincipal,
  versionId: string,
): Promise<{ fileName: string; bytes: Buffer }> {
  const status = await versionStatus(ctx, principal, versionId);
  const isAr = principal.language === 'ar';
  const rows: string[][] = [];
  for (const group of status.departments) {
    const name = (isAr ? group.nameAr : group.nameEn) ?? (isAr ? 'بلا قسم' : 'No department');
    for (const m of group.members) {
      const state = m.exemptBy
        ? isAr
          ? 'مستثنى'
          : 'Exempt'
        : m.acknowledgedAt
          ? isAr
            ? 'أقرّ'
            : 'Acknowledged'
          : isAr
            ? 'لم يُقرّ'
            : 'Pending';
      rows.push([name, m.displayName, state, m.acknowledgedAt ?? '', m.exemptBy ?? '']);
    }
  }
  for (const p of status.parties) {
    const state = p.exemptBy
      ? isAr
        ? 'مستثنى'
        : 'Exempt'
      : p.acknowledgedAt
        ? isAr
          ? 'أقرّ'
          : 'Acknowledged'
        : isAr
          ? 'لم يُقرّ'
          : 'Pending';
    rows.push([isAr ? 'أطراف تعاقدية' : 'Contract parties', p.name, state, p.acknowledgedAt ?? '', p.exemptBy ?? '']);
  }
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'acknowledgement.export',
    entity: 'document_version',
    entityId: versionId,
    details: { staffIds: status.departments.flatMap((g) => g.members.map((m) => m.id)), partyIds: status.parties.map((p) => p.id) },
  });
  return {
    fileName: `acknowledgements-v${status.number}.xlsx`,
    bytes: await writeXlsx(isAr ? HEADERS.ar : HEADERS.en, rows, { sheetName: 'acknowledgements' }),
  };
}
