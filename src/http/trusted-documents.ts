import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { AccountRole, TrustedDocumentsConfig } from '../config/types.js';
import { canonicalId, ID_FORMS, parseDocumentId } from '../graphql/documents/ids.js';
import type { TrustedDocument, TrustedDocuments } from '../graphql/documents/manifest.js';
import type { Role } from '../modules/wiki/user.entity.js';
import { answerRefused, RequestRefused } from './request-bounds.js';

/** The config's role names and the wiki module's Role must agree, both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const rolesAgree: Same<AccountRole, `${Role}`> = true;
void rolesAgree;

export const DocumentCode = {
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_ID_INVALID: 'PERSISTED_QUERY_ID_INVALID',
  PERSISTED_QUERY_REQUIRED: 'PERSISTED_QUERY_REQUIRED',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  BAD_REQUEST: 'BAD_REQUEST',
} as const;

/**
 * Where a request may name its document: `documentId` (GraphQL over HTTP's persisted documents,
 * graphql-codegen's client preset), `doc_id` (Relay's persisted queries guide) and `id` (Relay's
 * request parameters, as some network layers send them).
 */
export const ID_KEYS = ['documentId', 'doc_id', 'id'] as const;

interface Sent {
  /** The document's id, when the request names one. */
  id?: string;
  /** True when the request carries a document's text, or an automatic persisted query's hash instead. */
  text: boolean;
}

function invalid(message: string): RequestRefused {
  return new RequestRefused(DocumentCode.PERSISTED_QUERY_ID_INVALID, message);
}

/** The id from each key present, each a string (a GET parameter given twice is refused). */
function idOf(values: unknown[]): string | undefined {
  if (values.some((v) => typeof v !== 'string')) throw invalid(`A document id must be a string: ${ID_FORMS}`);
  const distinct = new Set(values as string[]);
  if (distinct.size > 1) throw invalid(`The request names more than one document id (${ID_KEYS.join(', ')})`);
  return values[0] as string | undefined;
}

function sentBy(req: Request): Sent {
  if (req.method === 'GET') {
    const params = new URLSearchParams(req.url.split('?')[1] ?? '');
    const id = idOf(ID_KEYS.flatMap((key) => params.getAll(key)));
    const extensions = params.get('extensions') ?? '';
    return { id, text: !!params.get('query') || extensions.includes('persistedQuery') };
  }
  const body = req.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { text: false };
  const id = idOf(ID_KEYS.filter((key) => key in body && body[key] !== null).map((key) => body[key]));
  const extensions = body.extensions as { persistedQuery?: unknown } | undefined;
  return { id, text: (typeof body.query === 'string' && body.query !== '') || !!extensions?.persistedQuery };
}

/** The request, rewritten to carry the document's text where Apollo reads it and no id. */
function substitute(req: Request, document: TrustedDocument): void {
  if (req.method === 'GET') {
    const [pathname, search = ''] = req.url.split('?') as [string, string?];
    const params = new URLSearchParams(search);
    for (const key of ID_KEYS) params.delete(key);
    params.set('query', document.text);
    req.url = `${pathname}?${params}`;
    return;
  }
  const body: Record<string, unknown> = { ...(req.body as Record<string, unknown>), query: document.text };
  for (const key of ID_KEYS) delete body[key];
  req.body = body;
}

export interface TrustedDocumentsOptions {
  config: TrustedDocumentsConfig;
  documents: TrustedDocuments;
  logger: Logger;
  /** The role of the request's signed-in account (null: anonymous), read as its context reads it. */
  roleOf: (req: Request, res: Response) => Promise<string | null>;
}

/**
 * Before Apollo: a request that names a trusted document by id runs that document's text, as if
 * it had sent it; under `require`, a request that sends text instead is refused unless its account
 * has a bypass role; under `off`, ids are refused. Every refusal is a 400 with its own code,
 * logged at warn (answerRefused).
 */
export function trustedDocuments(options: TrustedDocumentsOptions): RequestHandler {
  const { config, documents, logger } = options;
  const mayBypass = async (req: Request, res: Response) => {
    if (!config.bypassRoles.length || req.headers.authorization === undefined) return false;
    let role: string | null;
    try {
      role = await options.roleOf(req, res);
    } catch {
      // A token that does not verify: Apollo answers it (UNAUTHENTICATED) from the same context, and nothing runs.
      return true;
    }
    return role !== null && (config.bypassRoles as readonly string[]).includes(role);
  };
  return async (req, res, next) => {
    try {
      const sent = sentBy(req);
      if (sent.id !== undefined) {
        if (config.mode === 'off') throw new RequestRefused(DocumentCode.PERSISTED_QUERY_NOT_SUPPORTED, 'This server runs no persisted documents (TRUSTED_DOCUMENTS=off): send the query text');
        if (sent.text) throw new RequestRefused(DocumentCode.BAD_REQUEST, 'Send a document id or a query, not both');
        const id = parseDocumentId(sent.id);
        if (!id) throw invalid(`${JSON.stringify(sent.id.slice(0, 80))} is not a document id: ids are ${ID_FORMS}`);
        const document = documents.get(canonicalId(id));
        if (!document) throw new RequestRefused(DocumentCode.PERSISTED_QUERY_NOT_FOUND, `No trusted document has the id ${sent.id}`);
        substitute(req, document);
      } else if (config.mode === 'require' && sent.text && !(await mayBypass(req, res))) {
        throw new RequestRefused(DocumentCode.PERSISTED_QUERY_REQUIRED, 'This server runs trusted documents only: send a documentId instead of the query text');
      }
      next();
    } catch (error) {
      if (!(error instanceof RequestRefused)) return next(error);
      answerRefused(logger, req, res, error);
    }
  };
}
