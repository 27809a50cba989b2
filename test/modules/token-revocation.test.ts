import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../src/modules/wiki/user.entity.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';

const LOGIN = `mutation($name: String!, $password: String!) { login(input: { name: $name, password: $password }) { token } }`;
const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { user { name } token expiresAt } }`;
const ME = `{ me { name } }`;

/** Tokens die with the password: changePassword, deleteUser (and `npm run user`, in test/ops). */
describe('token revocation', () => {
  let t: TestApp;
  const tokens = new Map<Who, Record<string, string>>();
  const login = async (name: string, password: string) => {
    const res = await t.gql<{ login: { token: string } }>(LOGIN, { name, password });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return { authorization: `Bearer ${res.data.login.token}` };
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('changePassword revokes every earlier token, in the same one statement a role check costs, and returns a new one', async () => {
    const first = await login('editor', 'editor');
    const second = await login('editor', 'editor');
    const changed = await t.gql<{ changePassword: { token: string; expiresAt: string } }>(CHANGE, { input: { oldPassword: 'editor', newPassword: 'editor-password-2' } }, first);
    expect(changed.errors).toBeUndefined();
    for (const stale of [first, second]) {
      const res = await t.gql(ME, {}, stale);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.errors?.[0]?.message).toBe('This access token was revoked when the password changed: log in again');
    }
    const fresh = { authorization: `Bearer ${changed.data!.changePassword.token}` };
    const me = await t.gql(ME, {}, fresh);
    expect(me.data).toEqual({ me: { name: 'editor' } });
    // One statement: the viewer's row, stamp included, as before stamps existed.
    expect(me.extensions?.sql).toMatchObject({ statements: 1 });
    const write = await t.gql(`mutation { createCountry(input: { name: "Revocationland" }) { country { name } } }`, {}, first);
    expect(write.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(write.data).toEqual({ createCountry: null });
  });

  it('refuses a weak new password with BAD_USER_INPUT naming the field, and keeps the old one', async () => {
    const auth = await login('basic', 'basic');
    const res = await t.gql(CHANGE, { input: { oldPassword: 'basic', newPassword: '        ' } }, auth);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.newPassword' });
    expect((await t.gql(ME, {}, auth)).data).toEqual({ me: { name: 'basic' } });
  });

  it("deleteUser kills the account's tokens, and no later account inherits them", async () => {
    const admin = await headersFor(t, 'admin', tokens);
    const created = await t.gql<{ createUser: { user: { id: string } } }>(`mutation { createUser(input: { name: "leaver", password: "leaver-password" }) { user { id } } }`, {}, admin);
    const leaver = await login('leaver', 'leaver-password');
    const before = await t.app.orm.em.fork().findOneOrFail(User, { name: 'leaver' });
    await t.gql(`mutation($id: ID!) { deleteUser(input: { userId: $id }) { deletedId } }`, { id: created.data!.createUser.user.id }, admin);
    expect((await t.gql(ME, {}, leaver)).data).toEqual({ me: null });
    // Ids are never handed out again (AUTOINCREMENT on SQLite, a sequence on PostgreSQL).
    await t.gql(`mutation { createUser(input: { name: "newcomer", password: "newcomer-password" }) { user { id } } }`, {}, admin);
    const newcomer = await t.app.orm.em.fork().findOneOrFail(User, { name: 'newcomer' });
    expect(newcomer.id).toBeGreaterThan(before.id);
    expect((await t.gql(ME, {}, leaver)).data).toEqual({ me: null });
  });
});
