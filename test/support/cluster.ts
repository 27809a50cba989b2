import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { finished, freePort, ROOT, type Finished } from './process.js';

export interface RunningCluster {
  child: ChildProcessWithoutNullStreams;
  exited: Promise<Finished>;
  port: number;
  url: string;
  /** The pids of the workers that have logged "is serving", in that order. */
  workers(): number[];
  output(): string;
}

/**
 * `npm start`'s entry point as a real process on a free port of 127.0.0.1, with `env` over this
 * process's environment (WEB_CONCURRENCY, NODE_ENV, DATABASE_URL…).
 */
export async function startService(env: Record<string, string>): Promise<RunningCluster> {
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/launch.mjs', 'src/server'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', PORT: String(port), HOST: '127.0.0.1', ...env },
  });
  const exited = finished(child);
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const workers = () => [...out.matchAll(/"pid":(\d+),"worker":\d+[^\n]*is serving/g)].map((m) => Number(m[1]));
  return { child, exited, port, url: `http://127.0.0.1:${port}/graphql`, workers, output: () => out };
}

/** Polls `check` until it holds; fails with the service's output after `ms`. */
export async function until(check: () => boolean, what: string, output: () => string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
