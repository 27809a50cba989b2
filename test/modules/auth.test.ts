import { Writable } from 'node:stream';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { headersFor } from '../support/auth.js';
import { LOGIN_LIMITS } from '../../src/modules/wiki/login-limiter.js';

const LOGIN = `mutation($name: String!, $password: String!) { login(input: { name: $name, password: $password }) { token expiresAt user { name role } } }`;
const ME = `{ me { name role } }`;
const HASH = /\$2[aby]\$\d\d\$/;

describe('authentication', () => {
  let t: TestApp;
  const logs: string[] = [];
  beforeAll(async () => {
    // The service's own log lines, to check that no secret is ever written.
    const sink = new Writable({
      write: (chunk: Buffer, _e, done) => {
        logs.push(chunk.toString());
        done();
      },
    });
    t = await startTestApp({}, pino({ level: 'debug' }, sink));
  });
  afterAll(() => t?.close());

  it('logs in the demo editor and identifies it with the token', async () => {
    const res = await t.gql<{ login: { token: string; expiresAt: string; user: { name: string; role: string } } }>(LOGIN, { name: 'editor', password: 'editor' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.login.user).toEqual({ name: 'editor', role: 'EDITOR' });
    expect(Date.parse(res.data!.login.expiresAt)).toBeGreaterThan(Date.now());
    const me = await t.gql(ME, {}, { authorization: `Bearer ${res.data!.login.token}` });
    expect(me.data).toEqual({ me: { name: 'editor', role: 'EDITOR' } });
    expect(JSON.stringify(res)).not.toMatch(HASH);
  });

  it('answers an unknown user and a wrong password identically', async () => {
    const unknown = await t.gql(LOGIN, { name: 'nobody', password: 'editor' });
    const wrong = await t.gql(LOGIN, { name: 'basic', password: 'not-basic' });
    expect(unknown.errors![0]!.message).toBe(wrong.errors![0]!.message);
    expect(unknown.errors![0]!.extensions).toEqual(wrong.errors![0]!.extensions);
    expect(wrong.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('is anonymous without a token', async () => {
    expect((await t.gql(ME)).data).toEqual({ me: null });
  });

  it.each([
    [
      'a token signed with another key',
      async () =>
        new SignJWT({ role: 'admin' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('1')
          .setIssuer('retrofun-graphql')
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode('another-secret-that-is-long-enough-x')),
    ],
    [
      'an expired token',
      async () =>
        new SignJWT({ role: 'editor' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('1')
          .setIssuer('retrofun-graphql')
          .setIssuedAt(1_600_000_000)
          .setExpirationTime(1_600_000_600)
          .sign(new TextEncoder().encode(t.config.jwtSecret)),
    ],
    ['garbage', async () => 'not.a.token'],
  ])('refuses %s with 401 UNAUTHENTICATED', async (_label, make) => {
    const res = await fetch(t.app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await make()}` },
      body: JSON.stringify({ query: ME }),
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    if (_label === 'an expired token') expect(body.errors[0]!.message).toMatch(/expired/);
  });

  it('counts a burst of concurrent guesses before checking them: 16 wrong passwords, 10 checked, 6 refused', async () => {
    const from = { 'x-forwarded-for': '203.0.113.16' };
    const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => t.gql(LOGIN, { name: 'basic', password: `wrong-${i}` }, from)));
    const codes = answers.map((a) => a.errors![0]!.extensions!.code);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(10);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(6);
    // Blocked for this name from this address, even with the right password…
    const blocked = await t.gql(LOGIN, { name: 'basic', password: 'basic' }, from);
    expect(blocked.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(blocked.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(800); // the pair's 15-minute block
    // …but not for its owner elsewhere, nor for other accounts from here.
    expect((await t.gql(LOGIN, { name: 'basic', password: 'basic' }, { 'x-forwarded-for': '198.51.100.7' })).errors).toBeUndefined();
    expect((await t.gql(LOGIN, { name: 'editor', password: 'editor' }, from)).errors).toBeUndefined();
  });

  it('clears the consecutive failures of a name and address on success', async () => {
    const from = { 'x-forwarded-for': '203.0.113.20' };
    for (let i = 0; i < 9; i++) await t.gql(LOGIN, { name: 'basic', password: `wrong-${i}` }, from);
    expect((await t.gql(LOGIN, { name: 'basic', password: 'basic' }, from)).errors).toBeUndefined();
    for (let i = 0; i < 9; i++) await t.gql(LOGIN, { name: 'basic', password: `wrong-again-${i}` }, from);
    expect((await t.gql(LOGIN, { name: 'basic', password: 'basic' }, from)).errors).toBeUndefined();
  });

  it('caps failures per name across addresses without locking the owner out of an address it used before', async () => {
    const home = { 'x-forwarded-for': '192.0.2.1' };
    // The owner has signed in from home before.
    const admin = await headersFor(t, 'admin', new Map());
    const created = await t.gql(`mutation { createUser(input: { name: "target", password: "target-password" }) { user { name } } }`, {}, admin);
    expect(created.errors).toBeUndefined();
    expect((await t.gql(LOGIN, { name: 'target', password: 'target-password' }, home)).errors).toBeUndefined();
    // A distributed guess: 100 addresses, one try each.
    for (let i = 0; i < 100; i++) await t.gql(LOGIN, { name: 'target', password: `guess-${i}` }, { 'x-forwarded-for': `198.18.${i >> 8}.${i & 255}` });
    const stranger = await t.gql(LOGIN, { name: 'target', password: 'target-password' }, { 'x-forwarded-for': '198.19.0.1' });
    expect(stranger.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    expect((await t.gql(LOGIN, { name: 'target', password: 'target-password' }, home)).errors).toBeUndefined();
  });

  it('changes its own password only with the old one', async () => {
    const login = await t.gql<{ login: { token: string } }>(LOGIN, { name: 'editor', password: 'editor' });
    const auth = { authorization: `Bearer ${login.data!.login.token}` };
    const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { user { name } } }`;
    const wrong = await t.gql(CHANGE, { input: { oldPassword: 'nope', newPassword: 'new-password-1' } }, auth);
    expect(wrong.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.oldPassword' });
    const ok = await t.gql(CHANGE, { input: { oldPassword: 'editor', newPassword: 'new-password-1' } }, auth);
    expect(ok.data).toEqual({ changePassword: { user: { name: 'editor' } } });
    expect((await t.gql(LOGIN, { name: 'editor', password: 'new-password-1' })).errors).toBeUndefined();
    expect((await t.gql(LOGIN, { name: 'editor', password: 'editor' })).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('never writes passwords, hashes or tokens to the logs', async () => {
    const login = await t.gql<{ login: { token: string } }>(LOGIN, { name: 'nobody-here', password: 'wrong-again' });
    expect(login.errors).toBeDefined();
    const text = logs.join('');
    expect(text).toContain('failed login');
    expect(text).not.toMatch(HASH);
    expect(text).not.toContain('wrong-again');
    expect(text).not.toContain('new-password-1');
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ/);
  });

  // Last: it refuses this client address for the rest of the file.
  it('refuses an address failing under 100 made-up names for at most 15 minutes, and never for an account that signed in from it', async () => {
    const from = { 'x-forwarded-for': '203.0.113.99' };
    expect((await t.gql(LOGIN, { name: 'basic', password: 'basic' }, from)).errors).toBeUndefined();
    const codes: unknown[] = [];
    for (let i = 0; i < 100; i++) codes.push((await t.gql(LOGIN, { name: `guess-${i}`, password: 'x' }, from)).errors![0]!.extensions!.code);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(LOGIN_LIMITS.addressPerWindow);
    // Another account's first sign-in from here waits for the short window, not a day…
    const other = await t.gql(LOGIN, { name: 'admin', password: 'admin' }, from);
    expect(other.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    expect(other.errors![0]!.extensions!.retryAfterSeconds).toBeLessThanOrEqual(LOGIN_LIMITS.addressBlockSeconds);
    expect(LOGIN_LIMITS.addressBlockSeconds).toBe(15 * 60);
    // …and an account that has signed in from here before does not wait at all.
    expect((await t.gql(LOGIN, { name: 'basic', password: 'basic' }, from)).errors).toBeUndefined();
  });
});
