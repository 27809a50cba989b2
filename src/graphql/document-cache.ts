import type { DocumentStore } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * A parsed document's heap over the length of its JSON, which is what Apollo's default document
 * cache counts: 4.4 measured on the benchmark's five operations (the AST keeps every lexical
 * token through its locations; docs/benchmarks/memory-2026-12-07.md).
 */
export const HEAP_PER_JSON_BYTE = 4.5;

/** What a cached document is taken to cost in bytes of heap. */
export const documentBytes = (document: DocumentNode): number => Math.ceil(Buffer.byteLength(JSON.stringify(document)) * HEAP_PER_JSON_BYTE);

/**
 * Apollo's cache of parsed and validated documents, bounded by an estimate of their heap
 * (GRAPHQL_DOCUMENT_CACHE_MB), least recently used out first. Apollo's own default counts 30 MiB
 * of JSON, about 130 MiB of heap. Everything kept per document (look-ahead plans, costs, column
 * needs, compiled queries) is held weakly by it, so it goes with the document.
 */
export class DocumentCache implements DocumentStore {
  private readonly documents: LRUCache<string, DocumentNode>;

  constructor(readonly maxBytes: number) {
    this.documents = new LRUCache({ maxSize: maxBytes, sizeCalculation: (document) => Math.max(1, documentBytes(document)) });
  }

  async get(key: string): Promise<DocumentNode | undefined> {
    return this.documents.get(key);
  }

  async set(key: string, document: DocumentNode): Promise<void> {
    this.documents.set(key, document);
  }

  async delete(key: string): Promise<boolean> {
    return this.documents.delete(key);
  }

  /** Documents kept, and the bytes they are taken to cost. */
  get size(): { documents: number; bytes: number } {
    return { documents: this.documents.size, bytes: this.documents.calculatedSize };
  }
}
