import type { Dialect } from './database-url.js';
import type { GroupId } from './groups.js';

/** A value per NODE_ENV; `development` stands for every NODE_ENV other than test and production. */
export type PerEnv<T> = T | { readonly development: T; readonly test?: T; readonly production?: T };

export interface ReadContext {
  nodeEnv: string;
  /** DATABASE_URL's, for the variables that only PostgreSQL has a use for. */
  dialect: Dialect;
  /** Whether a secret required in production must be set: tools that never use it pass false. */
  requireSecrets: boolean;
}

/** One environment variable: how it is read, and what the reference and .env.example say of it. */
export interface Variable<T> {
  readonly group: GroupId;
  /** One or two sentences: what it does, and when to change it. */
  readonly description: string;
  /** Its type and bounds, as the reference shows them. */
  readonly type: string;
  /** The default per environment, as text; undefined: unset (see `unset`). */
  readonly defaults: PerEnv<string | undefined>;
  /** What an unset variable means, when that is not a plain value (e.g. "REQUEST_TIMEOUT_MS"). */
  readonly unset?: string;
  /** A value worth showing in .env.example, when the default is not one. */
  readonly example?: string;
  /** Never shown with a value, and never given a default in production. */
  readonly secret?: boolean;
  /** Refused (with this reason) unless DATABASE_URL is PostgreSQL's. */
  readonly postgresOnly?: string;
  /** Reads the raw value (undefined or blank: unset); throws a one-line ConfigError naming `name`. */
  read(raw: string | undefined, name: string, ctx: ReadContext): T;
}

export type ValueOf<V> = V extends Variable<infer T> ? T : never;

/** What every kind of variable declares. */
export interface Common {
  group: GroupId;
  description: string;
  unset?: string;
  example?: string;
}

function isPerEnv<T>(value: PerEnv<T>): value is Exclude<PerEnv<T>, T> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'development' in value;
}

/** The value for this NODE_ENV. */
export function pick<T>(value: PerEnv<T>, nodeEnv: string): T {
  if (!isPerEnv(value)) return value as T;
  if (nodeEnv === 'production' && 'production' in value) return value.production as T;
  if (nodeEnv === 'test' && 'test' in value) return value.test as T;
  return value.development;
}

/** Whether NODE_ENV has a value of its own (`production` in "from 12 to 16 in production"). */
export function ownValue<T>(value: PerEnv<T>, nodeEnv: string): boolean {
  return isPerEnv(value) && (nodeEnv === 'production' || nodeEnv === 'test') && nodeEnv in value;
}

/** Each environment's value, mapped. */
export function perEnv<T, U>(value: PerEnv<T>, f: (v: T) => U): PerEnv<U> {
  if (!isPerEnv(value)) return f(value as T);
  const mapped: { development: U; test?: U; production?: U } = { development: f(value.development) };
  if ('test' in value) mapped.test = f(value.test as T);
  if ('production' in value) mapped.production = f(value.production as T);
  return mapped;
}

export function entries<T>(value: PerEnv<T>): [env: string, value: T][] {
  if (!isPerEnv(value)) return [['', value as T]];
  return (['development', 'test', 'production'] as const).filter((env) => env in value).map((env) => [env, value[env] as T]);
}
