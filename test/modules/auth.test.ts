import { Writable } from 'node:stream';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

const LOGIN = `mutation($name: String!, $password: String!) { login(input: { name: $name, password: $password }) { token expiresAt user { name role } } }`;
const ME = `{ me { name role } }`;
const HASH = /\$2[aby]\$\d\d\$/;

describe('authentication', () => {
  let t: TestApp;
  const logs: string[] = [];
  beforeAll(async () => {
    // The service's own log lines, to check that no secret is ever written.
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (logs.push(chunk.toString()), done()) });
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
    ['a token signed with another key', async () => new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('1').setIssuer('retrofun-graphql').setExpirationTime('1h').sign(new TextEncoder().encode('another-secret-that-is-long-enough-x'))],
    ['an expired token', async () => new SignJWT({ role: 'editor' }).setProtectedHeader({ alg: 'HS256' }).setSubject('1').setIssuer('retrofun-graphql').setIssuedAt(1_600_000_000).setExpirationTime(1_600_000_600).sign(new TextEncoder().encode(t.config.jwtSecret))],
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

  it('rate-limits failed logins per user name, even for the right password afterwards', async () => {
    for (let i = 0; i < 5; i++) await t.gql(LOGIN, { name: 'basic', password: `wrong-${i}` });
    const blocked = await t.gql(LOGIN, { name: 'basic', password: 'basic' });
    expect(blocked.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    expect(blocked.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    // Other accounts are not locked by it.
    expect((await t.gql(LOGIN, { name: 'editor', password: 'editor' })).errors).toBeUndefined();
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

  // Last: it locks this client address out for the rest of the file.
  it('rate-limits failed logins per client address, across user names', async () => {
    for (let i = 0; i < 30; i++) await t.gql(LOGIN, { name: `guess-${i}`, password: 'x' });
    const blocked = await t.gql(LOGIN, { name: 'editor', password: 'new-password-1' });
    expect(blocked.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
  });
});
