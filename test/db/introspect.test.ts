import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { EntityMetadata, EntityProperty } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrmOptions } from '../../mikro-orm.config.js';
import { openMigratedOrm, type TestOrm } from '../support/orm.js';
import { ROOT, runEntry } from '../support/process.js';

/** Tables, primary-key columns and foreign keys (columns → referenced table) of a set of metadata. */
function shape(metas: EntityMetadata[]) {
  const tables = new Map<string, { pk: string[]; fks: string[] }>();
  const add = (table: string, pk: string[], fks: string[]) => {
    const known = tables.get(table);
    tables.set(table, { pk: known?.pk.length ? known.pk : pk, fks: [...new Set([...(known?.fks ?? []), ...fks])].sort() });
  };
  for (const meta of metas) {
    if (meta.embeddable || meta.virtual) continue;
    const own = (meta.inheritanceType === 'tpt' && meta.tptParent ? [...meta.getPrimaryProps(), ...(meta.ownProps ?? [])] : Object.values(meta.properties)) as EntityProperty[];
    const fks = own.filter((p) => p.persist !== false && (p.kind === 'm:1' || (p.kind === '1:1' && p.owner))).map((p) => `${p.fieldNames.join(',')}->${p.targetMeta!.tableName}`);
    // A table-per-type subtype's key is also a foreign key to its parent's table.
    if (meta.inheritanceType === 'tpt' && meta.tptParent)
      fks.push(
        `${meta
          .getPrimaryProps()
          .flatMap((p) => p.fieldNames)
          .join(',')}->${meta.tptParent.tableName}`,
      );
    add(
      meta.tableName,
      meta.getPrimaryProps().flatMap((p) => p.fieldNames),
      fks,
    );
  }
  return new Map([...tables].sort(([a], [b]) => a.localeCompare(b)));
}

/** npm run db:introspect on a database built by the migrations: every table, key and relation. */
describe('npm run db:introspect', () => {
  let t: TestOrm;
  let out: string;
  beforeAll(async () => {
    t = await openMigratedOrm();
    // Inside the project's test folder, so that the generated files resolve @mikro-orm/core and
    // are compiled with the project's TypeScript settings (legacy decorators). Git ignores it.
    out = path.join(ROOT, 'test', `introspected-${process.pid}-${Date.now()}`);
    mkdirSync(out, { recursive: true });
  });
  afterAll(async () => {
    rmSync(out, { recursive: true, force: true });
    await t?.close();
  });

  it('generates entities that find every table, primary key and foreign key of the schema', async () => {
    const run = await runEntry('src/cli/introspect', ['--out', out], { DATABASE_URL: t.db.config.url, LOG_LEVEL: 'silent' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = readdirSync(out).filter((f) => f.endsWith('.ts'));
    expect(run.stdout).toMatch(new RegExp(`^wrote ${files.length} entity file\\(s\\) to `));

    const schemas: unknown[] = [];
    for (const file of files) {
      const mod = (await import(path.join(out, file))) as Record<string, unknown>;
      schemas.push(...Object.values(mod).filter((v) => typeof v === 'function'));
    }
    expect(schemas.length).toBe(files.length);
    // The generated model must itself be valid: MikroORM discovers it against the same database.
    const generated = await MikroORM.init({ ...createOrmOptions(t.db.config), entities: schemas as never[] });
    try {
      const expected = shape([...t.orm.getMetadata().getAll().values()]);
      const actual = shape([...generated.getMetadata().getAll().values()]);
      // PostgreSQL also holds the login rate limits' table, which no entity maps: found all the same.
      if (t.db.config.dialect === 'postgresql') expect(actual.get('rate_limits')).toEqual({ pk: ['key'], fks: [] });
      actual.delete('rate_limits');
      // Each public table's version for HTTP caching (migration table_versions): written by triggers, read raw, no entity.
      expect(actual.get('table_versions')).toEqual({ pk: ['name'], fks: [] });
      actual.delete('table_versions');
      // Partitioned by month on PostgreSQL, page views' primary key holds the partition key too
      // (docs/operations.md, "Partitioned page views"); the partitions themselves are not tables of the model.
      if (t.db.config.dialect === 'postgresql') {
        expect(actual.get('blog_views')?.pk).toEqual(['id', 'timestamp']);
        actual.get('blog_views')!.pk = ['id'];
      }
      expect([...actual.keys()]).toEqual([...expected.keys()]);
      for (const [table, want] of expected) expect({ table, ...actual.get(table) }).toEqual({ table, ...want });
      // The relations the book navigates are there as properties, not just as columns.
      const products = [...generated.getMetadata().getAll().values()].find((m) => m.tableName === 'products')!;
      expect(Object.values(products.properties).map((p) => `${p.kind}:${p.targetMeta?.tableName ?? ''}`)).toEqual(
        expect.arrayContaining(['m:1:manufacturers', 'm:n:countries', '1:m:orders_items', '1:m:products_reviews']),
      );
    } finally {
      await generated.close(true);
    }
  });

  it('explains its usage', async () => {
    const bad = await runEntry('src/cli/introspect', [], { DATABASE_URL: t.db.config.url });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/usage: npm run db:introspect -- --out <dir>/);
  });
});
