import { decodeJwt, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAt, startTestApp, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';

/**
 * Whoever holds the signing key can sign any claims; the service still grants no token a longer
 * life than JWT_TTL_SECONDS. Tokens are minted here with jose and the test secret, from a real
 * login's claims, and sent to the running service.
 */
describe('the lifetime of tokens signed with the service key', () => {
  let t: TestApp;
  let claims: JWTPayload;
  const me = (token: string) => postAt<{ me: { name: string } | null }>(t.app.url, `{ me { name } }`, {}, { authorization: `Bearer ${token}` });
  const sign = (times: JWTPayload) => {
    const { iat: _iat, exp: _exp, ...rest } = claims;
    return new SignJWT({ ...rest, ...times }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(t.config.jwtSecret));
  };

  beforeAll(async () => {
    t = await startTestApp();
    const headers = await headersFor(t, 'editor', new Map<Who, Record<string, string>>());
    claims = decodeJwt(headers.authorization!.replace('Bearer ', ''));
  });
  afterAll(() => t?.close());

  it('accepts the claims of a login re-signed with the configured lifetime', async () => {
    const now = Math.floor(Date.now() / 1000);
    const res = await me(await sign({ iat: now, exp: now + t.config.jwtTtlSeconds }));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ me: { name: 'editor' } });
  });

  it.each([
    ['no exp', () => ({ iat: Math.floor(Date.now() / 1000) })],
    ['no iat', () => ({ exp: Math.floor(Date.now() / 1000) + 60 })],
    ['an exp in 9999', () => ({ iat: Math.floor(Date.now() / 1000), exp: Date.UTC(9999, 11, 31) / 1000 })],
    ['a lifetime one second over the configured one', () => ({ iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + t.config.jwtTtlSeconds + 1 })],
    ['an iat a year ahead', () => ({ iat: Math.floor(Date.now() / 1000) + 31_536_000, exp: Math.floor(Date.now() / 1000) + 31_536_000 + 60 })],
  ])('refuses a token with %s: 401 UNAUTHENTICATED', async (_what, times) => {
    const res = await me(await sign(times()));
    expect(res.status).toBe(401);
    expect(res.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors![0]!.message).toBe('The access token is not valid');
  });
});
