import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOADING_STRATEGIES, type LoadingStrategy } from '../../src/loading/strategy.js';

export const OPERATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../operations');
export const BUDGETS_FILE = path.join(OPERATIONS_DIR, 'budgets.json');

export interface Operation {
  name: string;
  document: string;
}

/** Per operation: SQL statements under each strategy, and its computed cost (the same for all). */
export type Budgets = Record<string, Record<LoadingStrategy | 'cost', number>>;

/** The example operations, one named operation per .graphql file. */
export function loadOperations(): Operation[] {
  return readdirSync(OPERATIONS_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => ({ name: f.replace(/\.graphql$/, ''), document: readFileSync(path.join(OPERATIONS_DIR, f), 'utf8') }));
}

export function loadBudgets(): Budgets {
  return JSON.parse(readFileSync(BUDGETS_FILE, 'utf8')) as Budgets;
}

export { LOADING_STRATEGIES };
