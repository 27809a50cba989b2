import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap, type App } from '../../src/app.js';
import { silentProgress } from '../../src/cli/progress.js';
import { exportJson } from '../../src/modules/data/json-export.js';
import { importJson } from '../../src/modules/data/json-import.js';
import { User } from '../../src/modules/wiki/user.entity.js';
import { postAt, startTestApp, testConfig, type TestApp } from '../support/app.js';
import { openMigratedOrm, type TestOrm } from '../support/orm.js';

const LOGIN = `mutation($name: String!, $password: String!) { login(input: { name: $name, password: $password }) { token } }`;
const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { token } }`;
const ME = `{ me { name } }`;

/** docs/data.md, "Export and restore": a restored database starts with every access token revoked (issue 26, point 7). */
describe('db:export then db:import-json', () => {
  let dir: string;
  let source: TestApp;
  let target: TestOrm;
  let restored: App | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'retrofun-restore-'));
    source = await startTestApp();
    target = await openMigratedOrm();
  });
  afterAll(async () => {
    await restored?.close();
    await target?.close();
    await source?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('revokes every token issued before the restore, also those changePassword had revoked', async () => {
    // An account whose stamp is empty, as for accounts from before stamps existed (and, until
    // issue 26, every restored account): its tokens carry an empty stamp.
    await source.app.orm.em.fork().nativeUpdate(User, { name: 'editor' }, { tokenStamp: '' });
    const login = async (url: string, password: string) => (await postAt<{ login: { token: string } }>(url, LOGIN, { name: 'editor', password })).body.data?.login.token;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const old = (await login(source.app.url, 'editor'))!;
    const changed = await postAt<{ changePassword: { token: string } }>(source.app.url, CHANGE, { input: { oldPassword: 'editor', newPassword: 'editor-password-2' } }, bearer(old));
    const current = changed.body.data!.changePassword.token;
    expect((await postAt(source.app.url, ME, {}, bearer(old))).status).toBe(401);
    expect((await postAt(source.app.url, ME, {}, bearer(current))).body.data).toEqual({ me: { name: 'editor' } });

    const file = path.join(dir, 'dump.json');
    await exportJson(source.app.orm, file, silentProgress);
    await importJson(target.orm, file, silentProgress);
    restored = await bootstrap({ config: testConfig(target.db.config, { seedDemo: false }), port: 0 });
    for (const [which, token] of [
      ['revoked by changePassword', old],
      ['current before the export', current],
    ] as const) {
      const res = await postAt(restored.url, ME, {}, bearer(token));
      expect({ which, status: res.status, code: res.body.errors?.[0]?.extensions?.code }).toEqual({ which, status: 401, code: 'UNAUTHENTICATED' });
    }
    // The account itself is restored: its password signs in, and the new token works.
    const fresh = await login(restored.url, 'editor-password-2');
    expect((await postAt(restored.url, ME, {}, bearer(fresh!))).body.data).toEqual({ me: { name: 'editor' } });
    const stamps = await target.orm.em.fork().find(User, {}, { fields: ['tokenStamp'] });
    expect(stamps.length).toBeGreaterThan(1);
    expect(new Set(stamps.map((u) => u.tokenStamp)).size).toBe(stamps.length);
    expect(stamps.every((u) => u.tokenStamp.length >= 16)).toBe(true);
  });
});
