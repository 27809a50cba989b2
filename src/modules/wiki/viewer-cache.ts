import { LRUCache } from 'lru-cache';
import type { Listener } from '../../db/listener.js';

/** The channel the users table's trigger notifies (migration account_notices): an id, or '*' for all. */
export const ACCOUNTS_CHANNEL = 'retrofun_accounts';

/** The columns a role check reads of the signed-in account, as the database returned them. */
export type ViewerRow = Readonly<Record<string, unknown>>;

export interface ViewerCacheOptions {
  /** The process's listening session (src/db/listener.ts); the cache registers its channel on it. */
  listener: Listener;
  /** Accounts remembered at most (least recently used first out). */
  max?: number;
}

/**
 * The signed-in accounts this process has read, kept while PostgreSQL tells it of every change.
 *
 * Every signed-in request checks its token against the account's current row (role, token stamp):
 * a second round trip per request that PostGraphile's and Hasura's JWT checks skip by trusting the
 * token until it expires. This keeps the "changes apply at once" rule without the round trip: a
 * trigger on users notifies ACCOUNTS_CHANNEL on every update, delete and truncate, the process's
 * listening session hears it, and a notification drops the account (or all of them).
 *
 * It serves rows only while the listening session proves it hears notifications (its probes come
 * back): through PgBouncer in transaction mode, or when the session drops or a probe is late, it is
 * off (every request reads the row, as without it) and forgets everything until a probe returns.
 * A row read while a change arrives is not kept (generation check in remember()).
 */
export class ViewerCache {
  private readonly rows: LRUCache<number, ViewerRow>;
  private generation = 0;
  private live = false;

  constructor(options: ViewerCacheOptions) {
    this.rows = new LRUCache({ max: options.max ?? 10_000 });
    options.listener.listen(ACCOUNTS_CHANNEL, {
      notification: (payload) => this.heard(payload),
      live: () => {
        this.generation++;
        this.live = true;
      },
      lost: () => this.off(),
    });
  }

  /** True while rows are served: the listening session is connected and its last probe came back. */
  get active(): boolean {
    return this.live;
  }

  /**
   * Changes heard (or the cache turned off) so far. Taken before reading an account, for
   * remember(), which keeps the row only if nothing changed since; tests wait on it too.
   */
  get changes(): number {
    return this.generation;
  }

  get(userId: number): ViewerRow | undefined {
    return this.live ? this.rows.get(userId) : undefined;
  }

  remember(userId: number, row: ViewerRow, since: number): void {
    if (this.live && since === this.generation) this.rows.set(userId, row);
  }

  /** An account this process changed: dropped at once, before its notification arrives. */
  forget(userId: number): void {
    this.generation++;
    this.rows.delete(userId);
  }

  private heard(payload: string): void {
    this.generation++;
    const id = Number(payload);
    if (payload === '*' || !Number.isSafeInteger(id)) this.rows.clear();
    else this.rows.delete(id);
  }

  private off(): void {
    this.live = false;
    this.generation++;
    this.rows.clear();
  }
}
