import { SignJWT, type JWTPayload } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenService } from '../../src/modules/wiki/tokens.js';
import { Role } from '../../src/modules/wiki/user.entity.js';

/** TokenService keeps tokens it verified (tokens.ts): the cache must never outlive a token or admit a forged one. */
describe('access tokens', () => {
  afterEach(() => vi.useRealTimers());
  const claims = { userId: 7, role: Role.EDITOR, stamp: 's1' };

  it('verifies a token again from memory, and still refuses it once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-22T12:00:00Z'));
    const tokens = new TokenService('x'.repeat(40), 60);
    const { token } = await tokens.issue(claims);
    expect(await tokens.verify(token)).toEqual(claims);
    expect(await tokens.verify(token)).toEqual(claims);
    vi.setSystemTime(new Date('2026-11-22T12:01:01Z'));
    await expect(tokens.verify(token)).rejects.toThrow('The access token has expired: log in again');
  });

  it('refuses a token whose signature or payload was changed, even next to a valid one it knows', async () => {
    const tokens = new TokenService('x'.repeat(40), 60);
    const { token } = await tokens.issue(claims);
    await tokens.verify(token);
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: Role.ADMIN })).toString('base64url');
    await expect(tokens.verify(`${header}.${forged}.${signature}`)).rejects.toThrow('The access token is not valid');
    await expect(tokens.verify(`${header}.${payload}.${signature!.slice(0, -2)}AA`)).rejects.toThrow('The access token is not valid');
    await expect(new TokenService('y'.repeat(40), 60).verify(token)).rejects.toThrow('The access token is not valid');
  });

  it('refuses a token signed with its key but without exp or iat, or living longer than the configured lifetime', async () => {
    const secret = 'x'.repeat(40);
    const tokens = new TokenService(secret, 3600);
    const now = Math.floor(Date.now() / 1000);
    const sign = (payload: JWTPayload) =>
      new SignJWT({ role: Role.EDITOR, stm: 's1', sub: '7', iss: 'retrofun-graphql', ...payload }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
    // The same claims with the service's own lifetime pass: only the times differ below.
    expect(await tokens.verify(await sign({ iat: now, exp: now + 3600 }))).toEqual(claims);
    for (const payload of [
      { iat: now },
      { exp: now + 60 },
      { iat: now, exp: Date.UTC(9999, 0, 1) / 1000 },
      { iat: now, exp: now + 3601 },
      { iat: now - 3600, exp: now + 3600 },
      // An iat in the future stretches exp - iat no further: exp is also bounded from now.
      { iat: now + 86_400, exp: now + 86_400 + 3600 },
    ]) {
      await expect(tokens.verify(await sign(payload)), JSON.stringify(payload)).rejects.toThrow('The access token is not valid');
    }
  });
});
