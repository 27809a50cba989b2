import { ConfigError } from './errors.js';

/** Which database family a DATABASE_URL selects. */
export type Dialect = 'sqlite' | 'postgresql';

export const DEFAULT_SQLITE_PATH = './data/retrofun.sqlite';

const POSTGRES_FORM = 'postgresql://user:password@host:port/database';

/**
 * Accepts a PostgreSQL URL, the book's SQLAlchemy-style SQLite URLs
 * (`sqlite:///relative.sqlite`, `sqlite:////absolute.sqlite`, `sqlite://` = in memory)
 * or a plain file path. Errors name DATABASE_URL; other variables rename them (postgresUrl).
 */
export function parseDatabaseUrl(raw: string | undefined): { dialect: Dialect; url: string } {
  const value = raw?.trim() || DEFAULT_SQLITE_PATH;
  if (/^postgres(ql)?:\/\//i.test(value)) {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new ConfigError(`DATABASE_URL is not a valid PostgreSQL URL (expected ${POSTGRES_FORM})`);
    }
    if (!parsed.hostname || parsed.pathname.length <= 1) {
      throw new ConfigError(`DATABASE_URL must name a host and a database, e.g. postgresql://user:password@127.0.0.1:5432/retrofun`);
    }
    return { dialect: 'postgresql', url: value };
  }
  if (/^sqlite:/i.test(value)) {
    const match = /^sqlite:\/\/(\/.*)?$/i.exec(value);
    if (!match) {
      throw new ConfigError(`DATABASE_URL "${value}" is not a SQLite URL: use sqlite:///relative.sqlite or sqlite:////absolute/path.sqlite`);
    }
    // SQLAlchemy form: the part after "sqlite:///" is the path, so a fourth slash makes it absolute.
    const file = match[1] ? match[1].slice(1) : ':memory:';
    return { dialect: 'sqlite', url: file === '' ? ':memory:' : file };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const scheme = value.split(':')[0];
    throw new ConfigError(`DATABASE_URL scheme "${scheme}" is not supported: use postgresql://…, sqlite:///… or a file path`);
  }
  return { dialect: 'sqlite', url: value };
}

/**
 * A URL that must be PostgreSQL's, checked as DATABASE_URL is, with `label` in place of
 * DATABASE_URL in the message: `DATABASE_LISTEN_URL`, or `DATABASE_REPLICA_URLS, URL 2:`.
 */
export function postgresUrl(raw: string, label: string): string {
  let parsed: ReturnType<typeof parseDatabaseUrl>;
  try {
    parsed = parseDatabaseUrl(raw);
  } catch (error) {
    throw new ConfigError(`${label} ${(error as Error).message.replace(/^DATABASE_URL /, '')}`);
  }
  if (parsed.dialect !== 'postgresql') throw new ConfigError(`${label} ${label.endsWith(':') ? '' : 'is '}not a PostgreSQL URL (expected ${POSTGRES_FORM})`);
  return parsed.url;
}
