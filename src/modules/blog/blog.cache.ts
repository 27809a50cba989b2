import type { CacheHints } from '../../graphql/cache-hints.js';

/** How long blog answers may be kept (src/graphql/cache-hints.ts). */
export const blogCacheHints: CacheHints = {
  types: {
    BlogArticle: { maxAge: 120, tables: ['blog_articles'] },
    BlogAuthor: { maxAge: 300, tables: ['blog_authors'] },
    Language: { maxAge: 3600, tables: ['languages'] },
  },
  fields: {
    // Page views have no version (every read would write it): an answer counting them is never cached.
    'BlogArticle.viewCount': { tables: ['blog_views'] },
    'BlogArticle.viewCountWithTranslations': { tables: ['blog_views'] },
  },
};
