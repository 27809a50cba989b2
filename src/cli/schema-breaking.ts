import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { compareSchemas, SchemaSdlError } from '../graphql/documents/breaking.js';
import { readDocuments } from '../graphql/documents/manifest.js';
import { createSchema } from '../graphql/schema.js';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { projectRoot } from '../paths.js';
import { CommandError, parseCommand } from './args.js';
import { runCli } from './run.js';

const usage = `usage: npm run schema:breaking [-- --against <file>] [--schema <file>] [--documents <dir>] [--strict]
  Compares the schema of the resolvers (or --schema) with the last released schema.graphql and
  validates every trusted document against it. Released: --against <file>; else schema.graphql at
  the newest git tag reachable from HEAD; else at HEAD's merge-base with main, when HEAD is on
  another branch; else at HEAD~1; else at HEAD (a clone without history). Documents: the service's
  manifest and PERSISTED_DOCUMENTS_DIR's, or only the *.json in --documents.
  Exit 1 when a document breaks (or, with --strict, on any breaking change); deprecations used by a
  document are warnings.`;

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: projectRoot(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** The released schema.graphql and where it came from (see the usage). */
function released(): { sdl: string; from: string } {
  const head = git(['rev-parse', 'HEAD']);
  const tag = git(['describe', '--tags', '--abbrev=0', 'HEAD']);
  const base = git(['merge-base', 'HEAD', 'main']);
  const candidates: [string | undefined, string][] = [
    [tag, `the newest tag, ${tag}`],
    [base && base !== head ? base : undefined, "HEAD's merge-base with main"],
    [git(['rev-parse', '--verify', '--quiet', 'HEAD~1']), 'HEAD~1'],
    [head, 'HEAD (no earlier commit)'],
  ];
  for (const [ref, from] of candidates) {
    const sdl = ref && git(['show', `${ref}:schema.graphql`]);
    if (sdl) return { sdl, from: `schema.graphql at ${from}` };
  }
  throw new CommandError('no released schema.graphql in git history: pass --against <file>');
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CommandError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code})`);
  }
}

async function main(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { against: 'value', schema: 'value', documents: 'value', strict: 'flag' });
  const base = values.against !== undefined ? { sdl: read(values.against), from: values.against } : released();
  const current = values.schema !== undefined ? read(values.schema) : printSchema(lexicographicSortSchema(await createSchema()));
  const config = loadConfig(process.env, { requireJwtSecret: false });
  const files =
    values.documents !== undefined
      ? readdirSync(values.documents)
          .filter((n) => n.endsWith('.json'))
          .sort()
          .map((n) => path.join(values.documents!, n))
      : undefined;
  const documents = readDocuments({ dir: config.trustedDocuments.dir, files });
  const result = compareSchemas(base.sdl, current, documents, { strict: values.strict === true });
  console.log(`compared with ${base.from}; ${documents.length} trusted documents`);
  for (const line of result.lines) console.log(line);
  if (result.exitCode) console.error(`${result.broken.length ? `documents broken: ${result.broken.join(', ')}` : `${result.breaking} breaking changes (--strict)`}`);
  else console.log(`no trusted document breaks${result.breaking ? ` (${result.breaking} breaking changes no trusted document uses)` : ''}`);
  return result.exitCode;
}

runCli({ usage, main, expected: [SchemaSdlError] });
