import type { FieldPlans } from '../../loading/definitions.js';
import { list, nested, relation } from '../../loading/definitions.js';
import { countryProducts, manufacturerProducts } from './catalog.connections.js';

/** What the catalog's GraphQL fields load, for eager look-ahead. */
export const catalogPlans: FieldPlans = {
  Product: { manufacturer: relation('manufacturer', 'Manufacturer'), countries: list('countries', 'Country') },
  Manufacturer: { products: nested(manufacturerProducts) },
  Country: { products: nested(countryProducts) },
};
