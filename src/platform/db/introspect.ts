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

/** Every application table with its columns, key and foreign-key parents, on either engine. */
export async function describeTables(db: Kysely<any>): Promise<TableInfo[]> {
  const engine: Engine = engineOf(db);
  const tables = await db.introspection.getTables();
  const infos: TableInfo[] = [];
  for (const table of tables) {
    if (INTERNAL.has(table.name) || table.name.startsWith('sqlite_')) continue;
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
        select kcu.column_name from information_schema.table_constraints tc
        join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
        where tc.table_schema = current_schema() and tc.table_name = ${table.name} and tc.constraint_type = 'PRIMARY KEY'
        order by kcu.ordinal_position`.execute(db);
      primaryKey = pk.rows.map((r) => r.column_name);
      const fks = await sql<{ parent: string }>`
        select ccu.table_name as parent from information_schema.table_constraints tc
        join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
        where tc.table_schema = current_schema() and tc.table_name = ${table.name} and tc.constraint_type = 'FOREIGN KEY'`.execute(db);
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
