import { existsSync } from 'node:fs';
import path from 'node:path';
import type { EntityManager, MikroORM } from '@mikro-orm/sql';
import type { Progress } from '../../cli/progress.js';
import { ImportError, readCsv } from './csv.js';
import { articlesImporter } from './import-articles.js';
import { ordersImporter } from './import-orders.js';
import { productsImporter } from './import-products.js';
import { reviewsImporter } from './import-reviews.js';
import type { CsvImporter, ImportStats } from './import-stats.js';
import { viewsImporter } from './import-views.js';

/** In dependency order: later files refer to rows of earlier ones. */
export const IMPORTERS: readonly CsvImporter[] = [productsImporter, ordersImporter, reviewsImporter, articlesImporter, viewsImporter];

/**
 * Imports one file in one transaction: any bad row aborts it with an ImportError naming the line
 * and column, and the database is left exactly as it was. Re-importing adds nothing.
 */
export async function importFile(orm: MikroORM, file: string, progress: Progress): Promise<ImportStats> {
  const importer = IMPORTERS.find((i) => i.file === path.basename(file));
  if (!importer) throw new ImportError(file, null, null, `unknown file: expected one of ${IMPORTERS.map((i) => i.file).join(', ')}`);
  const started = performance.now();
  const rows = await readCsv(file, importer.columns);
  progress.step(importer.file, rows.length);
  const inserted = await orm.em.fork().transactional((tx) => importer.run(tx as EntityManager, rows, progress));
  return { file: importer.file, read: rows.length, inserted, skipped: rows.length - inserted, seconds: (performance.now() - started) / 1000 };
}

/** Imports whichever of the known files a folder holds, in dependency order. */
export async function importFolder(orm: MikroORM, dir: string, progress: Progress): Promise<ImportStats[]> {
  const files = IMPORTERS.map((i) => path.join(dir, i.file)).filter((f) => existsSync(f));
  if (!files.length) throw new ImportError(dir, null, null, `holds none of ${IMPORTERS.map((i) => i.file).join(', ')}`);
  const stats: ImportStats[] = [];
  for (const file of files) stats.push(await importFile(orm, file, progress));
  return stats;
}
