import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { getOperationAST, GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { QueryLimits } from '../config.js';
import { ErrorCode } from '../errors.js';
import { documentLimitsRule } from '../graphql/limits/document-limits.js';
import type { TrustedDocuments } from '../graphql/documents/manifest.js';
import { canonicalId, ID_FORMS, parseDocumentId } from '../graphql/documents/ids.js';

/** What a live transport runs: a parsed, validated subscription. */
export interface Prepared {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
  /** The text is a trusted document's, byte for byte (TRUSTED_DOCUMENTS=require lets only these, or staff, through). */
  trusted: boolean;
}

/** Whether a text is one of the trusted documents: its SHA-256 is a manifest's id. */
export function isTrustedText(documents: TrustedDocuments, text: string): boolean {
  return documents.has(`sha256:${createHash('sha256').update(text).digest('hex')}`);
}

function coded(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code } });
}

// Parsed and validated documents by text, shared by every subscriber that sends the same text: one
// parse and one validation per text, and one document object, which the engine's groups key on.
// Per schema (each service has its own), keyed by the limits and the text.
const checkedBySchema = new WeakMap<GraphQLSchema, LRUCache<string, DocumentNode | GraphQLError[]>>();

function checkedDocument(schema: GraphQLSchema, limits: QueryLimits & { depth: number }, text: string): DocumentNode | GraphQLError[] {
  let checked = checkedBySchema.get(schema);
  if (!checked) checkedBySchema.set(schema, (checked = new LRUCache({ max: 1_000 })));
  const key = `${limits.tokens}/${limits.depth}/${limits.aliases}/${limits.fields}/${limits.directives}\n${text}`;
  const known = checked.get(key);
  if (known) return known;
  let result: DocumentNode | GraphQLError[];
  try {
    const document = parse(text, { maxTokens: limits.tokens });
    const invalid = validate(schema, document, [...specifiedRules, documentLimitsRule(limits)]);
    result = invalid.length ? invalid.map((error) => (error.extensions.code ? error : coded(error, 'GRAPHQL_VALIDATION_FAILED'))) : document;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    result = [coded(error, 'GRAPHQL_PARSE_FAILED')];
  }
  checked.set(key, result);
  return result;
}

/**
 * A persisted document named by `extensions.documentId` (the protocols require a `query` string:
 * send it empty), undefined when none is named, or the error that refuses the id.
 */
function documentById(documents: TrustedDocuments, extensions: unknown): { text: string } | GraphQLError[] | undefined {
  const sent = typeof extensions === 'object' && extensions !== null ? (extensions as { documentId?: unknown }).documentId : undefined;
  if (sent === undefined) return undefined;
  const id = typeof sent === 'string' ? parseDocumentId(sent) : undefined;
  if (!id) return [new GraphQLError(`extensions.documentId is not a document id: ids are ${ID_FORMS}`, { extensions: { code: 'PERSISTED_QUERY_ID_INVALID' } })];
  const document = documents.get(canonicalId(id));
  if (!document) return [new GraphQLError(`No trusted document has the id ${String(sent)}`, { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } })];
  return document;
}

/**
 * Parses and validates a live transport's operation with the limits HTTP requests have (tokens,
 * depth, aliases, directives, fields); refuses anything but a subscription: queries and mutations
 * go by HTTP, where their transaction, retries and caching live.
 */
export function prepareLive(
  schema: GraphQLSchema,
  limits: QueryLimits & { depth: number },
  documents: TrustedDocuments,
  payload: { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: unknown },
): Prepared | GraphQLError[] {
  const byId = documentById(documents, payload.extensions);
  if (Array.isArray(byId)) return byId;
  const query = byId?.text ?? payload.query;
  if (typeof query !== 'string' || query.trim() === '') return [new GraphQLError('The subscription has no query text (nor extensions.documentId)', { extensions: { code: 'BAD_REQUEST' } })];
  if (payload.operationName != null && typeof payload.operationName !== 'string') return [new GraphQLError('operationName must be a string', { extensions: { code: 'BAD_REQUEST' } })];
  const variables = payload.variables ?? {};
  if (typeof variables !== 'object' || Array.isArray(variables)) return [new GraphQLError('variables must be an object', { extensions: { code: 'BAD_REQUEST' } })];
  const checked = checkedDocument(schema, limits, query);
  if (Array.isArray(checked)) return checked;
  const document = checked as DocumentNode;
  const operation = getOperationAST(document, payload.operationName ?? undefined);
  if (!operation) return [new GraphQLError('Name the operation to run (operationName): the document holds several, or none', { extensions: { code: 'BAD_REQUEST' } })];
  if (operation.operation !== 'subscription') {
    return [
      new GraphQLError(`A ${operation.operation} is sent as an HTTP POST to /graphql; WebSockets and event streams carry subscriptions`, {
        extensions: { code: ErrorCode.SUBSCRIPTIONS_ONLY },
      }),
    ];
  }
  return { schema, document, operationName: payload.operationName ?? null, variableValues: variables as Record<string, unknown>, trusted: byId !== undefined || isTrustedText(documents, query) };
}
