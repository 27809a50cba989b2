import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

const LOGIN = `mutation { login(input: { name: "editor", password: "editor" }) { token } }`;

/** Answers that hold an account's data or a token are never kept by a browser or a proxy cache. */
describe('Cache-Control on signed-in answers', () => {
  let t: TestApp;
  const post = (query: string, headers: Record<string, string> = {}) =>
    fetch(t.app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  const get = (query: string, headers: Record<string, string> = {}) => fetch(`${t.app.url}?query=${encodeURIComponent(query)}`, { headers });
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('is no-store on the answer holding a token (login), and on a signed-in query by POST or GET', async () => {
    const login = await post(LOGIN);
    expect(login.headers.get('cache-control')).toBe('no-store');
    const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    const auth = { authorization: `Bearer ${token}` };
    for (const res of [await post(`{ me { name } }`, auth), await get(`{ me { name } }`, auth)]) {
      expect(((await res.json()) as { data: unknown }).data).toEqual({ me: { name: 'editor' } });
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('is no-store on a refused token too, and on an anonymous mutation answering a secret (recordPageView)', async () => {
    const refused = await post(`{ me { name } }`, { authorization: 'Bearer not.a.token' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    // A new reader's secret, answered to an anonymous client.
    const view = await post(`mutation { recordPageView(input: { articleId: "QmxvZ0FydGljbGU6MQ" }) { readerToken } }`);
    expect(((await view.json()) as { data: { recordPageView: { readerToken: string } } }).data.recordPageView.readerToken).toEqual(expect.any(String));
    expect(view.headers.get('cache-control')).toBe('no-store');
  });

  it('makes an anonymous GET query of public fields public (docs/api.md, HTTP caching), and one with nothing to cache no-store', async () => {
    const res = await get(`{ manufacturers(first: 1) { nodes { name } } }`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect((await get(`{ __typename }`)).headers.get('cache-control')).toBe('no-store');
  });
});
