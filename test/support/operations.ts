import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOADING_STRATEGIES, type LoadingStrategy } from '../../src/loading/strategy.js';

export const OPERATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../operations');
export const BUDGETS_FILE = path.join(OPERATIONS_DIR, 'budgets.json');

export interface Operation {
  name: string;
  document: string;
  /** The variables it runs with in tests and measurements (operations/variables.json). */
  variables: Record<string, unknown>;
}

/** Example operations declare their variables without defaults (clients pass them); these are the values tests use. */
export function loadVariables(): Record<string, Record<string, unknown>> {
  return JSON.parse(readFileSync(path.join(OPERATIONS_DIR, 'variables.json'), 'utf8')) as Record<string, Record<string, unknown>>;
}

/** Per operation: SQL statements under each strategy, and its computed cost (the same for all). */
export type Budgets = Record<string, Record<LoadingStrategy | 'cost', number>>;

/** The example operations, one named operation per .graphql file (queries at the top, or those of a sub-folder). */
export function loadOperations(folder = ''): Operation[] {
  const dir = path.join(OPERATIONS_DIR, folder);
  const variables = loadVariables();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.graphql$/, '');
      return { name, document: readFileSync(path.join(dir, f), 'utf8'), variables: variables[name] ?? {} };
    });
}

export function loadBudgets(): Budgets {
  return JSON.parse(readFileSync(BUDGETS_FILE, 'utf8')) as Budgets;
}

export { LOADING_STRATEGIES };
