import { UnderscoreNamingStrategy, type MetadataStorage } from '@mikro-orm/core';

type IndexKind = Parameters<UnderscoreNamingStrategy['indexName']>[2];

/**
 * The book's naming convention (retrofun chapter 7 db.py), so that constraint names are
 * deterministic and identical on SQLite and PostgreSQL: pk_<table>, uq_<table>_<column>,
 * ix_<table>_<column>, ck_<table>_<name>. Foreign keys are named in {@link nameForeignKeys},
 * because their name includes the referred table, which indexName() is not told.
 */
export class RetroFunNamingStrategy extends UnderscoreNamingStrategy {
  override indexName(tableName: string, columns: string[], type: IndexKind): string {
    const table = tableName.includes('.') ? tableName.slice(tableName.indexOf('.') + 1) : tableName;
    const cols = columns.map((c) => c.replace(/\./g, '_')).join('_');
    switch (type) {
      case 'primary':
        return `pk_${table}`;
      case 'unique':
        return `uq_${table}_${cols}`;
      case 'index':
        return `ix_${table}_${cols}`;
      case 'check':
        return `ck_${table}_${cols}`;
      case 'foreign':
        return `fk_${table}_${cols}`;
      default:
        // Sequences keep PostgreSQL's own serial naming (<table>_<column>_seq).
        return super.indexName(tableName, columns, type);
    }
  }
}

/** Gives every foreign key the name fk_<table>_<column>_<referred table>, pivot tables included. */
export function nameForeignKeys(storage: MetadataStorage): void {
  for (const meta of storage.getAll().values()) {
    for (const prop of meta.relations) {
      const owning = prop.kind === 'm:1' || (prop.kind === '1:1' && prop.owner);
      if (!owning || prop.foreignKeyName || !prop.fieldNames?.length) continue;
      const target = prop.targetMeta?.tableName;
      if (!target) continue;
      prop.foreignKeyName = `fk_${meta.tableName}_${prop.fieldNames.join('_')}_${target}`;
    }
  }
}
