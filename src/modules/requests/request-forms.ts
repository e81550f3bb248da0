import type { RequestType, RequestTypeVersion } from '../../contracts/requests.js';
import type { AppContext } from '../../platform/context.js';
import { versionsOf } from './request-type-versions.js';
import { ensureDefaultTypes, findType, listRequestTypes } from './request-types.service.js';

/**
 * The request forms anyone may read (issue 26 §3; B5, C2, G2): every active request type with its
 * criteria and checklist, the version in force (the type as it stands) and every earlier version,
 * newest first. An inactive or unknown type is not a public form.
 */
export interface PublicRequestForm {
  type: RequestType;
  /** Every snapshot, newest first; the first is the version in force. */
  versions: RequestTypeVersion[];
}

export async function publicRequestForms(ctx: AppContext): Promise<PublicRequestForm[]> {
  const types = await listRequestTypes(ctx, { activeOnly: true });
  const versions = await versionsOf(
    ctx.db,
    types.map((t) => t.code),
  );
  return types.map((type) => ({ type, versions: versions.get(type.code) ?? [] }));
}

export async function publicRequestForm(ctx: AppContext, code: string): Promise<PublicRequestForm | null> {
  await ensureDefaultTypes(ctx);
  const type = await findType(ctx.db, code);
  if (!type?.isActive) return null;
  return { type, versions: (await versionsOf(ctx.db, [code])).get(code) ?? [] };
}
