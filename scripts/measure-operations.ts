/**
 * Runs every example operation under each loading strategy against the demo data and prints
 * the SQL statements each costs; with --write, records them as the budgets the tests enforce.
 * Usage: npm run ops:measure [-- --write]   (DATABASE_URL selects the database; default a temp SQLite)
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { startTestApp } from '../test/support/app.js';
import { headersFor, type Who } from '../test/support/auth.js';
import { BUDGETS_FILE, LOADING_STRATEGIES, loadOperations, type Budgets } from '../test/support/operations.js';

const t = await startTestApp();
try {
  // As an editor, like the tests: orders and customers are editors-only.
  const editor = await headersFor(t, 'editor', new Map<Who, Record<string, string>>());
  const budgets: Budgets = {};
  const rows: string[] = [`| operation | cost | ${LOADING_STRATEGIES.join(' | ')} |`, `| --- | ---: |${LOADING_STRATEGIES.map(() => ' ---: |').join('')}`];
  for (const op of loadOperations()) {
    const counts = {} as Budgets[string];
    for (const strategy of LOADING_STRATEGIES) {
      const res = await t.gql(op.document, op.variables, { ...editor, 'x-loading-strategy': strategy });
      if (res.errors) throw new Error(`${op.name} (${strategy}): ${JSON.stringify(res.errors)}`);
      counts[strategy] = (res.extensions!.sql as { statements: number }).statements;
      counts.cost = (res.extensions!.cost as { requested: number }).requested;
    }
    budgets[op.name] = counts;
    rows.push(`| ${op.name} | ${counts.cost} | ${LOADING_STRATEGIES.map((s) => counts[s]).join(' | ')} |`);
  }
  console.log(rows.join('\n'));
  if (process.argv.includes('--write')) {
    writeFileSync(BUDGETS_FILE, `${JSON.stringify(budgets, null, 2)}\n`);
    console.log(`wrote ${BUDGETS_FILE}`);
  }
} finally {
  await t.close();
}
