import {
  CheckConstraintViolationException,
  DeadlockException,
  ForeignKeyConstraintViolationException,
  LockWaitTimeoutException,
  NotNullConstraintViolationException,
  TransactionPropagation,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { GraphQLError } from 'graphql';
import { Field, ID, ObjectType, type ClassType } from 'type-graphql';
import type { Context } from '../context.js';
import { AppError, ErrorCode } from '../errors.js';
import { keyOf } from './node.js';

export const MAX_ATTEMPTS = 4;

export function isTransient(error: unknown): boolean {
  // PostgreSQL serialization failures and deadlocks (40001, 40P01); SQLite's busy database.
  return error instanceof DeadlockException || error instanceof LockWaitTimeoutException;
}

/** Names a constraint for a client: uq_products_name → "name" of products. */
function describeConstraint(message: string): { table?: string; column?: string } {
  const named = /"(?:uq|fk|ck)_([a-z_]+?)_([a-z_]+?)(?:_[a-z]+s)?"/.exec(message) ?? /constraint failed: ([a-z_]+)\.([a-z_]+)/.exec(message);
  return named ? { table: named[1], column: named[2] } : {};
}

/** "BlogAuthor" → "blog author", for messages. */
function label(className: string): string {
  return className.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Loads the object behind a global id given in an input field, or fails naming the field. */
export function findByGlobalId<T extends object>(tx: EntityManager, entity: new () => T, id: string, field: string): Promise<T> {
  const meta = tx.getMetadata(entity);
  const kind = meta.getPrimaryProps()[0]!.type === 'uuid' ? 'uuid' : 'int';
  return mustFind(tx, entity, keyOf(id, meta.className, kind, field), field, label(meta.className));
}

/**
 * Refuses a name another row of the entity already has (CONFLICT naming the field), so clients
 * get a readable answer before the unique constraint would fire.
 */
export async function assertNameFree(tx: EntityManager, entity: new () => { name: string }, name: string, options: { field?: string; except?: unknown; hint?: string } = {}): Promise<void> {
  const meta = tx.getMetadata(entity);
  const pk = meta.primaryKeys[0] as string;
  const where = { name, ...(options.except !== undefined ? { [pk]: { $ne: options.except } } : {}) };
  if (await tx.count(entity, where as never)) {
    throw new AppError(ErrorCode.CONFLICT, `A ${label(meta.className)} named "${name}" already exists${options.hint ? `: ${options.hint}` : ''}`, {
      field: options.field ?? 'input.name',
    });
  }
}

/** Loads a referenced object or fails with NOT_FOUND naming the input field. */
export async function mustFind<T extends object>(tx: EntityManager, entity: new () => T, key: unknown, field: string, label: string): Promise<T> {
  const found = await tx.findOne(entity, key as never);
  if (!found) throw new AppError(ErrorCode.NOT_FOUND, `No ${label} with the id given in ${field}`, { field });
  return found as T;
}

/** Database constraint violations become coded client errors; nothing raw leaks. */
export function toClientError(error: unknown): unknown {
  if (error instanceof GraphQLError) return error;
  if (error instanceof UniqueConstraintViolationException) {
    const { table, column } = describeConstraint(error.message);
    return new AppError(ErrorCode.CONFLICT, column ? `Another record of ${table} already has this ${column}` : 'This would duplicate an existing record', {
      ...(column ? { field: column } : {}),
    });
  }
  if (error instanceof ForeignKeyConstraintViolationException) {
    return new AppError(ErrorCode.CONFLICT, 'Other records still refer to this one (or it refers to one that does not exist)');
  }
  if (error instanceof CheckConstraintViolationException || error instanceof NotNullConstraintViolationException) {
    return new AppError(ErrorCode.BAD_USER_INPUT, 'The input breaks a rule of the data model');
  }
  return error;
}

/**
 * Runs a mutation as one transaction on the request's unit of work: all of it commits or none
 * of it does. Transient conflicts are retried with backoff; afterwards the request's loaders are
 * cleared so the payload's fields see the new data. `savepoint: true` keeps the field's savepoint
 * even when it is its operation's only one: for a caller that recovers from the failed write (and
 * must go on reading in the same transaction), as placeOrder does when a racing key wins.
 */
export async function runMutation<T>(ctx: Context, work: (tx: EntityManager) => Promise<T>, options: { savepoint?: boolean } = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    // Inside the request's transaction this is a savepoint; a conflict there aborts the whole
    // transaction, so the request (requestTransactionPlugin) retries the operation, not this field.
    // The only field of its operation runs in the request's transaction itself: a savepoint would
    // cost two round trips and protect nothing (its failure rolls the transaction back).
    try {
      const result = ctx.inRequestTransaction && ctx.soleMutationField && !options.savepoint ? await soleField(ctx, work) : await ctx.em.transactional((tx) => work(tx as EntityManager));
      // Committed here only outside a request's transaction (whose commit tells the feed itself).
      if (!ctx.inRequestTransaction) ctx.services.live?.committed();
      ctx.loaders.clear();
      return result;
    } catch (error) {
      if (!ctx.inRequestTransaction) ctx.em.clear();
      if (isTransient(error) && attempt < MAX_ATTEMPTS && !ctx.inRequestTransaction) {
        ctx.logger.warn({ attempt, err: error }, 'transient database conflict, retrying the mutation');
        await new Promise((r) => setTimeout(r, 20 * 2 ** attempt + Math.random() * 20));
        continue;
      }
      throw toClientError(error);
    }
  }
}

/** A mutation run directly in the request's transaction (MikroORM's REQUIRED propagation: no savepoint), flushed before its payload is read. */
async function soleField<T>(ctx: Context, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  const result = await ctx.em.transactional((tx) => work(tx as EntityManager), { propagation: TransactionPropagation.REQUIRED });
  await ctx.em.flush();
  return result;
}

/** Declares a mutation payload `<name> { <field>: <type> }` (GitHub's convention). */
export function payload<T extends object>(name: string, field: string, type: ClassType<T>, nullable = false) {
  const mutation = name.replace(/Payload$/, '').replace(/^./, (c) => c.toLowerCase());
  @ObjectType(name, { description: `What ${mutation} returns.` })
  class Payload {}
  Field(() => type, { nullable, description: `The ${field} as it is after ${mutation}, read back from the database.` })(Payload.prototype, field);
  return Payload;
}

@ObjectType('DeletePayload', { description: 'What a delete mutation removed.' })
export class DeletePayload {
  @Field(() => ID, { description: 'Global id of the deleted object.' })
  deletedId!: string;
}
