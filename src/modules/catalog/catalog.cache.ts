import type { CacheHints } from '../../graphql/cache-hints.js';

/** How long catalog answers may be kept, and the tables they read (src/graphql/cache-hints.ts). */
export const catalogCacheHints: CacheHints = {
  types: {
    Product: { maxAge: 60, tables: ['products'] },
    Manufacturer: { maxAge: 300, tables: ['manufacturers'] },
    Country: { maxAge: 300, tables: ['countries'] },
  },
  fields: {
    // Prices move more often than names.
    'Product.price': { maxAge: 30 },
    'Product.countries': { tables: ['products_countries'] },
    'Product.averageRating': { maxAge: 30, tables: ['products_reviews'] },
    'Product.reviewCount': { maxAge: 30, tables: ['products_reviews'] },
    'Country.products': { tables: ['products_countries'] },
  },
};
