import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';

/** An incoming id a proxy or client may set: word characters and `.:@-`, at most 128 of them. */
const VALID = /^[\w.:@-]{1,128}$/;

/**
 * Every request gets an id: a valid incoming `X-Request-Id` (a proxy's, a client's), else a new
 * UUID. Every answer carries it in `X-Request-Id`, and every log line of the request names it, so
 * a client's report and the service's logs meet.
 */
export const requestIds: RequestHandler = (req, res, next) => {
  const given = req.get('x-request-id');
  const id = given !== undefined && VALID.test(given) ? given : randomUUID();
  res.locals.requestId = id;
  res.setHeader('x-request-id', id);
  next();
};

/** The id requestIds gave this answer's request. */
export function requestIdOf(res: Response): string {
  const id: unknown = res.locals.requestId;
  return typeof id === 'string' ? id : randomUUID();
}
