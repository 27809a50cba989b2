import { type AbstractSqlConnection as Connection, type DatabaseTable, type IndexDef, SqlitePlatform, SqliteSchemaHelper } from '@mikro-orm/sql';

/** `constraint `name` foreign key (`a`, `b`)` clauses of a CREATE TABLE statement: columns → name. */
export function foreignKeyNames(createTable: string): Map<string, string> {
  const names = new Map<string, string>();
  const clause = /constraint\s+[`"[]?([\w$]+)[`"\]]?\s+foreign\s+key\s*\(([^)]*)\)/gi;
  for (const [, name, columns] of createTable.matchAll(clause)) {
    names.set(
      columns!
        .split(',')
        .map((c) => c.trim().replace(/[`"[\]]/g, ''))
        .join(','),
      name!,
    );
  }
  return names;
}

/**
 * SQLite keeps no foreign key names in `pragma foreign_key_list`, so MikroORM's introspection
 * makes them up from indexName(table, columns) — fk_orders_customer_id — while the entities (and
 * the migrations) name them the book's way, fk_orders_customer_id_customers. Every foreign key
 * then looked dropped and re-added, and `schema:update` rebuilt ten tables of a freshly migrated
 * database. This reads the real names back from each table's CREATE statement, after MikroORM's
 * own introspection, through public API (loadInformationSchema, DatabaseTable.setForeignKeys).
 */
export class NamedForeignKeysSqliteSchemaHelper extends SqliteSchemaHelper {
  override async loadInformationSchema(...args: Parameters<SqliteSchemaHelper['loadInformationSchema']>): Promise<void> {
    await super.loadInformationSchema(...args);
    const [schema, connection, tables, , ctx] = args;
    const loaded = new Set(tables.map((t) => t.table_name));
    for (const table of schema.getTables()) {
      if (!loaded.has(table.name)) continue;
      // A quoted identifier, never the name as SQL text (the table's own name is a bound parameter).
      const prefix = table.schema ? `"${table.schema.replaceAll('"', '""')}".` : '';
      const row: { sql?: string } | undefined = await connection.execute<{ sql?: string }>(`select sql from ${prefix}sqlite_master where type = 'table' and name = ?`, [table.name], 'get', ctx);
      const names = foreignKeyNames(row?.sql ?? '');
      const renamed: ReturnType<typeof table.getForeignKeys> = {};
      for (const fk of Object.values(table.getForeignKeys())) {
        const name = names.get(fk.columnNames.join(',')) ?? fk.constraintName;
        renamed[name] = { ...fk, constraintName: name };
      }
      table.setForeignKeys(renamed);
      await this.readSortOrders(table, prefix, connection, ctx);
    }
  }

  /**
   * `pragma index_info`, which MikroORM reads, has no sort order, so an index declared
   * `(timestamp DESC, id)` looked changed on every diff. `pragma index_xinfo` has it: indexes
   * with a descending column get their columns' order back (public API: setIndexes).
   */
  private async readSortOrders(table: DatabaseTable, prefix: string, connection: Connection, ctx: Parameters<SqliteSchemaHelper['loadInformationSchema']>[4]): Promise<void> {
    let changed = false;
    const indexes: IndexDef[] = [];
    for (const index of table.getIndexes()) {
      if (index.primary || !index.keyName) {
        indexes.push(index);
        continue;
      }
      const info = await connection.execute<{ name: string | null; desc: number; key: number }[]>(`pragma ${prefix}index_xinfo("${index.keyName.replaceAll('"', '""')}")`, [], 'all', ctx);
      const keys = info.filter((row) => row.key && row.name);
      if (!keys.some((row) => row.desc)) {
        indexes.push(index);
        continue;
      }
      changed = true;
      indexes.push({ ...index, columns: keys.map((row) => (row.desc ? { name: row.name!, sort: 'DESC' as const } : { name: row.name! })) });
    }
    if (changed) table.setIndexes(indexes);
  }
}

export class RetroFunSqlitePlatform extends SqlitePlatform {
  private readonly namedForeignKeys = new NamedForeignKeysSqliteSchemaHelper(this);

  override getSchemaHelper(): SqliteSchemaHelper {
    return this.namedForeignKeys;
  }
}
