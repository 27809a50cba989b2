import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { renderClientErrorCodes } from '../graphql/error-codes.js';
import { createSchema } from '../graphql/schema.js';
import { projectRoot } from '../paths.js';
import { parseCommand } from './args.js';
import { runCli } from './run.js';

const SCHEMA_FILE = path.join(projectRoot(), 'schema.graphql');
const ERROR_CODES_FILE = path.join(projectRoot(), 'client', 'error-codes.ts');
const usage = `usage: npm run schema:emit   |   npm run schema:check
  schema:emit writes schema.graphql from the resolvers, and client/error-codes.ts from the
  published error codes; schema:check (--check) exits 1 when a committed file differs from them`;
const HEADER = '# Generated from the resolvers by `npm run schema:emit`; do not edit by hand.\n\n';

/** The SDL clients generate from, sorted so that moving code around does not reorder it. */
export async function renderSchema(): Promise<string> {
  return `${HEADER}${printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}

async function main(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { check: 'flag' });
  const outputs = [
    { file: SCHEMA_FILE, text: await renderSchema(), source: 'the resolvers' },
    { file: ERROR_CODES_FILE, text: renderClientErrorCodes(), source: 'src/graphql/error-codes.ts' },
  ];
  if (values.check) {
    let stale = 0;
    for (const { file, text, source } of outputs) {
      const committed = await readFile(file, 'utf8').catch(() => '');
      if (committed === text) continue;
      console.error(`${path.relative(projectRoot(), file)} is out of date with ${source}: run npm run schema:emit and commit it`);
      stale++;
    }
    if (stale) return 1;
    console.log('schema.graphql and client/error-codes.ts match the resolvers');
    return 0;
  }
  for (const { file, text } of outputs) {
    await writeFile(file, text);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
  return 0;
}

runCli({ usage, main });
