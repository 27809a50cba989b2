import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHED_ERROR_CODES } from '../../src/graphql/error-codes.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';
import { finished, ROOT } from '../support/process.js';

/** Packages a front-end team installs for this set-up, linked from this repository's node_modules (no network). */
const PACKAGES = ['@graphql-codegen', '@graphql-typed-document-node', '@types/node', 'graphql', 'typescript'];

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
    skipLibCheck: true,
    types: ['node'],
    outDir: 'dist',
  },
  include: ['src', 'codegen.ts', 'retrofun-codegen.ts'],
};

const CODEGEN = `import { retrofunCodegenConfig } from './retrofun-codegen.js';

export default retrofunCodegenConfig({ schema: 'schema.graphql', documents: ['src/**/*.graphql'], output: 'src/gql/' });
`;

const DOCUMENTS = `query Staff($first: Int!) {
  employees(first: $first) { nodes { id name hiredOn } }
}

mutation SignIn($name: String!, $password: String!) {
  login(input: { name: $name, password: $password }) { token expiresAt }
}
`;

// The client: branches on a published code, then reads both custom scalars into variables typed
// `string`, which tsc refuses if codegen mapped them to `unknown` (or failed to map them).
const MAIN = `import { ErrorCode, errorCode } from './error-codes.js';
import { SignInDocument, StaffDocument, type TypedDocumentString } from './gql/graphql.js';

const url = process.argv[2]!;

async function post<R, V>(document: TypedDocumentString<R, V>, variables: V, token?: string): Promise<{ data?: R | null; errors?: unknown[] }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: \`Bearer \${token}\` } : {}) },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  return (await res.json()) as { data?: R | null; errors?: unknown[] };
}

const anonymous = await post(StaffDocument, { first: 1 });
const code = errorCode(anonymous.errors?.[0]);
if (code !== ErrorCode.UNAUTHENTICATED) throw new Error(\`expected UNAUTHENTICATED, got \${JSON.stringify(anonymous)}\`);
const signedIn = await post(SignInDocument, { name: 'basic', password: 'basic' });
if (!signedIn.data?.login) throw new Error(\`sign-in failed: \${JSON.stringify(signedIn)}\`);
const expiresAt: string = signedIn.data.login.expiresAt;
const staff = await post(StaffDocument, { first: 1 }, signedIn.data.login.token);
const hiredOn: string | undefined = staff.data?.employees.nodes[0]?.hiredOn;
console.log(JSON.stringify({ code, expiresAt, expiresAtType: typeof expiresAt, hiredOn, hiredOnType: typeof hiredOn }));
`;

/** Runs a package's command-line entry with this Node, in the project. */
async function run(dir: string, bin: string, args: string[]): Promise<string> {
  const result = await finished(spawn(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, NODE_ENV: 'development', NO_COLOR: '1' } }));
  if (result.code !== 0) throw new Error(`${path.basename(bin)} ${args.join(' ')} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** A package's command-line entry, as its package.json declares it. */
function binOf(dir: string, pkg: string, name: string): string {
  const manifest = createRequire(path.join(dir, 'package.json')).resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return path.join(path.dirname(manifest), bin[name]!);
}

describe('a stock client project outside the repository', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp();
    await headersFor(t, 'basic', new Map<Who, Record<string, string>>()); // creates the demo account the client signs in as
    dir = mkdtempSync(path.join(realpathSync(os.tmpdir()), 'retrofun-client-'));
    mkdirSync(path.join(dir, 'node_modules', '@types'), { recursive: true });
    const modules = realpathSync(path.join(ROOT, 'node_modules'));
    for (const pkg of PACKAGES) symlinkSync(path.join(modules, pkg), path.join(dir, 'node_modules', pkg), 'dir');
  });

  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('generates with the shared config, compiles under strict NodeNext and branches on a published code', async () => {
    expect(path.relative(ROOT, dir).startsWith('..')).toBe(true);
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'retrofun-client-check', private: true, type: 'module' }));
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
    writeFileSync(path.join(dir, 'codegen.ts'), CODEGEN);
    copyFileSync(path.join(ROOT, 'client/codegen-config.ts'), path.join(dir, 'retrofun-codegen.ts'));
    copyFileSync(path.join(ROOT, 'schema.graphql'), path.join(dir, 'schema.graphql'));
    mkdirSync(path.join(dir, 'src'));
    copyFileSync(path.join(ROOT, 'client/error-codes.ts'), path.join(dir, 'src/error-codes.ts'));
    writeFileSync(path.join(dir, 'src/operations.graphql'), DOCUMENTS);
    writeFileSync(path.join(dir, 'src/main.ts'), MAIN);

    await run(dir, binOf(dir, '@graphql-codegen/cli', 'graphql-codegen'), ['--config', 'codegen.ts']);
    const generated = readFileSync(path.join(dir, 'src/gql/graphql.ts'), 'utf8');
    expect(generated).toMatch(/expiresAt: string\b/);
    expect(generated).toMatch(/hiredOn: string\b/);
    await run(dir, binOf(dir, 'typescript', 'tsc'), ['-p', '.']);
    const out = JSON.parse(await run(dir, path.join(dir, 'dist/src/main.js'), [t.app.url])) as Record<string, string>;

    expect(out.code! in PUBLISHED_ERROR_CODES).toBe(true);
    expect(out).toMatchObject({ code: 'UNAUTHENTICATED', expiresAtType: 'string', hiredOnType: 'string' });
    expect(new Date(out.expiresAt!).toISOString()).toBe(out.expiresAt);
    expect(out.hiredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
