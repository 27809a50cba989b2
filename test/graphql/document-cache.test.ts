import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DocumentCache, documentBytes } from '../../src/graphql/document-cache.js';

/** A distinct document of 20 fields: some 13 KB of JSON, some 60 KB of estimated heap. */
const document = (n: number) => parse(`query Q${n} { ${Array.from({ length: 20 }, (_, i) => `f${i}: products(first: ${i + 1}) { totalCount }`).join(' ')} }`);

describe("Apollo's document cache (GRAPHQL_DOCUMENT_CACHE_MB)", () => {
  it('never holds more than its bound in estimated heap, dropping the least recently used first', async () => {
    const bound = 512 * 1024;
    const cache = new DocumentCache(bound);
    const each = documentBytes(document(0));
    expect(each).toBeGreaterThan(bound / 20);
    for (let n = 0; n < 100; n++) {
      await cache.set(`q${n}`, document(n));
      // Used again and again: the first document stays while newer ones push the others out.
      await cache.get('q0');
      expect(cache.size.bytes).toBeLessThanOrEqual(bound);
    }
    expect(cache.size.documents).toBe(Math.floor(bound / each));
    expect(await cache.get('q0')).toBeDefined();
    expect(await cache.get('q99')).toBeDefined();
    expect(await cache.get('q1')).toBeUndefined();
  });

  it('counts a document at more than its JSON, which is what Apollo counts', () => {
    const doc = document(1);
    expect(documentBytes(doc)).toBeGreaterThan(4 * Buffer.byteLength(JSON.stringify(doc)));
  });
});
