/** A worker that dies this soon after its start has crashed: restarts then back off. */
export const CRASH_WINDOW_MS = 10_000;
/** Crashes in a row after which the primary gives up. */
export const MAX_CRASHES = 5;
const MAX_BACKOFF_MS = 30_000;

export type Verdict = { restartInMs: number } | { fatal: string };

/**
 * When the primary replaces a dead worker and when it gives up, so that a service that cannot run
 * exits non-zero and its supervisor (systemd's Restart=on-failure, a container's restart policy)
 * sees it:
 * - before any worker has been ready (listening), the first death is fatal: what stops one
 *   worker from starting (a port in use, a database gone) stops the next one too;
 * - afterwards a dead worker is replaced, after a backoff that doubles with each crash in a row
 *   (0.5 s, 1 s, 2 s…, at most 30 s), and MAX_CRASHES crashes in a row are fatal (about 8 s of
 *   workers that cannot start); a worker that lived CRASH_WINDOW_MS resets the count.
 */
export class WorkerDeaths {
  private everReady = false;
  private crashes = 0;

  ready(): void {
    this.everReady = true;
  }

  /** `cause`: why the worker died, in a few words (its own report, or its exit code or signal). */
  died(livedMs: number, cause: string): Verdict {
    if (!this.everReady) return { fatal: `no worker could start: ${cause}` };
    this.crashes = livedMs < CRASH_WINDOW_MS ? this.crashes + 1 : 0;
    if (this.crashes >= MAX_CRASHES) {
      return { fatal: `workers keep dying (${MAX_CRASHES} in a row within ${CRASH_WINDOW_MS / 1000} s of their start), the last: ${cause}` };
    }
    return { restartInMs: this.crashes ? Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.crashes) : 0 };
  }
}
