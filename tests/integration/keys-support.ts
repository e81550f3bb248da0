import { personalDataRegistry } from '../../src/app.js';
import type { AppContext } from '../../src/platform/context.js';
import { describeTables } from '../../src/platform/db/introspect.js';
import { rotateKeys } from '../../src/platform/db/rotate-keys.js';

/** `sila keys rotate` as the command runs it: every area's personal data, from the registry. */
export const rotateAllKeys = (ctx: AppContext) => rotateKeys(ctx, personalDataRegistry());

/**
 * Issue 18 §3: columns of the live database that hold a ciphertext (`v1.<key>.…`) but are not
 * declared encrypted in the personal-data registry — key rotation and the privacy work would miss them.
 */
export async function undeclaredCiphertextColumns(ctx: AppContext): Promise<string[]> {
  const declared = new Set(
    personalDataRegistry().flatMap((t) =>
      t.columns.filter((c) => c.kind === 'encrypted' || c.kind === 'encrypted-bytes').map((c) => `${t.table}.${c.column}`),
    ),
  );
  const missing: string[] = [];
  for (const table of await describeTables(ctx.db)) {
    for (const column of table.columns) {
      if (declared.has(`${table.name}.${column}`)) continue;
      const rows = (await ctx.db
        .selectFrom(table.name as never)
        .select(column as never)
        .limit(200)
        .execute()) as Record<string, unknown>[];
      if (rows.some((row) => typeof row[column] === 'string' && /^v1\.[^.]+\.[^.]+\./.test(row[column] as string)))
        missing.push(`${table.name}.${column}`);
    }
  }
  return missing;
}
