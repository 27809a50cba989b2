import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { MaybePromise, Read } from '../../loading/read.js';
import { Connection } from '../../graphql/connection.js';
import type { ConnectionShape } from '../../loading/paging/page.js';
import { keyOf } from '../../graphql/node.js';
import { RootProductsArgs } from './catalog.inputs.js';
import * as connections from './catalog.connections.js';
import { Country } from './country.entity.js';
import { Manufacturer } from './manufacturer.entity.js';
import { Product } from './product.entity.js';

@ObjectType('ProductConnection', { description: 'A page of products (a Relay connection): nodes or edges, pageInfo, and totalCount across all pages.' })
export class ProductConnection extends Connection(Product, 'Product') {}

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => ProductConnection, { description: 'Products of the catalog.' })
  products(@Args(() => RootProductsArgs) args: RootProductsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionShape<Read<Product>>> {
    return ctx.loaders.rootPage(info, connections.products, 'Product', args);
  }

  @Query(() => Product, { nullable: true, description: 'A product by its global id; null when there is none.' })
  product(@Arg('id', () => ID) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Read<Product> | null> {
    return ctx.loaders.rootObject(info, Product, 'Product', { id: keyOf(id, 'Product', 'int', 'id') });
  }

  @FieldResolver(() => Manufacturer)
  manufacturer(@Root() product: Read<Product>, @Ctx() ctx: Context): MaybePromise<Read<Manufacturer>> {
    return ctx.loaders.relation(product, 'manufacturer');
  }

  @FieldResolver(() => [Country], { description: 'Countries of origin, by name.' })
  countries(@Root() product: Read<Product>, @Ctx() ctx: Context): MaybePromise<Read<Country>[]> {
    return ctx.loaders.relation(product, 'countries');
  }
}
