import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS, LoginLimiter } from '../../src/modules/wiki/login-limiter.js';
import { memoryLimitStore, postgresLimitStore } from '../../src/graphql/limit-store.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** What an attempt came to: allowed (then failed, as a wrong password does), or refused for so many seconds. */
async function attempt(limiter: LoginLimiter, name: string, address: string): Promise<'allowed' | number> {
  try {
    await limiter.attempt(name, address);
    return 'allowed';
  } catch (error) {
    const extensions = (error as { extensions?: { code?: string; retryAfterSeconds?: number } }).extensions;
    if (extensions?.code !== 'RATE_LIMITED') throw error;
    return extensions.retryAfterSeconds!;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The per-address budget on the store the service uses (PostgreSQL's rate_limits table, made by
 * the migrations; memory on SQLite), with its window shortened to seconds so that a test can
 * outlast it.
 */
describe('the login limiter: one address failing under many names', () => {
  let t: TestApp;
  let pool: pg.Pool | undefined;
  let limiter: LoginLimiter;
  const limits = { ...LOGIN_LIMITS, addressPerWindow: 5, addressWindowSeconds: 5, addressBlockSeconds: 5 };
  beforeAll(async () => {
    t = await startTestApp({ seedDemo: false });
    pool = t.db.config.dialect === 'postgresql' ? new pg.Pool({ connectionString: t.db.config.url, max: 2 }) : undefined;
    limiter = new LoginLimiter({ store: pool ? postgresLimitStore(pool) : memoryLimitStore(), limits });
  });
  afterAll(async () => {
    await pool?.end();
    await t?.close();
  });

  it('refuses another account from that address for the short window only, however long the failures go on', async () => {
    const address = '203.0.113.50';
    // A known account: it signed in from this address before the guessing began.
    await (await limiter.attempt('owner', address)).succeeded();
    for (let i = 0; i < limits.addressPerWindow; i++) expect(await attempt(limiter, `made-up-${i}`, address)).toBe('allowed');
    const blockedAt = Date.now();
    // Failures go on during the block: every one refused, and none of them makes it longer.
    for (let i = 0; i < 20; i++) expect(await attempt(limiter, `made-up-more-${i}`, address)).toBeLessThanOrEqual(limits.addressBlockSeconds);
    expect(await attempt(limiter, 'another', address)).toBeLessThanOrEqual(limits.addressBlockSeconds);
    // The account that signed in from here is not held up by names it never was.
    expect(await attempt(limiter, 'owner', address)).toBe('allowed');
    // Another address is not touched.
    expect(await attempt(limiter, 'another', '198.51.100.50')).toBe('allowed');
    await sleep(blockedAt + limits.addressBlockSeconds * 1000 + 500 - Date.now());
    expect(await attempt(limiter, 'another', address)).toBe('allowed');
  }, 30_000);

  it("never spends a name's day budget from one address: 105 guesses there, then its password works from another", async () => {
    const guesser = '203.0.113.7';
    const full = new LoginLimiter({ store: pool ? postgresLimitStore(pool) : memoryLimitStore(), limits: LOGIN_LIMITS });
    const outcomes: ('allowed' | number)[] = [];
    for (let i = 0; i < 105; i++) outcomes.push(await attempt(full, 'victim', guesser));
    // Ten checked, then the pair's block: at most 15 minutes, never a day.
    expect(outcomes.filter((o) => o === 'allowed')).toHaveLength(LOGIN_LIMITS.pairConsecutive);
    expect(Math.max(...outcomes.filter((o): o is number => o !== 'allowed'))).toBeLessThanOrEqual(LOGIN_LIMITS.pairBlockSeconds);
    expect(await attempt(full, 'victim', '198.51.100.9')).toBe('allowed');
  }, 60_000);
});
