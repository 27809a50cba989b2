import type { Request, RequestHandler, Response } from 'express';
import { parse, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { SqlStatementCounter } from '../db/sql-stats.js';
import { VERSIONED_TABLES, type TableVersions } from '../db/table-versions.js';
import { cachePolicy, type CachePolicy } from '../graphql/cache-policy.js';
import { cacheHits, type HitsOptions } from './cache-hits.js';
import type { CachedAnswer, ResponseCache } from './response-cache.js';
import { keyOf, matches, type Asked } from './cache-key.js';
import { beforeAnswerSent } from '../seams/apollo-express.js';

export { keyOf, matches, type Asked } from './cache-key.js';

export interface HttpCacheOptions {
  schema: GraphQLSchema;
  versions: TableVersions;
  counter: SqlStatementCounter;
  logger: Logger;
  /** The in-process answers (RESPONSE_CACHE); undefined: off. */
  answers?: ResponseCache;
  /** What the early path of kept answers must leave to the full chain (src/http/cache-hits.ts). */
  hits: HitsOptions;
}

export interface HttpCache {
  /** Between trusted documents and Apollo: Cache-Control, ETags, 304s, kept answers, and keeping them. */
  handler: RequestHandler;
  /** Kept answers served before any other per-request middleware, given the CORS middleware; undefined with RESPONSE_CACHE=off. */
  hits?: (cors: RequestHandler) => RequestHandler;
}

/** What a GET request asks for, as Apollo will read it (after trusted documents put an id's text in `query`). */
function askedBy(req: Request): Asked | undefined {
  const params = new URLSearchParams(req.url.split('?')[1] ?? '');
  const query = params.get('query');
  if (!query || params.has('extensions')) return undefined;
  return { query, operationName: params.get('operationName') ?? undefined, variables: params.get('variables') ?? '' };
}

/**
 * HTTP caching of public GET queries (docs/api.md, HTTP caching), between trusted documents and
 * Apollo. An anonymous GET query whose every field is public gets `Cache-Control: public,
 * max-age=N` (its cache policy, src/graphql/cache-policy.ts) and, while the table versions are
 * vouched for, an ETag naming the request and the versions of the tables it reads. A matching
 * If-None-Match is answered 304 and a kept answer is sent, both without running anything. Every
 * other GraphQL answer over GET is `no-store`; POSTs and signed-in requests never reach here with
 * anything but `no-store` (server.ts). While the answer runs, the tables its statements read are
 * recorded: one outside the policy's (a hint that forgot a table) makes it `no-store`, unkept.
 */
export function httpCache(options: HttpCacheOptions): HttpCache {
  const { schema, versions, counter, logger, answers } = options;
  const policies = new LRUCache<string, CachePolicy>({ max: 1_000 });
  const warned = new Set<string>();
  const policyOf = (asked: Asked): CachePolicy => {
    const key = `${asked.operationName ?? ''}\0${asked.query}`;
    let policy = policies.get(key);
    if (!policy) {
      try {
        policy = cachePolicy(schema, parse(asked.query), asked.operationName, VERSIONED_TABLES);
      } catch {
        policy = { cacheable: false, viewer: false, reason: 'not a document' };
      }
      policies.set(key, policy);
    }
    return policy;
  };
  const handler: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' || req.headers.authorization !== undefined) return next();
    const asked = askedBy(req);
    if (!asked) return next();
    const policy = policyOf(asked);
    // A shared cache keys on the consistency token too: its holder must read past its own write.
    res.vary('Accept').vary('Authorization').vary('X-Consistency-Token');
    if (req.headers['x-consistency-token'] !== undefined) {
      res.set('cache-control', 'no-store');
      return next();
    }
    if (!policy.cacheable) {
      res.set('cache-control', policy.viewer ? 'private, no-store' : 'no-store');
      return next();
    }
    res.set('cache-control', `public, max-age=${policy.maxAge}`);
    void (async () => {
      const current = await versions.of(policy.tables);
      if (!current) return next();
      const key = keyOf(req, asked, current);
      const etag = `W/"${key}"`;
      if (matches(req, etag)) {
        res.set('etag', etag).status(304).end();
        return;
      }
      const kept = answers?.get(key);
      if (kept) {
        res.set('etag', etag).type(kept.type).send(kept.body);
        return;
      }
      const stats = counter.current();
      const read = new Set<string>();
      if (stats) stats.tables = read;
      beforeAnswerSent(res, (body) => {
        const outside = [...read].filter((t) => !policy.tables.includes(t));
        if (outside.length && !warned.has(asked.query)) {
          warned.add(asked.query);
          logger.warn({ tables: outside, operationName: asked.operationName }, 'HTTP cache: an answer read tables its cache hints do not name; it is not cached (add them to the hints)');
        }
        if (res.statusCode !== 200 || body.includes('"errors":') || outside.length || !stats) {
          res.set('cache-control', 'no-store');
          return;
        }
        res.set('etag', etag);
        const kept = answers && keptFrom(res, body);
        if (kept) answers.set(key, kept);
      });
      next();
    })().catch(next);
  };
  return { handler, hits: answers && ((cors) => cacheHits({ ...options.hits, answers, versions, policyOf, cors })) };
}

/**
 * Headers set for this request alone (its id, its origin's CORS headers) or by the sending itself:
 * not kept, the early path sets them anew for each hit.
 */
const PER_REQUEST = /^(x-request-id|access-control-.*|vary|etag|content-length|content-encoding|transfer-encoding|date|connection|keep-alive)$/;

/** The answer as kept: its body and the headers it would carry for any request with its key; none with a cookie. */
function keptFrom(res: Response, body: string): CachedAnswer | undefined {
  const headers = res.getHeaders();
  if (headers['set-cookie'] !== undefined) return undefined;
  const kept: [string, string | string[]][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !PER_REQUEST.test(name)) kept.push([name, Array.isArray(value) ? value : String(value)]);
  }
  return { body: Buffer.from(body), type: String(res.get('content-type') ?? 'application/json; charset=utf-8'), headers: kept };
}
