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
});
