import type { EntityManager } from '@mikro-orm/sql';
import { Product } from './product.entity.js';

/** Product queries; resolvers call these and never build queries themselves. */
export class ProductRepository {
  constructor(private readonly em: EntityManager) {}

  /** One page of products by name, with their manufacturers joined in, and the total count. */
  async page(limit: number, offset: number): Promise<{ items: Product[]; totalCount: number }> {
    const [items, totalCount] = await this.em.findAndCount(
      Product,
      {},
      { orderBy: { name: 'asc', id: 'asc' }, limit, offset, populate: ['manufacturer'], strategy: 'joined' },
    );
    return { items, totalCount };
  }
}
