import type { CacheHints } from '../../graphql/cache-hints.js';

/** How long reviews may be kept (src/graphql/cache-hints.ts). */
export const reviewCacheHints: CacheHints = {
  types: {
    ProductReview: { maxAge: 30, tables: ['products_reviews'] },
  },
};
