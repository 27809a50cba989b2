import { spawn, type ChildProcessWithoutNullStreams, type SpawnOptionsWithoutStdio } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs one of the project's entry points as the npm scripts do (bin/launch.mjs), feeding stdin. */
export function runEntry(entry: string, args: string[], env: Record<string, string | undefined>, stdin = ''): Promise<Finished> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/launch.mjs'), entry, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  child.stdin.end(stdin);
  return finished(child);
}

/** Collects a child's output until it exits. */
export function finished(child: ChildProcessWithoutNullStreams): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    // 'close', not 'exit': the streams are complete only then.
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Starts a long-running command and resolves with the service URL once it logs "is serving". */
export function startServing(command: string, args: string[], options: SpawnOptionsWithoutStdio): { child: ChildProcessWithoutNullStreams; url: Promise<string>; output: () => string } {
  const child = spawn(command, args, { cwd: ROOT, ...options });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 30 s: ${out}`)), 30_000);
    const look = () => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout.on('data', look);
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`exited before serving: ${out}`));
    });
  });
  return { child, url, output: () => out };
}

/** A TCP port free on 127.0.0.1 right now (for a server that must be told its port). */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
