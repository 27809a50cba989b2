import bcrypt from 'bcrypt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, User } from '../../src/modules/wiki/user.entity.js';
import { startTestApp, type TestApp } from '../support/app.js';

const LOGIN = `mutation($name: String!, $password: String!) { login(input: { name: $name, password: $password }) { token user { id } } }`;
const SET_ROLE = `mutation($id: ID!, $role: Role!) { setUserRole(input: { userId: $id, role: $role }) { user { role } } }`;
const DELETE = `mutation($id: ID!) { deleteUser(input: { userId: $id }) { deletedId } }`;
const ROUNDS = 8;

/**
 * At least one admin always remains: the last one cannot be demoted (by itself) nor deleted, and
 * two admins demoting or deleting each other at the same moment leave one of them an admin.
 */
describe('the last admin', () => {
  let t: TestApp;
  let n = 0;

  /** Makes `count` fresh admins the only admins (every other account basic); their ids and request headers. */
  const onlyAdmins = async (count: number): Promise<{ id: string; headers: Record<string, string> }[]> => {
    const em = t.app.orm.em.fork();
    await em.nativeUpdate(User, { role: Role.ADMIN }, { role: Role.BASIC });
    const hash = await bcrypt.hash('admin-password', 4);
    const names = Array.from({ length: count }, () => `root-${++n}`);
    for (const name of names) em.create(User, { name, role: Role.ADMIN, passwordHash: hash });
    await em.flush();
    return Promise.all(
      names.map(async (name) => {
        const res = await t.gql<{ login: { token: string; user: { id: string } } }>(LOGIN, { name, password: 'admin-password' });
        return { id: res.data!.login.user.id, headers: { authorization: `Bearer ${res.data!.login.token}` } };
      }),
    );
  };
  const admins = () => t.app.orm.em.fork().count(User, { role: Role.ADMIN });

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: false });
  });
  afterAll(() => t?.close());

  it('cannot demote itself: CONFLICT with reason LAST_ADMIN, and it stays admin', async () => {
    const [only] = await onlyAdmins(1);
    for (const role of ['EDITOR', 'BASIC']) {
      const res = await t.gql(SET_ROLE, { id: only!.id, role }, only!.headers);
      expect(res.data).toEqual({ setUserRole: null });
      expect(res.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'LAST_ADMIN' });
      expect(res.errors![0]!.message).toMatch(/is the last admin: give another account the admin role first/);
    }
    expect(await admins()).toBe(1);
    // Re-asserting the role it has is no demotion.
    const same = await t.gql(SET_ROLE, { id: only!.id, role: 'ADMIN' }, only!.headers);
    expect(same.data).toEqual({ setUserRole: { user: { role: 'ADMIN' } } });
  });

  it('can demote or delete an admin while another remains, but not the one left', async () => {
    const [a, b] = await onlyAdmins(2);
    const demoted = await t.gql(SET_ROLE, { id: b!.id, role: 'EDITOR' }, a!.headers);
    expect(demoted.data).toEqual({ setUserRole: { user: { role: 'EDITOR' } } });
    const self = await t.gql(SET_ROLE, { id: a!.id, role: 'BASIC' }, a!.headers);
    expect(self.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'LAST_ADMIN' });
    const [c, d] = await onlyAdmins(2);
    const deleted = await t.gql(DELETE, { id: d!.id }, c!.headers);
    expect(deleted.data).toEqual({ deleteUser: { deletedId: d!.id } });
    expect(await admins()).toBe(1);
  });

  it.each([
    ['demote', (target: string) => ({ query: SET_ROLE, variables: { id: target, role: 'BASIC' } })],
    ['delete', (target: string) => ({ query: DELETE, variables: { id: target } })],
  ] as const)('two admins who %s each other at once leave one admin (%#)', async (_verb, build) => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = await onlyAdmins(2);
      const [ab, ba] = [build(b!.id), build(a!.id)];
      const answers = await Promise.all([t.gql(ab.query, ab.variables, a!.headers), t.gql(ba.query, ba.variables, b!.headers)]);
      expect(await admins(), `round ${round}: ${JSON.stringify(answers)}`).toBe(1);
      // One succeeded; the other was refused as the last admin's, or as a caller no longer admin or no longer there.
      expect(answers.filter((r) => !r.errors)).toHaveLength(1);
      const refused = answers.find((r) => r.errors)!.errors![0]!.extensions!.code;
      expect(['CONFLICT', 'FORBIDDEN', 'UNAUTHENTICATED']).toContain(refused);
    }
  });
});
