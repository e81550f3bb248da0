import { type Kysely, sql } from 'kysely';
import { type Engine, engineOf } from './dialect.js';

export interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
  references: string[]; // tables this one points to
  serialColumn: string | null; // PostgreSQL sequence-backed column, to reset after a restore
}

const INTERNAL = new Set(['sila_migrations', 'sila_migration_lock']);

/**
 * Every application table (not views, not other schemas) with its columns, key and foreign-key
 * parents, on either engine. PostgreSQL keys come from pg_catalog by table, because constraint
 * names are only unique per table there.
 */
export async function describeTables(db: Kysely<any>): Promise<TableInfo[]> {
  const engine: Engine = engineOf(db);
  const schema =
    engine === 'postgres' ? (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows[0]?.name : undefined;
  const tables = await db.introspection.getTables();
  // SQLite full-text indexes (virtual tables and their shadow tables) are derived data: triggers
  // rebuild them as rows are restored, so they are neither dumped nor loaded.
  const derived = engine === 'sqlite' ? await sqliteDerivedTables(db) : new Set<string>();
  const isDerived = (name: string) => derived.has(name);
  const infos: TableInfo[] = [];
  for (const table of tables) {
    if (table.isView || INTERNAL.has(table.name) || table.name.startsWith('sqlite_') || isDerived(table.name)) continue;
    if (engine === 'postgres' && table.schema !== schema) continue;
    let primaryKey: string[];
    let references: string[];
    let serialColumn: string | null = null;
    if (engine === 'sqlite') {
      const cols = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table.name})`.execute(db);
      primaryKey = cols.rows
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${table.name})`.execute(db);
      references = fks.rows.map((r) => r.table);
    } else {
      const pk = await sql<{ column_name: string }>`
        select a.attname as column_name
        from pg_index i
        join pg_class t on t.oid = i.indrelid
        join pg_namespace n on n.oid = t.relnamespace
        cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
        join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
        where i.indisprimary and n.nspname = current_schema() and t.relname = ${table.name}
        order by k.ord`.execute(db);
      primaryKey = pk.rows.map((r) => r.column_name);
      const fks = await sql<{ parent: string }>`
        select p.relname as parent
        from pg_constraint c
        join pg_class t on t.oid = c.conrelid
        join pg_namespace n on n.oid = t.relnamespace
        join pg_class p on p.oid = c.confrelid
        where c.contype = 'f' and n.nspname = current_schema() and t.relname = ${table.name}`.execute(db);
      references = fks.rows.map((r) => r.parent);
      serialColumn = table.columns.find((c) => c.hasDefaultValue && c.isAutoIncrementing)?.name ?? null;
    }
    infos.push({
      name: table.name,
      columns: table.columns.map((c) => c.name),
      primaryKey,
      references: [...new Set(references)].filter((r) => r !== table.name),
      serialColumn,
    });
  }
  return sortByDependency(infos);
}

/** SQLite's own list of virtual tables and the shadow tables that back them (SQLite ≥ 3.37). */
async function sqliteDerivedTables(db: Kysely<any>): Promise<Set<string>> {
  const rows = await sql<{
    name: string;
  }>`select name from pragma_table_list where schema = 'main' and type in ('virtual', 'shadow')`.execute(db);
  return new Set(rows.rows.map((r) => r.name));
}

/** Parents before children, so rows can be inserted in order with foreign keys on. */
function sortByDependency(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const sorted: TableInfo[] = [];
  const seen = new Set<string>();
  const visit = (table: TableInfo) => {
    if (seen.has(table.name)) return;
    seen.add(table.name);
    for (const parent of table.references) {
      const p = byName.get(parent);
      if (p) visit(p);
    }
    sorted.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table);
  return sorted;
}
