import type { EntityManager } from '@mikro-orm/sql';
import type { CountPolicy } from '../counting.js';
import type { FieldPlans } from '../definitions.js';
import type { ReadStrategy } from '../read-strategy.js';
import type { LoadingStrategy } from '../strategy.js';
import { BatchedStrategy } from './batched.js';
import { EagerStrategy } from './eager.js';
import { LazyStrategy } from './lazy.js';

const STRATEGIES: Record<LoadingStrategy, new (em: EntityManager, plans: FieldPlans, counts?: CountPolicy) => ReadStrategy> = {
  lazy: LazyStrategy,
  batched: BatchedStrategy,
  eager: EagerStrategy,
};

/** The request's read strategy, chosen once when its context is made (or when a trusted x-loading-strategy header asks for another). */
export function createReadStrategy(name: LoadingStrategy, em: EntityManager, plans: FieldPlans, counts?: CountPolicy): ReadStrategy {
  return new STRATEGIES[name](em, plans, counts);
}
