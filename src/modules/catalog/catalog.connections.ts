import type { FilterQuery } from '@mikro-orm/core';
import { compact, contains, type FilterContext, range } from '../../loading/filters.js';
import { keyOf } from '../../graphql/node.js';
import { OrderDirection, type OrderSpec } from '../../loading/paging/order.js';
import type { ConnectionDef, NestedConnectionDef } from '../../loading/definitions.js';
import { Country } from './country.entity.js';
import { Manufacturer } from './manufacturer.entity.js';
import { Product } from './product.entity.js';
import type { NameFilter, ProductFilter } from './catalog.inputs.js';

const productOrder: OrderSpec<string> = {
  fields: {
    NAME: { path: 'name', keyset: true },
    YEAR: { path: 'year', keyset: true },
    PRICE: { path: 'price', keyset: false, nullable: true },
    CPU: { path: 'cpu', keyset: false, nullable: true },
    AVERAGE_RATING: { path: 'averageRating', keyset: false, nullable: true },
  },
  defaultOrder: [{ field: 'NAME', direction: OrderDirection.ASC }],
  tiebreaker: ['id'],
};

export const nameOrder: OrderSpec<string> = {
  fields: { NAME: { path: 'name', keyset: true } },
  defaultOrder: [{ field: 'NAME', direction: OrderDirection.ASC }],
  tiebreaker: ['id'],
};

const ids = (list: string[], type: string, field: string) => list.map((id, i) => keyOf(id, type, 'int', `filter.${field}[${i}]`));

/** Every condition given must hold; a list matches any of its values. */
function productFilter(f: ProductFilter, ctx: FilterContext): FilterQuery<Product> {
  const conditions = [
    compact({
      name: f.nameContains != null ? contains(f.nameContains, ctx) : undefined,
      manufacturer: f.manufacturerId != null ? keyOf(f.manufacturerId, 'Manufacturer', 'int', 'filter.manufacturerId') : undefined,
      countries: f.countryId != null ? { $some: { id: keyOf(f.countryId, 'Country', 'int', 'filter.countryId') } } : undefined,
      cpu: f.cpu ?? undefined,
      year: range(f.yearFrom, f.yearTo),
    }),
    f.manufacturerIds != null ? { manufacturer: { $in: ids(f.manufacturerIds, 'Manufacturer', 'manufacturerIds') } } : {},
    f.countryIds != null ? { countries: { $some: { id: { $in: ids(f.countryIds, 'Country', 'countryIds') } } } } : {},
    f.cpus != null ? { cpu: { $in: f.cpus } } : {},
    // cpuStartsWith admits no LIKE wildcards (validated), so the pattern is a plain prefix.
    f.cpuStartsWith != null ? { cpu: ctx.dialect === 'postgresql' ? { $ilike: `${f.cpuStartsWith}%` } : { $like: `${f.cpuStartsWith}%` } } : {},
  ].filter((c) => Object.keys(c).length);
  return (conditions.length === 1 ? conditions[0] : { $and: conditions }) as FilterQuery<Product>;
}

export function nameFilter<T>(f: NameFilter, ctx: FilterContext): FilterQuery<T> {
  return compact({ name: f.nameContains != null ? contains(f.nameContains, ctx) : undefined }) as FilterQuery<T>;
}

export const products: ConnectionDef<Product> = { entity: Product, order: productOrder, filter: productFilter };
export const manufacturers: ConnectionDef<Manufacturer> = { entity: Manufacturer, order: nameOrder, filter: nameFilter<Manufacturer> };
export const countries: ConnectionDef<Country> = { entity: Country, order: nameOrder, filter: nameFilter<Country> };

export const manufacturerProducts: NestedConnectionDef<Product> = {
  ...products,
  name: 'Manufacturer.products',
  partitionBy: 'manufacturer',
  nodeType: 'Product',
};

/** Products of a country are read through products_countries, partitioned by its country_id. */
export const countryProducts: NestedConnectionDef<Product> = {
  ...products,
  name: 'Country.products',
  partitionBy: 'country',
  via: 'product',
  nodeType: 'Product',
};
