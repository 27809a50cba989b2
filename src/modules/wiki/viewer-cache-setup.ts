import type { MikroORM } from '@mikro-orm/sql';
import type { Listener } from '../../db/listener.js';
import { User } from './user.entity.js';
import { ViewerCache } from './viewer-cache.js';

/**
 * The viewer cache of a PostgreSQL service, on the process's listening session (viewer-cache.ts).
 * Accounts this process writes are also dropped at flush, without waiting for their notification;
 * the notification, at commit, then drops anything another request read between flush and commit.
 * Registered before the listener starts.
 */
export function createViewerCache(orm: MikroORM, listener: Listener): ViewerCache {
  const cache = new ViewerCache({ listener });
  orm.em.getEventManager().registerSubscriber({
    getSubscribedEntities: () => [User],
    afterUpdate: ({ entity }) => cache.forget((entity as User).id),
    afterDelete: ({ entity }) => cache.forget((entity as User).id),
  });
  return cache;
}
