import type { MikroORM } from '@mikro-orm/sql';
import type { Logger } from 'pino';
import type { AppConfig } from '../../config.js';
import { User } from './user.entity.js';
import { ViewerCache } from './viewer-cache.js';

/**
 * The viewer cache of a PostgreSQL service, listening and probing (viewer-cache.ts), and told at
 * once of the accounts this process writes: the notification of a password change comes at
 * commit, the entry goes at flush, so no request of this process reads the old row after it.
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
