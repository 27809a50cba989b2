import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { loadTrustedDocuments, type TrustedDocument } from '../graphql/documents/manifest.js';
import { createSchema } from '../graphql/schema.js';
import { projectRoot } from '../paths.js';
import { parseCommand } from './args.js';
import { runCli } from './run.js';

const usage = `usage: npm run documents:report
  Loads the trusted documents as the service does (its own manifest, client/generated/persisted-documents.json,
  and every *.json in PERSISTED_DOCUMENTS_DIR), checks each id against its text, validates each document
  and measures it: prints name, id, cost (every variable at its largest), depth and, for the service's
  own operations, their statement budget (operations/budgets.json) under LOADING_STRATEGY. Exits 1,
  with one line naming the file and the document, when a manifest would stop the service.`;

type Budgets = Record<string, Record<string, number>>;

function budgets(): Budgets {
  try {
    return JSON.parse(readFileSync(path.join(projectRoot(), 'operations', 'budgets.json'), 'utf8')) as Budgets;
  } catch {
    return {};
  }
}

/** The report as a Markdown table, one row per document in manifest order. */
export function documentsTable(documents: Iterable<TrustedDocument>, statements: (d: TrustedDocument) => number | undefined): string {
  const rows = ['| name | id | cost | depth | statements | manifest |', '| --- | --- | ---: | ---: | ---: | --- |'];
  for (const d of documents) rows.push(`| ${d.name} | ${d.id} | ${d.cost ?? '?'} | ${d.depth} | ${statements(d) ?? '–'} | ${d.file} |`);
  return rows.join('\n');
}

async function main(args: string[]): Promise<number> {
  parseCommand(args, {});
  const config = loadConfig(process.env, { requireJwtSecret: false });
  const documents = loadTrustedDocuments(await createSchema(), { dir: config.trustedDocuments.dir, costLimit: config.limits.cost });
  const budget = budgets();
  const ownManifest = path.join('client', 'generated', 'persisted-documents.json');
  console.log(documentsTable(documents.values(), (d) => (d.file === ownManifest ? budget[d.name]?.[config.loadingStrategy] : undefined)));
  console.log(`\n${documents.size} trusted documents; QUERY_COST_LIMIT ${config.limits.cost}, QUERY_DEPTH_LIMIT ${config.queryDepthLimit}, TRUSTED_DOCUMENTS=${config.trustedDocuments.mode}`);
  return 0;
}

runCli({ usage, main });
