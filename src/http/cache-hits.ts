import { gzipSync } from 'node:zlib';
import type { Request, RequestHandler, Response } from 'express';
import type { TrustedDocumentMode } from '../config/types.js';
import type { TableVersions } from '../db/table-versions.js';
import type { CachePolicy } from '../graphql/cache-policy.js';
import { canonicalId, parseDocumentId } from '../graphql/documents/ids.js';
import type { TrustedDocuments } from '../graphql/documents/manifest.js';
import { keyOf, matches, type Asked } from './cache-key.js';
import type { CachedAnswer, ResponseCache } from './response-cache.js';
import { ID_KEYS } from './trusted-documents.js';

/** What the full chain does with a GET of /graphql before it reaches the cache, as far as the early path must know it. */
export interface HitsOptions {
  /** TRUSTED_DOCUMENTS: ids are resolved as the trusted-documents step would; under `require` no text is answered here. */
  mode: TrustedDocumentMode;
  documents: TrustedDocuments;
  /** The playground answers an id request that prefers HTML (src/http/playground.ts). */
  playground: boolean;
}

interface CacheHitsOptions extends HitsOptions {
  answers: ResponseCache;
  versions: TableVersions;
  policyOf: (asked: Asked) => CachePolicy;
  cors: RequestHandler;
}

/** The Vary of every public GET answer (http-cache.ts), and compression's. */
const VARY = 'Accept, Authorization, X-Consistency-Token, Accept-Encoding';
/** compression's threshold in server.ts: smaller bodies are sent as they are. */
const COMPRESS_FROM_BYTES = 1024;

/**
 * What a GET of /graphql asks for, when it is a plain query by text (not under `require`) or by
 * a known trusted document's id; undefined for anything else, which the full chain answers
 * (and refuses, where it refuses). `id`: the request named a document.
 */
function askedBy(req: Request, options: HitsOptions): (Asked & { id: boolean }) | undefined {
  const mark = req.url.indexOf('?');
  if (mark < 0 || req.url.slice(0, mark) !== '/graphql') return undefined;
  const params = new URLSearchParams(req.url.slice(mark + 1));
  // Never what GraphQL over SSE would take (src/realtime/sse.ts isEventStreamRequest, which parses the query string again).
  if (params.has('extensions') || params.has('token') || req.headers.accept === 'text/event-stream' || req.headers['x-graphql-event-stream-token'] !== undefined) return undefined;
  const texts = params.getAll('query');
  const ids = ID_KEYS.flatMap((key) => params.getAll(key));
  let query: string;
  if (ids.length === 0) {
    // Under `require` only a bypass role may send text, and signed-in requests are never answered here.
    if (options.mode === 'require' || texts.length !== 1 || !texts[0]) return undefined;
    query = texts[0];
  } else {
    if (options.mode === 'off' || ids.length !== 1 || texts.length) return undefined;
    const id = parseDocumentId(ids[0]!);
    const document = id && options.documents.get(canonicalId(id));
    if (!document) return undefined;
    query = document.text;
  }
  return { query, operationName: params.get('operationName') ?? undefined, variables: params.get('variables') ?? '', id: ids.length > 0 };
}

/** The encoding a hit is sent in, by Accept-Encoding (memoized: clients send few distinct values); undefined: leave it to compression. */
function encodingFor(req: Request, memo: Map<string, 'gzip' | 'identity' | undefined>): 'gzip' | 'identity' | undefined {
  const header = req.headers['accept-encoding'];
  if (header === undefined) return 'identity';
  if (memo.has(header)) return memo.get(header);
  const chosen = req.acceptsEncodings('gzip', 'identity');
  const encoding = chosen === 'gzip' || chosen === 'identity' ? chosen : undefined;
  if (memo.size >= 100) memo.clear();
  memo.set(header, encoding);
  return encoding;
}

function send(res: Response, kept: CachedAnswer, etag: string, notModified: boolean, encoding: 'gzip' | 'identity'): void {
  res.setHeader('etag', etag);
  if (notModified) {
    res.removeHeader('content-type');
    res.statusCode = 304;
    res.end();
    return;
  }
  let body = kept.body;
  if (encoding === 'gzip' && body.length >= COMPRESS_FROM_BYTES) {
    body = kept.gzip ??= gzipSync(kept.body);
    res.setHeader('content-encoding', 'gzip');
  }
  res.setHeader('content-length', body.length);
  res.end(body);
}

/**
 * The response cache's early path, mounted right after request ids and before every other
 * middleware: a kept answer is served here (200, or 304 for a matching If-None-Match) without
 * security-header, compression, body, budget or trusted-documents middleware, without a request
 * context and without a statement (PostgreSQL; SQLite reads the table versions, one statement).
 * It answers only what the full chain would answer with the same kept entry: anonymous GETs
 * without a consistency token, nothing GraphQL over SSE would take, not the playground, text only when
 * TRUSTED_DOCUMENTS is not `require`, ids only of known trusted documents, and only while the
 * table versions are vouched for. The key is the full chain's (http-cache.ts keyOf), so an entry
 * from before a commit is never found. The headers are those the full chain gave the kept answer
 * (security headers, Cache-Control, content type), then CORS for this request's origin.
 * Everything else, and every miss, goes on to the full chain, which keeps answers.
 */
export function cacheHits(options: CacheHitsOptions): RequestHandler {
  const { answers, versions, policyOf, cors } = options;
  const encodings = new Map<string, 'gzip' | 'identity' | undefined>();
  return (req, res, next) => {
    if (req.method !== 'GET' || req.headers.authorization !== undefined || req.headers['x-consistency-token'] !== undefined) return next();
    const asked = askedBy(req, options);
    if (!asked) return next();
    if (asked.id && options.playground && req.accepts(['application/json', 'text/html']) === 'text/html') return next();
    const encoding = encodingFor(req, encodings);
    const policy = policyOf(asked);
    if (!encoding || !policy.cacheable) return next();
    versions.of(policy.tables).then((current) => {
      if (!current) return next();
      const key = keyOf(req, asked, current);
      const kept = answers.get(key);
      if (!kept) return next();
      for (const [name, value] of kept.headers) res.setHeader(name, value);
      res.setHeader('vary', VARY);
      const etag = `W/"${key}"`;
      cors(req, res, () => send(res, kept, etag, matches(req, etag), encoding));
    }, next);
  };
}
