import { postgresUrl } from './database-url.js';
import { ConfigError } from './errors.js';
import { type Common, ownValue, perEnv, pick, type PerEnv, type ReadContext, entries, type Variable } from './variable.js';

// The kinds of variable the table is written with: each takes a declaration and returns a
// Variable that reads, checks and describes itself.

const blank = (raw: string | undefined): raw is undefined => raw === undefined || raw.trim() === '';

export function text(spec: Common & { default: string }): Variable<string> {
  return { ...spec, type: 'string', defaults: spec.default, read: (raw) => (blank(raw) ? spec.default : raw.trim()) };
}

type IntegerSpec = Common & { min: PerEnv<number>; max: number };
export function integer(spec: IntegerSpec & { default: PerEnv<number> }): Variable<number>;
export function integer(spec: IntegerSpec & { default?: undefined }): Variable<number | undefined>;
export function integer(spec: IntegerSpec & { default?: PerEnv<number> }): Variable<number | undefined> {
  const range = (min: number) => `${min}–${spec.max}`;
  const mins = entries(spec.min);
  return {
    ...spec,
    type: `integer, ${range(mins[0]![1])}${mins
      .slice(1)
      .map(([env, min]) => ` (${env}: ${range(min)})`)
      .join('')}`,
    defaults: spec.default === undefined ? undefined : perEnv(spec.default, String),
    read(raw, name, { nodeEnv }) {
      if (blank(raw)) return spec.default === undefined ? undefined : pick(spec.default, nodeEnv);
      const value = Number(raw);
      const min = pick(spec.min, nodeEnv);
      if (!Number.isInteger(value) || value < min || value > spec.max) {
        throw new ConfigError(`${name} must be an integer from ${min} to ${spec.max}${ownValue(spec.min, nodeEnv) ? ` in ${nodeEnv}` : ''}, got "${raw}"`);
      }
      return value;
    },
  };
}

/** A number in (above, max]; `keyword` reads as undefined ("leave it to the server"). */
export function decimal(spec: Common & { above: number; max: number; default: number; keyword: string }): Variable<number | undefined> {
  return {
    ...spec,
    type: `number above ${spec.above} and at most ${spec.max}, or ${spec.keyword}`,
    defaults: String(spec.default),
    read(raw, name) {
      if (raw?.trim() === spec.keyword) return undefined;
      if (blank(raw)) return spec.default;
      const value = Number(raw);
      if (!Number.isFinite(value) || value <= spec.above || value > spec.max) {
        throw new ConfigError(`${name} must be a number above ${spec.above} and at most ${spec.max}, or "${spec.keyword}", got "${raw}"`);
      }
      return value;
    },
  };
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

export function flag(spec: Common & { default: PerEnv<boolean> }): Variable<boolean> {
  return {
    ...spec,
    type: 'boolean',
    defaults: perEnv(spec.default, String),
    read(raw, name, { nodeEnv }) {
      if (blank(raw)) return pick(spec.default, nodeEnv);
      const value = raw.trim().toLowerCase();
      if (TRUE.includes(value)) return true;
      if (FALSE.includes(value)) return false;
      throw new ConfigError(`${name} must be true or false, got "${raw}"`);
    },
  };
}

/** One of a fixed set of words, case-insensitive. */
export function oneOf<V extends string>(values: readonly V[], spec: Common & { default: PerEnv<V> }): Variable<V> {
  return {
    ...spec,
    type: `one of ${values.join(', ')}`,
    defaults: spec.default,
    read(raw, name, { nodeEnv }) {
      if (blank(raw)) return pick(spec.default, nodeEnv);
      const value = raw.trim().toLowerCase();
      if (!(values as readonly string[]).includes(value)) throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
      return value as V;
    },
  };
}

/** A key: at least `minLength` characters, required in production (`howTo` says how to make one). */
export function secret(spec: Common & { minLength: number; howTo: string }): Variable<string | undefined> {
  return {
    ...spec,
    secret: true,
    type: `string, at least ${spec.minLength} characters`,
    defaults: undefined,
    read(raw, name, { nodeEnv, requireSecrets }) {
      if (blank(raw)) {
        if (nodeEnv === 'production' && requireSecrets) throw new ConfigError(`${name} is required in production (at least ${spec.minLength} characters, ${spec.howTo})`);
        return undefined;
      }
      if (raw.length < spec.minLength) throw new ConfigError(`${name} must be at least ${spec.minLength} characters long`);
      return raw;
    },
  };
}

type PostgresSpec = Common & { postgresOnly?: string };

/** Refuses a variable set while DATABASE_URL is SQLite, when it is of no use there. */
function needPostgres(name: string, { dialect }: ReadContext, spec: PostgresSpec): void {
  if (spec.postgresOnly && dialect !== 'postgresql') throw new ConfigError(`${name} needs a PostgreSQL DATABASE_URL: ${spec.postgresOnly}`);
}

/** A PostgreSQL URL (postgresql:// or postgres://), or unset. */
export function postgres(spec: PostgresSpec): Variable<string | undefined> {
  return {
    ...spec,
    type: 'PostgreSQL URL',
    defaults: undefined,
    read(raw, name, ctx) {
      if (blank(raw)) return undefined;
      needPostgres(name, ctx, spec);
      return postgresUrl(raw, name);
    },
  };
}

/** Comma-separated PostgreSQL URLs; empty entries are skipped. */
export function postgresList(spec: PostgresSpec): Variable<string[]> {
  return {
    ...spec,
    type: 'comma-separated PostgreSQL URLs',
    defaults: undefined,
    read(raw, name, ctx) {
      const urls = (raw ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean);
      if (urls.length) needPostgres(name, ctx, spec);
      // Same checks and messages as DATABASE_URL, naming the variable and the position instead.
      for (const [i, url] of urls.entries()) postgresUrl(url, `${name}, URL ${i + 1}:`);
      return urls;
    },
  };
}

/** A variable with a reader of its own (DATABASE_URL, TRUST_PROXY, CORS_ORIGINS). */
export function custom<T>(spec: Common & { type: string; defaults: PerEnv<string | undefined>; read: Variable<T>['read'] }): Variable<T> {
  return spec;
}
