import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// As `npm start` runs it: node with tsx's loader, so that signals reach the service itself.
const NODE = [process.execPath, '--import', 'tsx', 'src/server.ts'] as const;
const dir = mkdtempSync(path.join(os.tmpdir(), 'retrofun-process-'));
const env = (extra: Record<string, string>) => ({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...extra });

/** The service as an operator runs it: `npm start`'s entry point in its own process. */
describe('the server process', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [{ DATABASE_URL: 'mysql://u:p@localhost/shop' }, /^retrofun-graphql: DATABASE_URL scheme "mysql" is not supported/],
    [{ DATABASE_URL: 'postgresql://shop:s3cret@127.0.0.1:1/shop' }, /^retrofun-graphql: cannot connect to the postgresql database at postgresql:\/\/shop:\*\*\*@127\.0\.0\.1:1\/shop/],
    [{ PORT: 'eighty' }, /^retrofun-graphql: PORT must be an integer/],
    [{ NODE_ENV: 'production', DATABASE_URL: path.join(dir, 'prod.sqlite') }, /^retrofun-graphql: JWT_SECRET is required in production/],
  ])('fails to start with one clear line for %o', (extra, line) => {
    const run = spawnSync(NODE[0], NODE.slice(1), { env: env(extra), encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
    expect(run.stderr).not.toContain('s3cret');
  });

  it('serves, answers /health, and exits cleanly on SIGTERM', async () => {
    const child = spawn(NODE[0], NODE.slice(1), { env: env({ DATABASE_URL: path.join(dir, 'up.sqlite'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' }) });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start: ${out}`)), 30_000);
      child.stdout.on('data', () => {
        const match = /"url":"(http:\/\/[^"]+)"/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    const health = await fetch(url.replace('localhost', '127.0.0.1').replace('/graphql', '/health'));
    expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('shutting down');
  });
});
