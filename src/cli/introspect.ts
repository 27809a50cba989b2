import 'reflect-metadata';
// Installed under an npm alias: MikroORM's CLI refuses any @mikro-orm/* dependency whose version
// differs from core's, and the generator is published up to 7.1.11 only (docs/data.md, "Reflection and adopting the book's database").
import { EntityGenerator } from 'mikro-orm-entity-generator';
import { loadConfig } from '../config.js';
import { openOrm } from '../db/orm.js';
import { assertSafeNames, UnsafeNameError } from '../db/safe-names.js';
import { databaseUrlOption, parseCommand, UsageError } from './args.js';
import { runCli } from './run.js';

const usage = `usage: npm run db:introspect -- --out <dir> [--url <database url>]
  MikroORM entities generated from an existing database (default: DATABASE_URL), one file per table`;

/**
 * npm run db:introspect -- --out DIR: MikroORM entities generated from an existing database (the
 * Pylons tutorial's reflected tables), one file per table, to read or adopt. The ORM is opened
 * without this service's entities, so what is written is what the database holds, nothing else.
 */
async function main(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { out: 'value', url: 'value' });
  if (values.out === undefined) throw new UsageError('--out is required');
  const db = values.url !== undefined ? databaseUrlOption('url', values.url) : loadConfig(process.env, { requireJwtSecret: false }).database;
  const orm = await openOrm(db, {
    entities: [],
    discovery: { warnWhenNoEntities: false },
    extensions: [EntityGenerator],
    // The migrations' own bookkeeping is not part of the model.
    entityGenerator: { skipTables: ['mikro_orm_migrations'] },
  });
  try {
    // Before the generator sees any name: it puts names into SQL text and regular expressions.
    await assertSafeNames(orm.em.fork());
    const started = performance.now();
    // Every table gets its file, association tables too, so that nothing the database holds is implied;
    // each decorator names its type, so the files need no emitted decorator metadata.
    const files = await orm.entityGenerator.generate({
      save: true,
      path: values.out,
      esmImport: true,
      bidirectionalRelations: true,
      outputPurePivotTables: true,
      entityDefinition: 'decorators',
      decorators: 'legacy',
      scalarTypeInDecorator: true,
    });
    console.log(`wrote ${files.length} entity file(s) to ${values.out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await orm.close();
  }
}

runCli({ usage, main, expected: [UnsafeNameError] });
