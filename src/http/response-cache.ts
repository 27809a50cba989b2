import { LRUCache } from 'lru-cache';

/**
 * A kept answer: its body as sent (uncompressed), its content type, and the headers the full
 * middleware chain gave it that do not depend on the request (security headers, Cache-Control,
 * Vary), which the early path (src/http/cache-hits.ts) sends again without running that chain.
 */
export interface CachedAnswer {
  body: Buffer;
  type: string;
  headers: [string, string | string[]][];
  /** The body gzipped, made by the first hit whose client accepts gzip. */
  gzip?: Buffer;
}

/** Room for an entry's key, headers and bookkeeping, besides its body and its gzipped body. */
const OVERHEAD_BYTES = 1_024;

/**
 * Public answers kept in memory, by a key that names the document, the operation, the variables,
 * what the answer's form depends on (Accept, the loading strategy) and the versions of the tables
 * the answer read (src/http/http-cache.ts). A commit to one of those tables changes the versions,
 * so the old entry's key is never asked for again: nothing is invalidated by hand, and nothing
 * stale can be found; old entries leave as the least recently used once the bound is reached.
 */
export class ResponseCache {
  private readonly answers: LRUCache<string, CachedAnswer>;

  constructor(maxBytes: number) {
    // Twice the body: room for its gzipped form, which is never larger than the body plus a few bytes.
    this.answers = new LRUCache({ maxSize: maxBytes, sizeCalculation: (answer, key) => 2 * answer.body.length + key.length + OVERHEAD_BYTES });
  }

  get(key: string): CachedAnswer | undefined {
    return this.answers.get(key);
  }

  set(key: string, answer: CachedAnswer): void {
    this.answers.set(key, answer);
  }

  get size(): number {
    return this.answers.size;
  }
}
