import { type Expression, expressionBuilder, type SqlBool, sql } from 'kysely';
import { isUnrestricted, type StaffScope } from '../../domain/scope.js';
import type { Database } from '../../platform/db/schema.js';

/**
 * The registry's scope rule (F2) as SQL, for other areas that list or load records linked to a
 * family (issue 21: complaints and inquiries) without reading the registry's tables themselves: the
 * family whose id is in `familyIdColumn` (a column of the caller's query, e.g. `'c.family_id'`) has
 * its category, its office and one of its domains in the scope's sets. Always true for an
 * unrestricted scope; false for a null id otherwise (no family, nothing to be in scope).
 * @example query.where(familyInScope('c.family_id', principal.scope))
 */
export function familyInScope(familyIdColumn: string, scope: StaffScope): Expression<SqlBool> {
  if (isUnrestricted(scope)) return sql<SqlBool>`1 = 1`;
  const eb = expressionBuilder<Database, never>();
  const { categories, domains, offices } = scope;
  let family = eb
    .selectFrom('families as scoped_family')
    .select('scoped_family.id')
    .where('scoped_family.id', '=', sql.ref<string>(familyIdColumn));
  if (categories.length) family = family.where('scoped_family.category', 'in', categories);
  if (offices.length) family = family.where('scoped_family.office', 'in', offices);
  if (domains.length)
    family = family.where((inner) =>
      inner.exists(
        inner
          .selectFrom('family_domains as scoped_domain')
          .select('scoped_domain.family_id')
          .whereRef('scoped_domain.family_id', '=', 'scoped_family.id')
          .where('scoped_domain.domain', 'in', domains),
      ),
    );
  return eb.exists(family);
}
