import type { MikroORM } from '@mikro-orm/sql';
import type { Logger } from 'pino';
import type { AppConfig } from '../../config.js';
import { User } from './user.entity.js';
import { ViewerCache } from './viewer-cache.js';

/**
 * The viewer cache of a PostgreSQL service, listening and probing (viewer-cache.ts). Accounts this
 * process writes are also dropped at flush, without waiting for their notification; the
 * notification, at commit, then drops anything another request read between flush and commit.
 */
export async function startViewerCache(orm: MikroORM, config: AppConfig, logger: Logger): Promise<ViewerCache> {
  const cache = new ViewerCache({
    listenUrl: config.viewerCache.listenUrl ?? config.database.url,
    // Through the service's own pool: what proves that notifications from other sessions arrive.
    notify: async (channel, payload) => {
      await orm.em.getConnection('write').execute('select pg_notify(?, ?)', [channel, payload]);
    },
    logger,
  });
  orm.em.getEventManager().registerSubscriber({
    getSubscribedEntities: () => [User],
    afterUpdate: ({ entity }) => cache.forget((entity as User).id),
    afterDelete: ({ entity }) => cache.forget((entity as User).id),
  });
  await cache.start();
  return cache;
}
