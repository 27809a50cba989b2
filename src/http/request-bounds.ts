import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { requestIdOf } from './request-id.js';

/**
 * How deep a request may nest, checked on its text before anything parses or walks it recursively
 * (JSON.parse, graphql-js's parser, Apollo, the input checks): past these, a request is refused
 * with 400 and a code, never a stack overflow answered 500 or "Maximum call stack size exceeded".
 */
export const NESTING_LIMITS = {
  /** Arrays and objects in the JSON body, or in GET's `variables` and `extensions` (the deepest input of the schema needs 7). */
  json: 32,
  /** Selection sets, lists, input objects and argument lists in the GraphQL document, together. */
  document: 64,
} as const;

export const BoundsCode = {
  JSON_TOO_DEEP: 'JSON_TOO_DEEP',
  DOCUMENT_TOO_DEEP: 'DOCUMENT_TOO_DEEP',
  PERSISTED_QUERY_HASH_MISMATCH: 'PERSISTED_QUERY_HASH_MISMATCH',
  PERSISTED_QUERY_VERSION_NOT_SUPPORTED: 'PERSISTED_QUERY_VERSION_NOT_SUPPORTED',
} as const;

/** A request refused before GraphQL: its status, code and message (jsonErrorHandler answers it). */
export class RequestRefused extends Error {
  readonly status = 400;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** True when JSON text nests arrays and objects deeper than `max` (strings skipped; stops at the first excess). */
export function jsonNestsDeeper(text: string | Uint8Array, max: number): boolean {
  const at = typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i]!;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = at(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * True when a GraphQL document nests `{`, `[` and `(` deeper than `max`, outside strings, block
 * strings and comments (GraphQL's lexical grammar); malformed text is left to the parser.
 */
export function documentNestsDeeper(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '"') {
      if (text.startsWith('"""', i)) {
        i += 3;
        while (i < text.length && !text.startsWith('"""', i)) i += text.startsWith('\\"""', i) ? 4 : 1;
        i += 2;
      } else {
        i++;
        while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      }
    } else if (c === '{' || c === '[' || c === '(') {
      if (++depth > max) return true;
    } else if (c === '}' || c === ']' || c === ')') depth--;
  }
  return false;
}

/** For express.json's `verify`: the raw body, before JSON.parse builds it. */
export function verifyJsonDepth(_req: IncomingMessage, _res: unknown, body: Buffer): void {
  if (jsonNestsDeeper(body, NESTING_LIMITS.json)) {
    throw new RequestRefused(BoundsCode.JSON_TOO_DEEP, `The request body nests arrays and objects more than ${NESTING_LIMITS.json} deep`);
  }
}

interface PersistedQuery {
  version?: unknown;
  sha256Hash?: unknown;
}

/** What a GraphQL request carries, from a POST body or a GET query string (where the JSON values are still text). */
function partsOf(req: Request): { query?: unknown; extensions?: unknown } {
  if (req.method !== 'GET') {
    const body = req.body as Record<string, unknown> | undefined;
    return body && typeof body === 'object' && !Array.isArray(body) ? { query: body.query, extensions: body.extensions } : {};
  }
  const params = req.query as Record<string, unknown>;
  for (const name of ['variables', 'extensions']) {
    const raw = params[name];
    if (typeof raw === 'string' && jsonNestsDeeper(raw, NESTING_LIMITS.json)) {
      throw new RequestRefused(BoundsCode.JSON_TOO_DEEP, `The ${name} parameter nests arrays and objects more than ${NESTING_LIMITS.json} deep`);
    }
  }
  let extensions: unknown;
  try {
    extensions = typeof params.extensions === 'string' ? JSON.parse(params.extensions) : undefined;
  } catch {
    extensions = undefined; // Apollo answers unreadable extensions itself, with a 400
  }
  return { query: params.query, extensions };
}

/**
 * Refuses, before Apollo: documents nested too deep, and automatic persisted queries whose version
 * is not 1 or whose hash does not match their text (Apollo answers those as uncoded errors, which
 * would be masked as internal ones). Each is a 400 with its own code, logged at warn.
 */
export function requestBounds(logger: Logger): RequestHandler {
  return (req, res, next) => {
    try {
      const { query, extensions } = partsOf(req);
      if (typeof query === 'string' && documentNestsDeeper(query, NESTING_LIMITS.document)) {
        throw new RequestRefused(BoundsCode.DOCUMENT_TOO_DEEP, `The document nests selections, lists, objects and arguments more than ${NESTING_LIMITS.document} deep`);
      }
      const persisted = extensions && typeof extensions === 'object' ? ((extensions as { persistedQuery?: PersistedQuery }).persistedQuery ?? undefined) : undefined;
      if (persisted && typeof persisted === 'object') {
        if (persisted.version !== 1) {
          throw new RequestRefused(BoundsCode.PERSISTED_QUERY_VERSION_NOT_SUPPORTED, 'Only version 1 of automatic persisted queries is supported');
        }
        if (typeof query === 'string' && persisted.sha256Hash !== createHash('sha256').update(query).digest('hex')) {
          throw new RequestRefused(BoundsCode.PERSISTED_QUERY_HASH_MISMATCH, "The persisted query's sha256Hash is not the SHA-256 of its query text");
        }
      }
      next();
    } catch (error) {
      if (!(error instanceof RequestRefused)) return next(error);
      answerRefused(logger, req, res, error);
    }
  };
}

/** Answers a refusal before GraphQL: its status, a GraphQL-shaped error with its code, a warn line. */
export function answerRefused(logger: Logger, req: Request, res: Response, error: RequestRefused): void {
  logger.warn({ requestId: requestIdOf(res), method: req.method, url: req.path, status: error.status, code: error.code }, 'refused a request');
  res.status(error.status).json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
}
