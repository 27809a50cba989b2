import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { RequestRefused } from './request-bounds.js';
import { requestIdOf } from './request-id.js';

interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
  charset?: string;
  encoding?: string;
  limit?: number;
}

/** What body-parser's failures mean to a client, by their `type`. */
function describe(error: HttpError): { code: string; message: string } {
  switch (error.type) {
    case 'entity.parse.failed':
      return { code: 'BAD_REQUEST', message: 'The request body is not valid JSON' };
    case 'entity.too.large':
      return { code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than ${error.limit ?? 'the limit of'} bytes` };
    case 'charset.unsupported':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: `The charset "${String(error.charset).slice(0, 40)}" is not supported: send UTF-8` };
    case 'encoding.unsupported':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: `The content encoding "${String(error.encoding).slice(0, 40)}" is not supported: send identity, gzip or deflate` };
    case 'request.aborted':
      return { code: 'BAD_REQUEST', message: 'The request was aborted before its body arrived' };
    default:
      return { code: 'BAD_REQUEST', message: 'The request could not be read' };
  }
}

/**
 * Every failure before GraphQL (unreadable body, wrong charset, too large) answers GraphQL JSON
 * with a code, never Express's HTML page with a stack. The log line names the failure, never the
 * body: it may hold a password.
 */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof RequestRefused) {
      logger.warn({ requestId: requestIdOf(res), method: req.method, url: req.path, status: error.status, code: error.code }, 'refused a request');
      res.status(error.status).json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
      return;
    }
    const e = (error ?? {}) as HttpError;
    const status = e.status ?? e.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const { code, message } = describe(e);
      logger.warn({ requestId: requestIdOf(res), method: req.method, url: req.originalUrl, status, type: e.type ?? null }, 'refused an unreadable request');
      res.status(status).json({ errors: [{ message, extensions: { code } }] });
      return;
    }
    const errorId = randomUUID();
    logger.error(
      { requestId: requestIdOf(res), err: error instanceof Error ? { type: error.name, message: error.message, stack: error.stack } : String(error), errorId },
      'unexpected error outside GraphQL',
    );
    res.status(500).json({ errors: [{ message: `Internal server error (error id ${errorId})`, extensions: { code: 'INTERNAL_SERVER_ERROR', errorId } }] });
  };
}

/** Unknown paths answer JSON too, and say where the API is. */
export const jsonNotFound: RequestHandler = (req, res) => {
  res.status(404).json({ errors: [{ message: `Nothing at ${req.method} ${req.path.slice(0, 200)}: the GraphQL endpoint is POST /graphql`, extensions: { code: 'NOT_FOUND' } }] });
};
