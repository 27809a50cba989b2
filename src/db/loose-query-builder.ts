import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';

/**
 * The part of MikroORM's QueryBuilder used with property paths known only at run time
 * (connection and aggregate definitions). Its typed API checks paths against a static entity
 * type, which metadata-driven code cannot provide; the paths are validated by MikroORM itself.
 */
export interface LooseQueryBuilder {
  select(fields: unknown): LooseQueryBuilder;
  addSelect(fields: unknown): LooseQueryBuilder;
  leftJoinAndSelect(field: string, alias: string, cond?: object, fields?: string[]): LooseQueryBuilder;
  limit(limit: number | undefined): LooseQueryBuilder;
  offset(offset: number | undefined): LooseQueryBuilder;
  getFormattedQuery(): string;
  getQuery(): string;
  getParams(): readonly unknown[];
  where(condition: unknown): LooseQueryBuilder;
  andWhere(condition: string): LooseQueryBuilder;
  orderBy(order: unknown): LooseQueryBuilder;
  groupBy(field: string | string[]): LooseQueryBuilder;
  getResultList(): Promise<object[]>;
  execute<U>(method: 'all', mapResults: boolean): Promise<U>;
}

export function looseQueryBuilder(em: EntityManager, entity: EntityClass<object>, alias: string): LooseQueryBuilder {
  return em.createQueryBuilder(entity, alias) as unknown as LooseQueryBuilder;
}
