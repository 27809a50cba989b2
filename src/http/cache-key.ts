import { hash } from 'node:crypto';
import type { Request } from 'express';
import type { Versions } from '../db/table-versions.js';

/** A cacheable GET as the cache sees it: the query text, its operation and its variables, as sent. */
export interface Asked {
  query: string;
  operationName: string | undefined;
  variables: string;
}

/** The answer's identity: the request, how its answer is shaped, and the data versions it was read at. */
export function keyOf(req: Request, asked: Asked, versions: Versions): string {
  // One string, hashed in one call (the early path computes this on every hit): each part ends with NUL.
  let text = `${asked.query}\0${asked.operationName ?? ''}\0${asked.variables}\0${req.headers.accept ?? ''}\0${String(req.headers['x-loading-strategy'] ?? '')}\0`;
  for (const [table, version] of versions) text += `${table}=${version};`;
  return hash('sha256', text, 'base64url').slice(0, 32);
}

/** True when If-None-Match names `etag`. */
export function matches(req: Request, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  // Weak comparison (RFC 9110 13.1.2): W/ is ignored on both sides.
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare || tag.trim() === '*');
}
