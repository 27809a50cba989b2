import type { EntityManager } from '@mikro-orm/sql';
import type { Progress } from '../../cli/progress.js';
import type { CsvRow } from './csv.js';

/** What importing one file did. */
export interface ImportStats {
  file: string;
  read: number;
  inserted: number;
  skipped: number;
  seconds: number;
}

/** One kind of CSV file: its name, its required columns, and how its rows are written. */
export interface CsvImporter {
  file: string;
  columns: readonly string[];
  /** Writes the rows inside the file's transaction; returns how many were new. */
  run(tx: EntityManager, rows: CsvRow[], progress: Progress): Promise<number>;
}

export function byName<T extends { name: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.name, r]));
}
