import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs `work` with a fresh private directory under the system's temporary folder and removes it
 * on every way out: when `work` settles, when the process exits, and when SIGINT, SIGTERM or SIGHUP
 * arrive (the signal is then raised again, so the process ends as it would have without us).
 * Only SIGKILL can leave the directory behind.
 */
export async function withTemporaryDirectory<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const onSignal = (signal: NodeJS.Signals) => {
    release();
    remove();
    process.kill(process.pid, signal);
  };
  const release = () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
    process.off('exit', remove);
  };
  for (const signal of SIGNALS) process.once(signal, onSignal);
  process.once('exit', remove);
  try {
    return await work(dir);
  } finally {
    release();
    remove();
  }
}
