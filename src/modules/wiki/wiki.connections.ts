import type { FilterQuery } from '@mikro-orm/core';
import { compact, contains, type FilterContext } from '../../graphql/filters.js';
import { keyOf } from '../../graphql/node.js';
import { OrderDirection, type OrderSpec } from '../../graphql/ordering.js';
import type { ConnectionDef, NestedConnectionDef } from '../../loading/definitions.js';
import { Page } from './page.entity.js';
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
