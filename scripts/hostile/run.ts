/**
 * npm run hostile -- [--requests N] [--seed N]: boots the service on DATABASE_URL (a temporary
 * SQLite file by default) in the mode NODE_ENV names, with the demo data, and sends it N hostile
 * requests. Each answer must be JSON, never HTML, a stack or a file path, never a 5xx, and never
 * take a second; then /health must answer within 200 ms while the most expensive request the
 * limits accept is running. Prints a summary; exit 1 on any violation.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSchema } from 'graphql';
import { bootstrap } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { accounts } from '../../src/modules/wiki/accounts.js';
import { PasswordHasher } from '../../src/modules/wiki/passwords.js';
import { Role } from '../../src/modules/wiki/user.entity.js';
import { randomOperation, seeded, structuralAttack, type Random } from './generate.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' } } });
const total = Number(values.requests);
const r: Random = seeded(Number(values.seed));
const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

const tmp = path.join(os.tmpdir(), `retrofun-hostile-${process.pid}.sqlite`);
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? tmp,
  SEED_DEMO: 'true',
  LOG_LEVEL: 'silent',
  JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
  BCRYPT_ROUNDS: process.env.NODE_ENV === 'production' ? '12' : '4',
};
const config = loadConfig(env);
const app = await bootstrap({ config, port: 0, host: '127.0.0.1' });
const base = app.url.replace('/graphql', '');
const violations: string[] = [];
const statuses = new Map<number, number>();
let slowest = { ms: 0, what: '' };

async function send(what: string, init: RequestInit & { path?: string }): Promise<void> {
  const started = performance.now();
  let status = 0;
  let text = '';
  let type = '';
  try {
    const res = await fetch(`${base}${init.path ?? '/graphql'}`, { ...init, signal: AbortSignal.timeout(5_000) });
    status = res.status;
    type = res.headers.get('content-type') ?? '';
    text = await res.text();
  } catch (error) {
    violations.push(`${what}: no answer (${(error as Error).message})`);
    return;
  }
  const ms = performance.now() - started;
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  if (ms > slowest.ms) slowest = { ms, what };
  const problems = [
    status >= 500 && `status ${status}`,
    // A 204 (a CORS preflight) has no body at all; everything else answers JSON.
    status !== 204 && !/json/.test(type) && `content-type "${type}"`,
    status === 204 && text !== '' && 'a body with 204',
    /<html|<!doctype/i.test(text) && 'HTML',
    /\bat [\w$.<>]+ \(|\.ts:\d+:\d+|node_modules|\/work\//.test(text) && 'a stack or path',
    /\$2[aby]\$\d\d\$/.test(text) && 'a password hash',
    ms > 1_000 && `${Math.round(ms)} ms`,
  ].filter(Boolean);
  if (problems.length) violations.push(`${what}: ${problems.join(', ')}: ${text.slice(0, 300)}`);
}

// Who sends: nobody, an editor, a forged token, a broken header.
const editorPassword = 'hostile editor password';
if (config.production) await accounts.create(app.orm.em, { passwords: new PasswordHasher(4), policy: { minLength: 12 } }, 'hostile.editor', Role.EDITOR, editorPassword);
const login = await fetch(app.url, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: `mutation { login(input: { name: "${config.production ? 'hostile.editor' : 'editor'}", password: "${config.production ? editorPassword : 'editor'}" }) { token } }` }),
});
const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
const authHeaders = [
  {},
  { authorization: `Bearer ${token}` },
  { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.' },
  { authorization: 'Basic YWRtaW46YWRtaW4=' },
  { authorization: `Bearer ${token}`, 'x-loading-strategy': 'lazy' },
  { 'x-loading-strategy': pick(['lazy', 'LAZY', 'eager', 'warp', '']) },
];

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const malformed: (() => [string, RequestInit & { path?: string }])[] = [
  () => ['bad JSON', json('{"query": "{ __typename }"')],
  () => ['JSON array batch', json([{ query: '{ __typename }' }, { query: '{ me { name } }' }])],
  () => ['JSON null', json('null')],
  () => ['JSON string', json('"{ __typename }"')],
  () => ['query not a string', json({ query: { a: 1 } })],
  () => ['variables not an object', json({ query: '{ __typename }', variables: [1, 2] })],
  () => ['unknown operationName', json({ query: 'query A { __typename }', operationName: 'B' })],
  () => ['persisted query hash', json({ extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } })],
  () => ['subscription', json({ query: 'subscription { products { totalCount } }' })],
  () => ['text/plain', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ __typename }' }],
  () => ['form body', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' }],
  () => ['odd charset', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-7' }, body: '{"query":"{ __typename }"}' }],
  () => ['gzip that is not', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'not gzip' }],
  () => ['2 MB body', json({ query: '{ __typename }', variables: { pad: 'x'.repeat(2_000_000) } })],
  () => ['GET query', { method: 'GET', path: `/graphql?query=${encodeURIComponent('{ products(first: 2) { nodes { name } } }')}` }],
  () => [
    'GET mutation',
    { method: 'GET', path: `/graphql?query=${encodeURIComponent('mutation { recordPageView(input: { articleId: "x" }) { userId } }')}`, headers: { 'apollo-require-preflight': '1' } },
  ],
  () => {
    const method = pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS']);
    return [`${method} /graphql`, { method, headers: { 'content-type': 'application/json', origin: 'https://elsewhere.example' }, body: '{}' }];
  },
  () => ['random path', { method: 'GET', path: pick(['/', '/admin', '/.env', '/graphql/../../etc/passwd', '/health?x=1', '/%00', '/graphiql']) }],
];

for (let i = 0; i < total; i++) {
  const kind = r();
  if (kind < 0.6) {
    const query = randomOperation(r, schema);
    await send(`fuzz #${i}`, json({ query }, pick(authHeaders) as Record<string, string>));
  } else if (kind < 0.75) {
    await send(`structural #${i}`, json({ query: structuralAttack(r) }, pick(authHeaders) as Record<string, string>));
  } else {
    const [what, init] = pick(malformed)();
    await send(`${what} #${i}`, init);
  }
}

// The most expensive request the limits accept, and /health meanwhile.
// Near the cost limit (100 + 100 × 100 + 100 × 100 × 48 = 490,100 of 500,000 nodes, GitHub's count), under the lazy strategy.
const worst = `{ manufacturers(first: 100) { nodes { name products(first: 100) { nodes { name manufacturer { name } countries { name } reviews(first: 48) { nodes { rating customer { name } } } } } } } }`;
const worstRequest = () => fetch(app.url, json({ query: worst }, { authorization: `Bearer ${token}`, ...(config.loadingStrategyHeader === 'off' ? {} : { 'x-loading-strategy': 'lazy' }) }));
// On a warm service, as in production: the first run of a query pays for compiling its code paths.
for (let i = 0; i < 3; i++) await (await worstRequest()).text();
const heavy = performance.now();
const running = worstRequest();
const health = performance.now();
const healthRes = await fetch(`${base}/health`);
const healthMs = performance.now() - health;
const heavyRes = await running;
const heavyMs = performance.now() - heavy;
const heavyBody = (await heavyRes.json()) as { errors?: unknown[]; extensions?: { cost?: { requested: number }; sql?: { statements: number } } };
if (heavyBody.errors) violations.push(`worst accepted request failed: ${JSON.stringify(heavyBody.errors).slice(0, 300)}`);
if (healthRes.status !== 200 || healthMs > 200) violations.push(`/health took ${Math.round(healthMs)} ms (status ${healthRes.status}) while the worst accepted request ran`);
if (heavyMs > 1_000) violations.push(`the worst accepted request took ${Math.round(heavyMs)} ms`);

await app.close();
if (!process.env.DATABASE_URL) for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
const byStatus = [...statuses.entries()]
  .sort(([a], [b]) => a - b)
  .map(([s, n]) => `${s}×${n}`)
  .join(' ');
console.log(
  `hostile (${config.database.dialect}, ${config.nodeEnv}, seed ${values.seed}): ${total} requests [${byStatus}], slowest ${Math.round(slowest.ms)} ms (${slowest.what}); worst accepted request ${Math.round(heavyMs)} ms, /health meanwhile ${Math.round(healthMs)} ms`,
);
for (const v of violations.slice(0, 30)) console.log(`  violation: ${v}`);
console.log(`hostile: ${total + 1} checks, ${violations.length} violations`);
process.exit(violations.length ? 1 : 0);
