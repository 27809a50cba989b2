import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { Read } from '../../loading/read.js';
import { Connection } from '../../graphql/connection.js';
import type { ConnectionShape } from '../../loading/paging/page.js';
import { NamedArgs, ProductsArgs } from './catalog.inputs.js';
import * as connections from './catalog.connections.js';
import { Country } from './country.entity.js';
import { Manufacturer } from './manufacturer.entity.js';
import type { Product } from './product.entity.js';
import { ProductConnection } from './product.resolver.js';

@ObjectType('ManufacturerConnection', { description: 'A page of manufacturers (a Relay connection): nodes or edges, pageInfo, and totalCount across all pages.' })
export class ManufacturerConnection extends Connection(Manufacturer, 'Manufacturer') {}

@ObjectType('CountryConnection', { description: 'A page of countries (a Relay connection): nodes or edges, pageInfo, and totalCount across all pages.' })
export class CountryConnection extends Connection(Country, 'Country') {}

@Resolver(() => Manufacturer)
export class ManufacturerResolver {
  @Query(() => ManufacturerConnection, { description: 'Manufacturers, by name unless ordered otherwise.' })
  manufacturers(@Args(() => NamedArgs) args: NamedArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionShape<Read<Manufacturer>>> {
    return ctx.loaders.rootPage(info, connections.manufacturers, 'Manufacturer', args);
  }

  @FieldResolver(() => ProductConnection, { description: "The manufacturer's products." })
  products(@Root() manufacturer: Read<Manufacturer>, @Args(() => ProductsArgs) args: ProductsArgs, @Ctx() ctx: Context): Promise<ConnectionShape<object>> {
    return ctx.loaders.connection(connections.manufacturerProducts, manufacturer, args);
  }
}

@Resolver(() => Country)
export class CountryResolver {
  @Query(() => CountryConnection, { description: 'Countries of origin.' })
  countries(@Args(() => NamedArgs) args: NamedArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionShape<Read<Country>>> {
    return ctx.loaders.rootPage(info, connections.countries, 'Country', args);
  }

  @FieldResolver(() => ProductConnection, { description: 'Products made in this country.' })
  products(@Root() country: Read<Country>, @Args(() => ProductsArgs) args: ProductsArgs, @Ctx() ctx: Context): Promise<ConnectionShape<Read<Product>>> {
    return ctx.loaders.connection(connections.countryProducts, country, args) as Promise<ConnectionShape<Read<Product>>>;
  }
}
