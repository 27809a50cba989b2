import type { CacheHints } from '../../graphql/cache-hints.js';

/** A customer's public fields (a review's author); orders and contact details are staff-only, never cached. */
export const salesCacheHints: CacheHints = {
  types: {
    Customer: { maxAge: 60, tables: ['customers'] },
  },
};
