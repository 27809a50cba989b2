import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { entries } from '../../src/config/variable.js';
import { readVariables } from '../../src/config/parse.js';
import { VARIABLES } from '../../src/config/variables.js';

const PG = 'postgresql://app:secret@db1:5432/retrofun';
const ENVS: Record<string, NodeJS.ProcessEnv> = {
  development: {},
  test: { NODE_ENV: 'test' },
  production: { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) },
};

describe('the table of variables', () => {
  // The reference shows these defaults: each must read exactly as leaving the variable unset does.
  const shown = Object.entries(VARIABLES).flatMap(([name, variable]) =>
    entries(variable.defaults).flatMap(([env, value]) => (value === undefined ? [] : [[name, env || 'development', value] as const])),
  );
  it.each(shown)('%s: the documented %s default %s is what an unset variable gives', (name, env, value) => {
    const base = ENVS[env]!;
    expect(readVariables({ ...base, [name]: value })[name as keyof typeof VARIABLES]).toEqual(readVariables(base)[name as keyof typeof VARIABLES]);
  });

  const examples = Object.entries(VARIABLES).flatMap(([name, v]) => (v.example === undefined ? [] : [[name, v.example] as const]));
  it.each(examples)('%s: the example in .env.example (%s) is accepted', (name, example) => {
    expect(() => loadConfig({ DATABASE_URL: PG, [name]: example })).not.toThrow();
  });
});

describe('HOST and DATABASE_URL_PG', () => {
  it('binds npm start to every address unless told', () => {
    expect(loadConfig({}).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: ' 127.0.0.1 ' }).host).toBe('127.0.0.1');
  });

  it('reads the migrations database next to a SQLite DATABASE_URL, and refuses one that is not PostgreSQL', () => {
    expect(loadConfig({}).migrationsPostgresUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL_PG: PG }).migrationsPostgresUrl).toBe(PG);
    expect(() => loadConfig({ DATABASE_URL_PG: './dev.sqlite' })).toThrow(/^DATABASE_URL_PG is not a PostgreSQL URL/);
    expect(() => loadConfig({ DATABASE_URL_PG: 'postgresql://db1/' })).toThrow(/^DATABASE_URL_PG must name a host and a database/);
  });
});

describe('bounds that depend on NODE_ENV', () => {
  it('says which environment a bound belongs to', () => {
    expect(() => loadConfig({ ...ENVS.production, BCRYPT_ROUNDS: '11' })).toThrow(new ConfigError('BCRYPT_ROUNDS must be an integer from 12 to 16 in production, got "11"'));
    expect(() => loadConfig({ NODE_ENV: 'test', BCRYPT_ROUNDS: '3' })).toThrow(new ConfigError('BCRYPT_ROUNDS must be an integer from 4 to 16, got "3"'));
    expect(loadConfig({ NODE_ENV: 'staging', BCRYPT_ROUNDS: '4' }).bcryptRounds).toBe(4);
  });

  it('takes the development defaults for any NODE_ENV other than test and production', () => {
    expect(loadConfig({ NODE_ENV: 'staging' })).toMatchObject({ logLevel: 'info', bcryptRounds: 10, seedDemo: true, corsOrigins: ['*'], loadingStrategyHeader: 'all' });
  });
});
