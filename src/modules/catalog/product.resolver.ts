import { Args, Ctx, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { Connection, ForwardPageArgs, forwardWindow, toConnection, type ConnectionShape } from '../../graphql/connection.js';
import { Product } from './product.entity.js';
import { ProductRepository } from './product.repository.js';

@ObjectType('ProductConnection')
export class ProductConnection extends Connection(Product, 'Product') {}

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => ProductConnection, { description: 'Products, ordered by name.' })
  async products(@Args(() => ForwardPageArgs) args: ForwardPageArgs, @Ctx() ctx: Context): Promise<ConnectionShape<Product>> {
    const { limit, offset } = forwardWindow(args);
    const { items, totalCount } = await new ProductRepository(ctx.em).page(limit, offset);
    return toConnection(items, totalCount, offset);
  }
}
