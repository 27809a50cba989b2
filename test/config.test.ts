import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_SQLITE_PATH, loadConfig, parseDatabaseUrl } from '../src/config.js';

describe('DATABASE_URL', () => {
  it('defaults to a SQLite file under ./data', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ dialect: 'sqlite', url: DEFAULT_SQLITE_PATH });
    expect(DEFAULT_SQLITE_PATH.startsWith('./data/')).toBe(true);
  });

  it.each([
    ['sqlite:///retrofun.sqlite', 'retrofun.sqlite'],
    ['sqlite:///data/shop.sqlite', 'data/shop.sqlite'],
    ['sqlite:////var/lib/retrofun/shop.sqlite', '/var/lib/retrofun/shop.sqlite'],
    ['sqlite://', ':memory:'],
    ['./local.sqlite', './local.sqlite'],
    ['/tmp/x.db', '/tmp/x.db'],
  ])('reads the SQLite form %s as the file %s', (raw, file) => {
    expect(parseDatabaseUrl(raw)).toEqual({ dialect: 'sqlite', url: file });
  });

  it.each(['postgres://u:p@localhost:5432/shop', 'postgresql://u:p@127.0.0.1/shop'])('accepts the PostgreSQL URL %s', (raw) => {
    expect(parseDatabaseUrl(raw)).toEqual({ dialect: 'postgresql', url: raw });
  });

  it.each([
    ['mysql://u:p@localhost/shop', /scheme "mysql" is not supported/],
    ['postgresql://localhost', /must name a host and a database/],
    ['sqlite:relative.db', /not a SQLite URL/],
  ])('rejects %s with a clear message', (raw, message) => {
    expect(() => parseDatabaseUrl(raw)).toThrow(ConfigError);
    expect(() => parseDatabaseUrl(raw)).toThrow(message);
  });
});

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      nodeEnv: 'development',
      production: false,
      logLevel: 'info',
      seedDemo: true,
      bcryptRounds: 10,
      loadingStrategy: 'eager',
      queryDepthLimit: 10,
      sqlStats: true,
      jwtSecretGenerated: true,
      jwtTtlSeconds: 8 * 3600,
    });
    // A generated development secret is long and differs per process start.
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}).jwtSecret).not.toBe(config.jwtSecret);
  });

  it('keeps production safe by default: no demo data, bcrypt cost 12', () => {
    const secret = 'x'.repeat(40);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required in production/);
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret });
    expect(config).toMatchObject({ production: true, seedDemo: false, bcryptRounds: 12, sqlStats: false, jwtSecret: secret, jwtSecretGenerated: false });
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, SQL_STATS: 'true' }).sqlStats).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, BCRYPT_ROUNDS: '8' })).toThrow(/BCRYPT_ROUNDS must be an integer from 12/);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /PORT must be an integer/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ SEED_DEMO: 'maybe' }, /SEED_DEMO must be true or false/],
    [{ LOADING_STRATEGY: 'psychic' }, /LOADING_STRATEGY must be one of lazy, batched, eager/],
    [{ QUERY_DEPTH_LIMIT: '1' }, /QUERY_DEPTH_LIMIT must be an integer from 2 to 50/],
    [{ SQL_STATS: 'loud' }, /SQL_STATS must be true or false/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32 characters/],
    [{ JWT_TTL_SECONDS: '5' }, /JWT_TTL_SECONDS must be an integer/],
  ])('rejects %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('request limits', () => {
  it('defaults to limits that admit every example operation', () => {
    expect(loadConfig({}).limits).toEqual({ cost: 500_000, aliases: 30, tokens: 5_000, directives: 30, fields: 1_000, statements: 500, timeoutMs: 10_000 });
    expect(loadConfig({}).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), INTROSPECTION: 'true' }).introspection).toBe(true);
  });

  it.each([
    ['QUERY_COST_LIMIT', 'lots'],
    ['QUERY_ALIAS_LIMIT', '-1'],
    ['REQUEST_TIMEOUT_MS', '5'],
    ['MAX_CONNECTIONS', '0'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name} must be an integer from`));
  });
});

describe('WEB_CONCURRENCY and METRICS', () => {
  it('runs one worker in development and one per core in production unless told', async () => {
    const { workerCount } = await import('../src/cluster.js');
    expect(workerCount(loadConfig({}), 8)).toBe(1);
    expect(workerCount(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }), 8)).toBe(8);
    expect(workerCount(loadConfig({ WEB_CONCURRENCY: '3' }), 8)).toBe(3);
    expect(() => loadConfig({ WEB_CONCURRENCY: '0' })).toThrow(ConfigError);
  });

  it('keeps metrics off unless METRICS=true, and validates METRICS_PORT', () => {
    expect(loadConfig({}).metrics).toEqual({ enabled: false, port: undefined });
    expect(loadConfig({ METRICS: 'true', METRICS_PORT: '9464' }).metrics).toEqual({ enabled: true, port: 9464 });
    expect(() => loadConfig({ METRICS_PORT: 'http' })).toThrow(ConfigError);
  });

  it('bounds the document cache at 16 MB of estimated heap unless told otherwise (GRAPHQL_DOCUMENT_CACHE_MB)', () => {
    expect(loadConfig({}).documentCacheBytes).toBe(16 * 1024 * 1024);
    expect(loadConfig({ GRAPHQL_DOCUMENT_CACHE_MB: '1' }).documentCacheBytes).toBe(1024 * 1024);
    expect(() => loadConfig({ GRAPHQL_DOCUMENT_CACHE_MB: '0' })).toThrow(/^GRAPHQL_DOCUMENT_CACHE_MB must be an integer from 1/);
    expect(() => loadConfig({ GRAPHQL_DOCUMENT_CACHE_MB: '64MB' })).toThrow(/^GRAPHQL_DOCUMENT_CACHE_MB must be an integer/);
  });

  it('compiles a query from its second execution unless told otherwise (GRAPHQL_COMPILE_AFTER)', () => {
    expect(loadConfig({}).compileQueriesAfter).toBe(2);
    expect(loadConfig({ GRAPHQL_COMPILE_AFTER: '0' }).compileQueriesAfter).toBe(0);
    expect(loadConfig({ GRAPHQL_COMPILE_AFTER: '1' }).compileQueriesAfter).toBe(1);
    expect(() => loadConfig({ GRAPHQL_COMPILE_AFTER: '-1' })).toThrow(/^GRAPHQL_COMPILE_AFTER must be an integer from 0/);
  });
});

describe('DATABASE_REPLICA_URLS', () => {
  const PG = 'postgresql://app:secret@db1:5432/retrofun';
  it('has no replicas unless told, and reads comma-separated PostgreSQL URLs', () => {
    expect(loadConfig({}).replicas).toEqual({ urls: [], maxLagSeconds: 30, checkIntervalMs: 5_000 });
    const urls = ['postgresql://app:secret@db2:5432/retrofun', 'postgres://app:secret@db3/retrofun'];
    expect(loadConfig({ DATABASE_URL: PG, DATABASE_REPLICA_URLS: ` ${urls[0]}, ${urls[1]} ,`, DATABASE_REPLICA_MAX_LAG_SECONDS: '0' }).replicas).toEqual({
      urls,
      maxLagSeconds: 0,
      checkIntervalMs: 5_000,
    });
  });

  it.each([
    [{ DATABASE_REPLICA_URLS: 'postgresql://app:secret@db2/retrofun' }, /^DATABASE_REPLICA_URLS needs a PostgreSQL DATABASE_URL/],
    [{ DATABASE_URL: PG, DATABASE_REPLICA_URLS: 'postgresql://db2:5432/' }, /^DATABASE_REPLICA_URLS, URL 1: must name a host and a database/],
    [{ DATABASE_URL: PG, DATABASE_REPLICA_URLS: `${PG},./replica.sqlite` }, /^DATABASE_REPLICA_URLS, URL 2: not a PostgreSQL URL/],
    [{ DATABASE_URL: PG, DATABASE_REPLICA_CHECK_INTERVAL_MS: '10' }, /^DATABASE_REPLICA_CHECK_INTERVAL_MS must be an integer from 100/],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('VIEWER_CACHE and DATABASE_LISTEN_URL', () => {
  const PG = 'postgresql://app:secret@pgbouncer:6432/retrofun';
  it('is on unless told, and listens on DATABASE_URL unless given a direct connection', () => {
    expect(loadConfig({}).viewerCache).toEqual({ enabled: true });
    expect(loadConfig({ DATABASE_URL: PG, VIEWER_CACHE: 'off' }).viewerCache).toEqual({ enabled: false });
    expect(loadConfig({ DATABASE_URL: PG, DATABASE_LISTEN_URL: 'postgresql://app:secret@db1:5432/retrofun' }).viewerCache).toEqual({
      enabled: true,
      listenUrl: 'postgresql://app:secret@db1:5432/retrofun',
    });
  });

  it.each([
    [{ VIEWER_CACHE: 'maybe' }, /^VIEWER_CACHE must be true or false/],
    [{ DATABASE_LISTEN_URL: 'postgresql://app:secret@db1/retrofun' }, /^DATABASE_LISTEN_URL needs a PostgreSQL DATABASE_URL/],
    [{ DATABASE_URL: PG, DATABASE_LISTEN_URL: 'postgresql://db1:5432/' }, /^DATABASE_LISTEN_URL must name a host and a database/],
    [{ DATABASE_URL: PG, DATABASE_LISTEN_URL: './listen.sqlite' }, /^DATABASE_LISTEN_URL is not a PostgreSQL URL/],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('TRUST_PROXY', () => {
  it('trusts a proxy on loopback unless told, and reads the forms Express takes', () => {
    expect(loadConfig({}).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'TRUE' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: ' Loopback, 10.0.0.0/8 ,192.168.1.7, fd00::/8, 172.16.0.0/255.240.0.0, uniquelocal' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '192.168.1.7',
      'fd00::/8',
      '172.16.0.0/255.240.0.0',
      'uniquelocal',
    ]);
  });

  it.each(['loopback,linklocal,uniquelocal', '10.0.0.0/8', '2001:db8::/32,127.0.0.1', '10.0.0.0/255.0.0.0', 'true', '3'])('gives Express a setting it accepts for %s', async (raw) => {
    const express = (await import('express')).default;
    expect(() => express().set('trust proxy', loadConfig({ TRUST_PROXY: raw }).trustProxy)).not.toThrow();
  });

  it.each([
    ['10.0.0.0/33', /^TRUST_PROXY: "10\.0\.0\.0\/33" is not an address, a CIDR range/],
    ['proxy.example.com', /^TRUST_PROXY: "proxy\.example\.com" is not an address/],
    ['10.0.0.1,', /^TRUST_PROXY: "" is not an address/],
    ['fd00::/129', /^TRUST_PROXY: "fd00::\/129"/],
    ['10.0.0.0/255.0.255.0', /^TRUST_PROXY: "10\.0\.0\.0\/255\.0\.255\.0"/],
    ['yes', /^TRUST_PROXY: "yes"/],
    ['1000', /^TRUST_PROXY hop count must be from 0 to 100/],
  ])('refuses %s in one line naming the entry', (raw, message) => {
    let error: unknown;
    try {
      loadConfig({ TRUST_PROXY: raw });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});
