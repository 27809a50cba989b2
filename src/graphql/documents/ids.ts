import { createHash } from 'node:crypto';

/**
 * A persisted document's id, as the clients that write manifests spell it: graphql-codegen's
 * client preset `sha256:<64 hex>`, Relay's persisted queries plain hex (MD5 by default, SHA-1 or
 * SHA-256 when configured), each the digest of the document's text exactly as the manifest holds it.
 */
export interface DocumentId {
  /** The id as the manifest or the client wrote it (hex lowercased). */
  readonly id: string;
  readonly algorithm: 'md5' | 'sha1' | 'sha256';
  readonly hex: string;
}

const BY_LENGTH = { 32: 'md5', 40: 'sha1', 64: 'sha256' } as const;

/** The id's algorithm and digest, or undefined when it is none of the accepted forms. */
export function parseDocumentId(raw: string): DocumentId | undefined {
  const id = raw.toLowerCase();
  const prefixed = /^sha256:([0-9a-f]{64})$/.exec(id);
  if (prefixed) return { id, algorithm: 'sha256', hex: prefixed[1]! };
  if (!/^[0-9a-f]+$/.test(id)) return undefined;
  const algorithm = BY_LENGTH[id.length as keyof typeof BY_LENGTH];
  return algorithm ? { id, algorithm, hex: id } : undefined;
}

/** The key both spellings of one SHA-256 digest share: `sha256:<hex>` and `<hex>` name the same document. */
export function canonicalId(id: DocumentId): string {
  return `${id.algorithm}:${id.hex}`;
}

/** True when the id is the digest of `text` (UTF-8) under its algorithm. */
export function idMatches(id: DocumentId, text: string): boolean {
  return createHash(id.algorithm).update(text).digest('hex') === id.hex;
}

/** What an id looks like, for error messages. */
export const ID_FORMS = '`sha256:<64 hex>` (graphql-codegen) or 32, 40 or 64 hex digits (Relay: MD5, SHA-1, SHA-256)';
