import type { FilterQuery } from '@mikro-orm/core';
import { compact, range } from '../../loading/filters.js';
import { OrderDirection, type OrderSpec } from '../../loading/paging/order.js';
import { timeCondition } from '../../graphql/time-range.js';
import type { AggregateDef, NestedConnectionDef } from '../../loading/definitions.js';
import { ProductReview } from './product-review.entity.js';
import type { ReviewFilter } from './review.inputs.js';

const reviewOrder: OrderSpec<string> = {
  fields: {
    TIMESTAMP: { path: 'timestamp', keyset: true },
    RATING: { path: 'rating', keyset: true },
  },
  defaultOrder: [{ field: 'TIMESTAMP', direction: OrderDirection.DESC }],
  tiebreaker: ['product', 'customer'],
};

function reviewFilter(f: ReviewFilter): FilterQuery<ProductReview> {
  return compact({ rating: range(f.minRating, f.maxRating), timestamp: timeCondition(f.timestamp) }) as FilterQuery<ProductReview>;
}

const reviews = { entity: ProductReview, order: reviewOrder, filter: reviewFilter, nodeType: 'ProductReview' };

export const productReviews: NestedConnectionDef<ProductReview> = { ...reviews, name: 'Product.reviews', partitionBy: 'product' };
export const customerReviews: NestedConnectionDef<ProductReview> = { ...reviews, name: 'Customer.reviews', partitionBy: 'customer' };

export const productReviewCount: AggregateDef = { name: 'Product.reviewCount', entity: ProductReview, groupBy: 'product', expression: 'count(*)', empty: 0 };
export const productAverageRating: AggregateDef = {
  name: 'Product.averageRating',
  entity: ProductReview,
  groupBy: 'product',
  expression: 'round(avg(e.rating), 2)',
  empty: null,
};
