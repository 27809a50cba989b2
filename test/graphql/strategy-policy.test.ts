import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';

const QUERY = `{ products(first: 3) { nodes { name manufacturer { name } } } }`;

/** x-loading-strategy is a teaching tool, not a lever for anyone in production. */
describe('LOADING_STRATEGY_HEADER', () => {
  const apps: TestApp[] = [];
  let staff: TestApp;
  let off: TestApp;
  const tokens = new Map<TestApp, Map<Who, Record<string, string>>>();
  const ran = async (app: TestApp, who: Who) => {
    const cache = tokens.get(app) ?? new Map<Who, Record<string, string>>();
    tokens.set(app, cache);
    const res = await app.gql(QUERY, {}, { ...(await headersFor(app, who, cache)), 'x-loading-strategy': 'lazy' });
    expect(res.errors).toBeUndefined();
    return (res.extensions!.sql as { strategy: string }).strategy;
  };

  beforeAll(async () => {
    staff = await startTestApp({ loadingStrategyHeader: 'staff' });
    off = await startTestApp({ loadingStrategyHeader: 'off' });
    apps.push(staff, off);
  });
  afterAll(() => Promise.all(apps.map((a) => a.close())));

  it('defaults to all outside production and staff in production', () => {
    expect(loadConfig({}).loadingStrategyHeader).toBe('all');
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).loadingStrategyHeader).toBe('staff');
    expect(loadConfig({ LOADING_STRATEGY_HEADER: 'OFF' }).loadingStrategyHeader).toBe('off');
    expect(() => loadConfig({ LOADING_STRATEGY_HEADER: 'everyone' })).toThrow(ConfigError);
  });

  it.each([
    ['anonymous', 'eager'],
    ['basic', 'eager'],
    ['editor', 'lazy'],
    ['admin', 'lazy'],
  ] as const)('staff: %s gets %s', async (who, strategy) => {
    expect(await ran(staff, who)).toBe(strategy);
  });

  it('staff: a demoted editor loses it on the next request', async () => {
    const cache = new Map<Who, Record<string, string>>();
    const headers = await headersFor(staff, 'editor', cache);
    const { User, Role } = await import('../../src/modules/wiki/user.entity.js');
    const em = staff.app.orm.em.fork();
    const editor = await em.findOneOrFail(User, { name: 'editor' });
    editor.role = Role.BASIC;
    await em.flush();
    const res = await staff.gql(QUERY, {}, { ...headers, 'x-loading-strategy': 'lazy' });
    expect((res.extensions!.sql as { strategy: string }).strategy).toBe('eager');
  });

  it.each(['anonymous', 'editor', 'admin'] as const)('off: %s gets the default', async (who) => {
    expect(await ran(off, who)).toBe('eager');
  });
});
