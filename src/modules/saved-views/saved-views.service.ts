import {
  type CreateSavedViewBody,
  keptViewParams,
  MAX_VIEWS_PER_WORKLIST,
  type SavedView,
  type SavedViewList,
  type WorklistKey,
} from '../../contracts/saved-views.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { SavedViewTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';

/**
 * Saved worklist views (issue 19 §4). A person sees their own views and those an administrator
 * shared with one of their roles; they delete their own, administrators also the shared ones.
 * Views hold filters and sort only: the search box's text is dropped (it may be a family's name or
 * ID number, F2), so a view never stores personal data and needs no place in the registry.
 */
const isAdministrator = (principal: StaffPrincipal) => principal.roles.includes('administrator');

function present(principal: StaffPrincipal, row: SavedViewTable): SavedView {
  const isMine = row.owner_id === principal.userId;
  return {
    id: row.id,
    worklist: row.worklist as WorklistKey,
    name: row.name,
    params: JSON.parse(row.params) as Record<string, string>,
    sharedRole: (row.shared_role as SavedView['sharedRole']) ?? null,
    isMine,
    abilities: { delete: isMine || (row.shared_role !== null && isAdministrator(principal)) },
    createdAt: row.created_at,
  };
}

/** The views this person sees: their own and those shared with one of their roles. */
function visibleViews(ctx: AppContext, principal: StaffPrincipal) {
  return ctx.db
    .selectFrom('saved_views')
    .selectAll()
    .where((eb) =>
      eb.or([eb('owner_id', '=', principal.userId), ...(principal.roles.length ? [eb('shared_role', 'in', principal.roles)] : [])]),
    );
}

/** Own views first, then shared ones, each by name. */
export async function listSavedViews(ctx: AppContext, principal: StaffPrincipal, worklist: WorklistKey): Promise<SavedViewList> {
  const rows = await visibleViews(ctx, principal).where('worklist', '=', worklist).orderBy('name').orderBy('id').execute();
  const items = rows.map((row) => present(principal, row));
  return {
    items: [...items.filter((v) => v.isMine), ...items.filter((v) => !v.isMine)],
    abilities: { share: isAdministrator(principal) },
  };
}

export async function createSavedView(ctx: AppContext, principal: StaffPrincipal, body: CreateSavedViewBody): Promise<SavedView> {
  const sharedRole = body.sharedRole ?? null;
  if (sharedRole && !isAdministrator(principal)) {
    throw AppError.forbidden('saved-view.share-forbidden', 'Only administrators share views with a role', [
      { pointer: '/sharedRole', code: 'saved-view.share-forbidden', detail: 'Only administrators share views with a role' },
    ]);
  }
  const params = keptViewParams(Object.entries(body.params));
  const now = ctx.clock.now();
  const row: SavedViewTable = {
    id: uuidv7(now.getTime()),
    owner_id: principal.userId,
    worklist: body.worklist,
    name: body.name,
    params: JSON.stringify(params),
    shared_role: sharedRole,
    created_at: now.toISOString(),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const { n } = await trx
        .selectFrom('saved_views')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('owner_id', '=', principal.userId)
        .where('worklist', '=', body.worklist)
        .executeTakeFirstOrThrow();
      if (Number(n) >= MAX_VIEWS_PER_WORKLIST) {
        throw AppError.conflict('saved-view.too-many', `At most ${MAX_VIEWS_PER_WORKLIST} views per worklist; delete one first`);
      }
      await trx.insertInto('saved_views').values(row).execute();
      await recordAudit(trx, {
        at: now,
        actor: { kind: 'staff', id: principal.userId },
        action: 'saved-view.create',
        entity: 'saved-view',
        entityId: row.id,
        details: { worklist: row.worklist, sharedRole },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw AppError.conflict('saved-view.name-taken', 'You already have a view of this list with that name');
    }
    throw error;
  }
  return present(principal, row);
}

export async function deleteSavedView(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<void> {
  const row = await visibleViews(ctx, principal).where('id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('saved-view.not-found', 'No such view');
  if (!present(principal, row).abilities.delete) {
    throw AppError.forbidden('saved-view.delete-forbidden', 'Only an administrator removes a view shared with a role');
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('saved_views').where('id', '=', id).execute();
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: principal.userId },
      action: 'saved-view.delete',
      entity: 'saved-view',
      entityId: id,
      details: { worklist: row.worklist, sharedRole: row.shared_role },
    });
  });
}
