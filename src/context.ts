import { randomUUID } from 'node:crypto';
import { wrap } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/sql';
import type { Logger } from 'pino';
import type { SqlStats } from './db/sql-stats.js';
import type { CountPolicy } from './loading/counting.js';
import type { FieldPlans } from './loading/definitions.js';
import type { ReadStrategy } from './loading/read-strategy.js';
import { createReadStrategy } from './loading/strategies/index.js';
import type { LoadingStrategy } from './loading/strategy.js';
import type { LoginLimiter } from './modules/wiki/login-limiter.js';
import type { PasswordHasher } from './modules/wiki/passwords.js';
import type { PasswordPolicy } from './modules/wiki/password-policy.js';
import type { WriteLimits } from './graphql/write-limits.js';
import type { TokenClaims, TokenService } from './modules/wiki/tokens.js';
import type { ViewerCache } from './modules/wiki/viewer-cache.js';
import { type Role, User } from './modules/wiki/user.entity.js';
import { looseQueryBuilder } from './db/loose-query-builder.js';
import { executeRows, statementKey } from './loading/compiled-statements.js';
import { unauthenticated } from './errors.js';

/** What findOne(User) selects: everything but the lazy password hash. */
const VIEWER_COLUMNS = ['id', 'name', 'role', 'tokenStamp'];

/** What role checks read of the signed-in account (Context.account). */
export interface Account {
  readonly id: number;
  readonly name: string;
  readonly role: Role;
}

/** Long-lived collaborators built once by bootstrap() and shared by every request. */
export interface Services {
  tokens: TokenService;
  passwords: PasswordHasher;
  limiter: LoginLimiter;
  /** What a new password must satisfy (stricter in production). */
  passwordPolicy: PasswordPolicy;
  /** Rate limits of public writes, per client address. */
  writeLimits: WriteLimits;
  /** How totalCount counts when a query names no mode (COUNT_MODE, COUNT_CAP). */
  counts: CountPolicy;
  /** Signed-in accounts kept while PostgreSQL notifies their changes (VIEWER_CACHE); none on SQLite. */
  viewers?: ViewerCache;
  /** Subscriptions' feed of committed events: told after each commit (SQLite reads it then; PostgreSQL notifies). */
  live?: { committed(): void };
}

/** Everything a resolver may use during one request; built fresh for each request. */
export interface Context {
  requestId: string;
  /** This request's unit of work: a fork, so identity maps never leak between requests. */
  em: EntityManager;
  logger: Logger;
  /** Everything this request reads beyond its resolvers' own work, by its loading strategy (chosen once). */
  loaders: ReadStrategy;
  /** What each GraphQL field loads, for eager look-ahead. */
  plans: FieldPlans;
  /** SQL statements run so far by this request. */
  sql: SqlStats;
  /** The verified access token's claims, or null for an anonymous request. */
  auth: TokenClaims | null;
  /** The signed-in user as the database knows them now (role changes and deletions apply at once). */
  viewer(): Promise<User | null>;
  /**
   * The signed-in account as the primary had it when this request read it: what every role check
   * reads. A copy taken at that read, so that nothing the request loads later (a replica's older
   * copy of the same user, merged into the unit of work over viewer()'s entity) can change it.
   */
  account(): Promise<Account | null>;
  /** True while a mutation operation runs in the request's transaction (requestTransactionPlugin). */
  inRequestTransaction: boolean;
  /** The running mutation operation has one field: it needs no savepoint of its own, since its failure rolls back the whole transaction anyway. */
  soleMutationField?: boolean;
  /** True once the request's mutation transaction has committed: its answer then carries a consistency token (src/graphql/consistency.ts). */
  committed?: boolean;
  /** After a successful login: the rest of this request (its payload) is read as that user. */
  signIn(claims: TokenClaims): void;
  clientAddress: string;
  services: Services;
  /**
   * Calls `listener` with the HTTP status once the answer has gone (or the client went away):
   * what a log line reports, after every plugin that may still change the status has run.
   */
  whenSent(listener: (status: number) => void): void;
}

export interface ContextOptions {
  orm: MikroORM;
  logger: Logger;
  plans: FieldPlans;
  strategy: LoadingStrategy;
  sql: SqlStats;
  auth: TokenClaims | null;
  clientAddress: string;
  services: Services;
  /** The HTTP answer's end (an express response's 'close'); without one, listeners hear 200 at once. */
  whenSent?: Context['whenSent'];
}

/**
 * The token's account, read in the one statement that role checks already cost (or none, from the
 * viewer cache); a token whose stamp no longer matches (password changed or reset since) is refused.
 */
async function currentViewer(em: EntityManager, auth: TokenClaims, viewers: ViewerCache | undefined): Promise<{ user: User; account: Account } | null> {
  // The statement every signed-in request runs first, compiled once per account (not em.findOne,
  // which builds it anew each time), and merged into the unit of work as findOne would.
  // An account the request already loaded (a page's creator) costs nothing, as with findOne;
  // but not where replicas serve reads: that copy may be one a replica had not yet brought up to
  // date (a demotion, a new password), and a role check must see the primary's.
  const known = em.config.get('replicas')?.length ? undefined : em.getUnitOfWork().getById(User, auth.userId);
  const user = known && wrap(known).isInitialized() ? known : await readViewer(em, auth.userId, viewers);
  if (!user) return null;
  if (user.tokenStamp !== auth.stamp) throw unauthenticated('This access token was revoked when the password changed: log in again');
  // Taken now, in the same synchronous step as the read: no other load of this request runs between.
  return { user, account: Object.freeze({ id: user.id, name: user.name, role: user.role }) };
}

async function readViewer(em: EntityManager, id: number, viewers: ViewerCache | undefined): Promise<User | null> {
  // On PostgreSQL, the row as this process last read it while no change to it was notified
  // (viewer-cache.ts): no statement. em.map gets a copy, so the cached row stays as read.
  // Read from the primary, never a replica: a notification means the change is committed there,
  // so a row read after it is current, and remember() keeps no row read before it.
  const cached = viewers?.get(id);
  if (cached) return em.map(User, { ...cached });
  const since = viewers?.changes ?? 0;
  const raws = await executeRows(em, statementKey(['viewer', id]), () => looseQueryBuilder(em, User, 'u0').select(VIEWER_COLUMNS).where({ id }).limit(1), { primary: true });
  const row = raws[0];
  if (!row) return null;
  viewers?.remember(id, Object.freeze({ ...row }), since);
  return em.map(User, row);
}

export function createContext(options: ContextOptions): Context {
  const { orm, logger, plans, strategy, sql, auth, clientAddress, services, whenSent = (listener) => listener(200) } = options;
  // The id the request's SQL log lines carry too (set where the request's budget starts).
  const requestId = sql.requestId ?? randomUUID();
  // Reads never write: nothing is flushed unless a mutation commits its own transaction.
  const em = orm.em.fork({ flushMode: 'commit' });
  let viewing: Promise<{ user: User; account: Account } | null> | undefined;
  const current = () => (viewing ??= context.auth ? currentViewer(em, context.auth, services.viewers) : Promise.resolve(null));
  const context: Context = {
    requestId,
    em,
    logger: logger.child({ requestId, userId: auth?.userId }),
    loaders: createReadStrategy(strategy, em, plans, services.counts),
    plans,
    sql,
    auth,
    inRequestTransaction: false,
    viewer: () => current().then((v) => v?.user ?? null),
    account: () => current().then((v) => v?.account ?? null),
    signIn(claims) {
      context.auth = claims;
      viewing = undefined;
    },
    clientAddress,
    services,
    whenSent,
  };
  return context;
}
