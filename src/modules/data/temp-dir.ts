import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs `work` with a fresh private directory under the system's temporary folder and removes it
 * on every way out: when `work` settles, when the process exits, and when SIGINT, SIGTERM or SIGHUP
 * arrive (the signal is then raised again, so the process ends as it would have without us).
 * Only SIGKILL can leave the directory behind: the next run removes it (its name carries the pid
 * of the process that made it, and that process is gone).
 */
export async function withTemporaryDirectory<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  sweepOrphans(prefix);
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}${process.pid}-`));
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

/** Removes directories of this prefix left by processes that no longer run (killed with SIGKILL). */
function sweepOrphans(prefix: string): void {
  for (const name of readdirSync(os.tmpdir())) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (!Number.isSafeInteger(pid) || pid === process.pid || alive(pid)) continue;
    rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
