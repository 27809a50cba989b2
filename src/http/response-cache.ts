import { LRUCache } from 'lru-cache';

/** A kept answer: its body as sent, and its content type. */
export interface CachedAnswer {
  body: string;
  type: string;
}

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
    this.answers = new LRUCache({ maxSize: maxBytes, sizeCalculation: (answer, key) => 2 * (answer.body.length + key.length) + 64 });
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
