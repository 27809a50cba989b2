import { type spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, startServing } from './support/process.js';

// As the npm scripts run it: bin/launch.mjs, in-process, so that signals reach the service itself.
const NODE = [process.execPath, 'bin/launch.mjs', 'src/server'] as const;
const dir = mkdtempSync(path.join(os.tmpdir(), 'retrofun-process-'));
const env = (extra: Record<string, string>) => ({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...extra });

/**
 * A POST whose body waits: `started` resolves once the server has taken the request (it answers
 * `Expect: 100-continue` only after parsing the headers and emitting 'request'); `finish()`
 * sends the body and reads the whole answer.
 */
function slowRequest(url: string, body: string): { started: Promise<void>; finish(): Promise<string> } {
  const { hostname, port, pathname } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.once('connect', () => {
    socket.write(`POST ${pathname} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`);
  });
  const started = new Promise<void>((resolve) => {
    const look = () => {
      if (answer.startsWith('HTTP/1.1 100 Continue')) {
        socket.off('data', look);
        resolve();
      }
    };
    socket.on('data', look);
  });
  return {
    started,
    async finish() {
      socket.write(body);
      await ended;
      return answer;
    },
  };
}

/** Resolves when the child has exited and its output streams are closed. */
function closed(child: ReturnType<typeof spawn>): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
}

/** The service as an operator runs it: `npm start`'s entry point in its own process. */
describe('the server process', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [{ DATABASE_URL: 'mysql://u:p@localhost/shop' }, /^retrofun-graphql: DATABASE_URL scheme "mysql" is not supported/],
    [{ DATABASE_URL: 'postgresql://shop:s3cret@127.0.0.1:1/shop' }, /^retrofun-graphql: cannot connect to the postgresql database at postgresql:\/\/shop:\*\*\*@127\.0\.0\.1:1\/shop/],
    [{ PORT: 'eighty' }, /^retrofun-graphql: PORT must be an integer/],
    [{ TRUST_PROXY: 'loopback, 10.0.0.0/33' }, /^retrofun-graphql: TRUST_PROXY: "10\.0\.0\.0\/33" is not an address, a CIDR range/],
    [{ NODE_ENV: 'production', DATABASE_URL: path.join(dir, 'prod.sqlite') }, /^retrofun-graphql: JWT_SECRET is required in production/],
  ])('fails to start with one clear line for %o', (extra, line) => {
    const run = spawnSync(NODE[0], NODE.slice(1), { cwd: ROOT, env: env(extra), encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
    expect(run.stderr).not.toContain('s3cret');
  });

  it('says in one line what to install when the Node that runs it is too old, before loading anything', () => {
    // Pretends to be Node 20, as a machine without a bundled runtime package would be.
    const fake = `Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '20.11.1' } }); Object.defineProperty(process, 'version', { value: 'v20.11.1' });`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `${fake} process.argv.push('src/server'); await import('./bin/launch.mjs');`], { cwd: ROOT, env: env({}), encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    // This checkout has the runtime package, so the advice is to go through npm; without it, to install Node.
    expect(run.stderr.trim().split('\n')).toEqual([
      'retrofun-graphql: needs Node.js >= 22.17 but this is v20.11.1; run it through npm (npm start, npm test, npm run …), which puts the Node that npm ci installed in node_modules/.bin first',
    ]);
  });

  it('serves, answers /health, and exits cleanly on SIGTERM', async () => {
    const s = startServing(NODE[0], NODE.slice(1), { env: env({ DATABASE_URL: path.join(dir, 'up.sqlite'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' }) });
    const url = await s.url;
    const health = await fetch(url.replace('/graphql', '/health'));
    expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite' });
    const exited = closed(s.child);
    s.child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(s.output()).toContain('shutting down');
    expect(s.output()).toContain('"msg":"stopped"');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('stops when `npm start` gets %s: the request in flight is answered, then the node process exits', async (signal) => {
    const s = startServing('npm', ['start', '--silent'], { env: env({ DATABASE_URL: path.join(dir, `npm-${signal}.sqlite`), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' }) });
    const url = await s.url;
    const pid = Number(/"pid":(\d+)/.exec(s.output())?.[1]);
    expect(pid).toBeGreaterThan(0);
    // A request whose body is still arriving when the signal comes: in flight by construction.
    const inFlight = slowRequest(url, `{"query":"{ products(first: 3) { nodes { name } } }"}`);
    await inFlight.started;
    s.child.kill(signal);
    await expect.poll(() => s.output().includes('shutting down'), { timeout: 10_000, interval: 50 }).toBe(true);
    const answer = await inFlight.finish();
    expect(answer).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK/);
    expect(answer).toContain('"products":{"nodes":[{"name":');
    // npm exits 0 once the service has stopped, and the service's own process is gone.
    expect(await closed(s.child)).toEqual({ code: 0, signal: null });
    await expect.poll(() => alive(pid), { timeout: 10_000, interval: 100 }).toBe(false);
    expect(s.output()).toContain('"msg":"stopped"');
    await expect(fetch(url.replace('/graphql', '/health'))).rejects.toThrow();
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
