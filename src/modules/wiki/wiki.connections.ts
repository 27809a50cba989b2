import type { FilterQuery } from '@mikro-orm/core';
import { compact, contains, type FilterContext } from '../../loading/filters.js';
import { keyOf } from '../../graphql/node.js';
import { OrderDirection, type OrderSpec } from '../../loading/paging/order.js';
import type { ConnectionDef, NestedConnectionDef } from '../../loading/definitions.js';
import { nameOrder } from '../catalog/catalog.connections.js';
import { Page } from './page.entity.js';
import { User } from './user.entity.js';
import type { PageFilter } from './wiki.inputs.js';

const pageOrder: OrderSpec<string> = {
  fields: {
    NAME: { path: 'name', keyset: true },
    CREATED_AT: { path: 'createdAt', keyset: true },
    UPDATED_AT: { path: 'updatedAt', keyset: true },
  },
  defaultOrder: [{ field: 'NAME', direction: OrderDirection.ASC }],
  tiebreaker: ['id'],
};

function pageFilter(f: PageFilter, ctx: FilterContext): FilterQuery<Page> {
  return compact({
    name: f.nameContains != null ? contains(f.nameContains, ctx) : undefined,
    creator: f.creatorId != null ? keyOf(f.creatorId, 'User', 'int', 'filter.creatorId') : undefined,
    parent: f.topLevel === true ? null : f.topLevel === false ? { $ne: null } : undefined,
  }) as FilterQuery<Page>;
}

export const pages: ConnectionDef<Page> = { entity: Page, order: pageOrder, filter: pageFilter };
const nestedPages = { ...pages, nodeType: 'Page' };
export const pageChildren: NestedConnectionDef<Page> = { ...nestedPages, name: 'Page.children', partitionBy: 'parent' };
export const userPages: NestedConnectionDef<Page> = { ...nestedPages, name: 'User.pages', partitionBy: 'creator' };

/** Users by name; a user's followers and followings are read through users_follows. */
const users: ConnectionDef<User> = { entity: User, order: nameOrder };
export const userFollowers: NestedConnectionDef<User> = { ...users, name: 'User.followers', partitionBy: 'followed', via: 'follower', nodeType: 'User' };
export const userFollowing: NestedConnectionDef<User> = { ...users, name: 'User.following', partitionBy: 'follower', via: 'followed', nodeType: 'User' };

/** The pages of a feed, newest first (a root connection over pages, restricted to some creators). */
export const feedPages: ConnectionDef<Page> = {
  entity: Page,
  order: { ...pageOrder, defaultOrder: [{ field: 'CREATED_AT', direction: OrderDirection.DESC }] },
  filter: (f: { creatorIds: number[] }) => ({ creator: { $in: f.creatorIds } }) as FilterQuery<Page>,
};
