import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../../src/modules/wiki/login-limiter.js';
import { startTestApp, type TestApp } from '../support/app.js';

const LOGIN = `mutation($name: String!, $password: String!) { login(input: { name: $name, password: $password }) { token } }`;

/**
 * TRUST_PROXY as a CIDR range: the whole of 127.0.0.0/8 is this host's loopback, so a request can
 * come from a proxy inside the range (127.0.0.2) or from an address outside it (127.0.0.1).
 */
describe('TRUST_PROXY=127.0.0.2/32', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ trustProxy: ['127.0.0.2/32'] });
  });
  afterAll(() => t?.close());

  /** One sign-in sent from `via`, saying it is forwarded for `client`: its error code, or OK. */
  const login = (via: string, client: string, name: string, password: string) =>
    new Promise<string>((resolve, reject) => {
      const url = new URL(t.app.url);
      const body = JSON.stringify({ query: LOGIN, variables: { name, password } });
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: via, agent: false, headers: { 'content-type': 'application/json', 'x-forwarded-for': client } },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve((JSON.parse(text) as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code ?? 'OK'));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const failTillBlocked = async (via: string, client: string) => {
    for (let i = 0; i < LOGIN_LIMITS.pairConsecutive; i++) expect(await login(via, client, 'basic', `wrong-${i}`)).toBe('UNAUTHENTICATED');
  };

  it("keys sign-in limits on the forwarded client's address when the request comes through a trusted proxy", async () => {
    await failTillBlocked('127.0.0.2', '203.0.113.5');
    expect(await login('127.0.0.2', '203.0.113.5', 'basic', 'basic')).toBe('RATE_LIMITED');
    // Another client behind the same proxy is another address.
    expect(await login('127.0.0.2', '203.0.113.6', 'basic', 'basic')).toBe('OK');
  });

  it('ignores X-Forwarded-For from an address outside the range: the limits key on the sender', async () => {
    await failTillBlocked('127.0.0.1', '198.51.100.1');
    // Whatever client it names, the sender is the one that failed ten times.
    expect(await login('127.0.0.1', '198.51.100.2', 'basic', 'basic')).toBe('RATE_LIMITED');
    // The address it claimed to forward for was never counted.
    expect(await login('127.0.0.2', '198.51.100.1', 'basic', 'basic')).toBe('OK');
  });
});
