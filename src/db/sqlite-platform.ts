import { SqlitePlatform, SqliteSchemaHelper, type AbstractSqlConnection } from '@mikro-orm/sql';

interface ForeignKey {
  constraintName: string;
  columnNames: string[];
}
type ForeignKeys = Record<string, ForeignKey>;
type GetForeignKeys = (connection: AbstractSqlConnection, tableName: string, schemaName?: string, ctx?: unknown) => Promise<ForeignKeys>;

/** `constraint `name` foreign key (`a`, `b`)` clauses of a CREATE TABLE statement: columns → name. */
export function foreignKeyNames(createTable: string): Map<string, string> {
  const names = new Map<string, string>();
  const clause = /constraint\s+[`"[]?([\w$]+)[`"\]]?\s+foreign\s+key\s*\(([^)]*)\)/gi;
  for (const [, name, columns] of createTable.matchAll(clause)) {
    names.set(columns!.split(',').map((c) => c.trim().replace(/[`"[\]]/g, '')).join(','), name!);
  }
  return names;
}

/**
 * SQLite keeps no foreign key names in `pragma foreign_key_list`, so MikroORM's introspection
 * makes them up from indexName(table, columns) — fk_orders_customer_id — while the entities (and
 * the migrations) name them the book's way, fk_orders_customer_id_customers. Every foreign key
 * then looked dropped and re-added, and `schema:update` rebuilt ten tables of a freshly migrated
 * database. This reads the real names back from the table's CREATE statement.
 */
export class NamedForeignKeysSqliteSchemaHelper extends SqliteSchemaHelper {}

// getForeignKeys is private in MikroORM's typings (called by its own loadInformationSchema), so
// it is replaced on the prototype rather than overridden.
const inherited = (SqliteSchemaHelper.prototype as unknown as { getForeignKeys: GetForeignKeys }).getForeignKeys;
(NamedForeignKeysSqliteSchemaHelper.prototype as unknown as { getForeignKeys: GetForeignKeys }).getForeignKeys = async function (
  this: SqliteSchemaHelper,
  connection,
  tableName,
  schemaName,
  ctx,
) {
  const found = await inherited.call(this, connection, tableName, schemaName, ctx);
  // A quoted identifier, never the name as SQL text (the table's own name is a bound parameter).
  const prefix = schemaName ? `"${schemaName.replaceAll('"', '""')}".` : '';
  const row = (await connection.execute(`select sql from ${prefix}sqlite_master where type = 'table' and name = ?`, [tableName], 'get', ctx as never)) as { sql?: string } | undefined;
  const names = foreignKeyNames(row?.sql ?? '');
  const renamed: ForeignKeys = {};
  for (const fk of Object.values(found)) {
    const name = names.get(fk.columnNames.join(',')) ?? fk.constraintName;
    renamed[name] = { ...fk, constraintName: name };
  }
  return renamed;
};

export class RetroFunSqlitePlatform extends SqlitePlatform {
  protected override readonly schemaHelper: SqliteSchemaHelper = new NamedForeignKeysSqliteSchemaHelper(this);
}
