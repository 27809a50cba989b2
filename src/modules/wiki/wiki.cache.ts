import type { CacheHints } from '../../graphql/cache-hints.js';

/** How long wiki answers may be kept; the viewer's own fields never are (src/graphql/cache-hints.ts). */
export const wikiCacheHints: CacheHints = {
  types: {
    Page: { maxAge: 30, tables: ['pages'] },
    User: { maxAge: 60, tables: ['users'] },
  },
  fields: {
    'Query.me': { viewer: true },
    'User.feed': { viewer: true },
  },
};
