import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, ROOT, runEntry as runProjectEntry } from '../../test/support/process.js';

export { ROOT, freePort };

/** A server under test: where to send requests, its process (for CPU time) and how to stop it. */
export interface Target {
  name: string;
  url: string;
  pid: number;
  headers: Record<string, string>;
  stop(): Promise<void>;
}

/** Runs a project entry point to completion (migrate, seed, user), failing loudly. */
export async function runEntry(entry: string, args: string[], env: Record<string, string>, stdin = ''): Promise<string> {
  const run = await runProjectEntry(entry, args, env, stdin);
  if (run.code !== 0) throw new Error(`${entry} ${args.join(' ')} failed (${run.code}):\n${run.stdout}${run.stderr}`);
  return run.stdout + run.stderr;
}

/** Polls with `body` (a GraphQL server's `{ __typename }` by default) until the server answers 200. */
async function waitFor(url: string, child: ChildProcess, output: () => string, body = '{"query":"{ __typename }"}'): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer at ${url} within 60 s:\n${output()}`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('close', r));
  };
}

function launch(command: string, args: string[], env: Record<string, string>, cwd = ROOT) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-4000)));
  child.stderr!.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-4000)));
  return { child, output: () => out };
}

/**
 * The benchmark's editor account (orders and sales need one), with a fresh password: created, or
 * on a database that has it already, given the new password (which revokes its older tokens).
 */
export async function benchEditor(databaseUrl: string): Promise<string> {
  const password = randomBytes(12).toString('base64url');
  const env = { DATABASE_URL: databaseUrl, NODE_ENV: 'production', LOG_LEVEL: 'warn' };
  await runEntry('src/cli/user', ['create', 'bench-editor', '--role', 'editor'], env, `${password}\n`).catch(() => runEntry('src/cli/user', ['set-password', 'bench-editor'], env, `${password}\n`));
  return password;
}

export interface ServiceOptions {
  /** The checkout to run (its bin/launch.mjs: its build when current); this one by default. */
  root?: string;
  /** The editor's password (benchEditor); a new one is set when absent. */
  password?: string;
  profileDir?: string;
  workers?: number;
  /** Node's options before bin/launch.mjs instead of those of the checkout's `npm start` (startOptions). */
  nodeOptions?: string[];
  /** More environment for the service, applied last (it may override the settings above). */
  env?: Record<string, string>;
}

/**
 * The options `npm start` gives node before bin/launch.mjs in the checkout's package.json (none
 * today; V8 heap flags measured in docs/benchmarks/memory-2026-12-07.md), so that the service runs
 * as production starts it.
 */
export function startOptions(root = ROOT): string[] {
  const start = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const options = /\bnode((?:\s+--[\w-]+(?:=\S+)?)*)\s+bin\/launch\.mjs/.exec(start)?.[1] ?? '';
  return options.trim().split(/\s+/).filter(Boolean);
}

/** This service in production mode on the database, signed in as the benchmark's editor. */
export async function startService(databaseUrl: string, poolSize: number, options: ServiceOptions = {}): Promise<Target> {
  const { root = ROOT, profileDir, workers = 1 } = options;
  const password = options.password ?? (await benchEditor(databaseUrl));
  const port = await freePort();
  const { child, output } = launch(
    process.execPath,
    [...(options.nodeOptions ?? startOptions(root)), path.join(root, 'bin/launch.mjs'), 'src/server'],
    {
      DATABASE_URL: databaseUrl,
      JWT_SECRET: randomBytes(32).toString('base64url'),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_POOL_MAX: String(poolSize),
      // Any client may pick a strategy (production allows staff only), and answers carry their
      // statement count: a few bytes per answer, so that the table can show it.
      LOADING_STRATEGY_HEADER: 'all',
      SQL_STATS: 'true',
      WEB_CONCURRENCY: String(workers),
      ...(profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : {}),
      ...options.env,
    },
    root,
  );
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitFor(url, child, output);
  const login = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($p: String!) { login(input: { name: "bench-editor", password: $p }) { token } }', variables: { p: password } }),
  });
  const token = ((await login.json()) as { data?: { login: { token: string } } }).data?.login.token;
  if (!token) throw new Error('could not sign in as bench-editor');
  return { name: 'service', url, pid: child.pid!, headers: { authorization: `Bearer ${token}` }, stop: stopper(child) };
}

/** The peers beside the service: PostGraphile 5, and the raw-SQL floor (one hand-written statement per operation). */
export const PEERS = { postgraphile: 'peer-postgraphile', floor: 'peer-floor' } as const;
export type PeerName = keyof typeof PEERS;

/**
 * A peer from ../shared/<its folder>, its packages installed under PEER_NPM. The floor answers
 * only the five operations, picked by operationName, so it is polled with one of them.
 */
export async function startPeer(name: PeerName, databaseUrl: string, peerNpm: string, poolSize: number): Promise<Target> {
  const port = await freePort();
  const dir = path.resolve(ROOT, '../shared', PEERS[name]);
  const { child, output } = launch(
    process.execPath,
    [path.join(dir, 'server.mjs')],
    {
      DATABASE_URL: databaseUrl,
      PEER_NPM: peerNpm,
      PEER_PORT: String(port),
      PEER_POOL_SIZE: String(poolSize),
      NODE_ENV: 'production',
    },
    dir,
  );
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitFor(url, child, output, name === 'floor' ? '{"operationName":"products_page","variables":{}}' : undefined);
  return { name, url, pid: child.pid!, headers: {}, stop: stopper(child) };
}
