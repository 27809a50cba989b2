/**
 * Calls `onOrphaned` once when this process loses the parent that started it.
 *
 * `npm start` runs the service as npm → sh → node. A SIGTERM or SIGINT sent to npm is forwarded
 * to sh, and sh (dash, at least) dies of it without passing it on, so node would keep serving,
 * orphaned. Node has no parent-death signal, so we look at the parent id instead: when it
 * changes, the process that started us is gone and we stop as if we had been sent SIGTERM.
 */
export function watchParent(onOrphaned: () => void, intervalMs = 250): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onOrphaned();
    }
  }, intervalMs);
  // Never the reason the process stays alive.
  timer.unref();
  return () => clearInterval(timer);
}
