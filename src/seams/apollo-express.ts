/**
 * Apollo's Express integration (@as-integrations/express5) seams: the only file that relies on how
 * it writes an answer. Checked on @as-integrations/express5 1.1.2 with @apollo/server 5; contract
 * test: test/seams/apollo-express.test.ts.
 *
 * 1. A complete answer (not an incremental one) is sent with one `res.send(text)`, the text being
 *    the whole body as the client receives it, and `send` is looked up on the response at that
 *    call. So wrapping `res.send` on one response sees the exact bytes of its answer before they
 *    leave, while its headers can still change.
 *
 * Why no public API: Apollo's `willSendResponse` hook gives the result before it is serialized, and
 * the HTTP cache must keep the very text sent (src/http/http-cache.ts: an ETag and a kept body that
 * a later hit sends byte for byte).
 */
import type { Response } from 'express';

/**
 * Calls `decide` with the answer's text just before the integration sends it (seam 1); an answer
 * sent in any other form (a Buffer, an object) is marked `no-store` instead. Only once per response.
 */
export function beforeAnswerSent(res: Response, decide: (body: string) => void): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    res.send = send;
    if (typeof body === 'string') decide(body);
    else res.set('cache-control', 'no-store');
    return send(body);
  };
}
