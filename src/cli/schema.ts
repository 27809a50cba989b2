import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createSchema } from '../graphql/schema.js';
import { projectRoot } from '../paths.js';
import { parseCommand } from './args.js';
import { runCli } from './run.js';

const SCHEMA_FILE = path.join(projectRoot(), 'schema.graphql');
const usage = `usage: npm run schema:emit   |   npm run schema:check
  schema:emit writes schema.graphql from the resolvers; schema:check (--check) exits 1 when the
  committed file differs from them`;
const HEADER = '# Generated from the resolvers by `npm run schema:emit`; do not edit by hand.\n\n';

/** The SDL clients generate from, sorted so that moving code around does not reorder it. */
export async function renderSchema(): Promise<string> {
  return `${HEADER}${printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}

async function main(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { check: 'flag' });
  const sdl = await renderSchema();
  if (values.check) {
    const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
    if (committed !== sdl) {
      console.error('schema.graphql is out of date with the resolvers: run npm run schema:emit and commit it');
      return 1;
    }
    console.log('schema.graphql matches the resolvers');
    return 0;
  }
  await writeFile(SCHEMA_FILE, sdl);
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
  return 0;
}

runCli({ usage, main });
