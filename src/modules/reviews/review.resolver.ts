import { Args, Ctx, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { MaybePromise, Read } from '../../loading/read.js';
import { Connection } from '../../graphql/connection.js';
import type { ConnectionShape } from '../../loading/paging/page.js';
import { nested, relation } from '../../loading/definitions.js';
import type { FieldPlans } from '../../loading/definitions.js';
import { Product } from '../catalog/product.entity.js';
import { Customer } from '../sales/customer.entity.js';
import { ProductReview } from './product-review.entity.js';
import * as connections from './review.connections.js';
import { ReviewsArgs } from './review.inputs.js';

@ObjectType('ProductReviewConnection', { description: 'A page of product reviews (a Relay connection): nodes or edges, pageInfo, and totalCount across all pages.' })
export class ProductReviewConnection extends Connection(ProductReview, 'ProductReview') {}

@Resolver(() => ProductReview)
export class ProductReviewResolver {
  @FieldResolver(() => Product)
  product(@Root() review: Read<ProductReview>, @Ctx() ctx: Context): MaybePromise<Read<Product>> {
    return ctx.loaders.relation(review, 'product');
  }

  @FieldResolver(() => Customer)
  customer(@Root() review: Read<ProductReview>, @Ctx() ctx: Context): MaybePromise<Read<Customer>> {
    return ctx.loaders.relation(review, 'customer');
  }
}

/** Review fields of products: the reviews connection and its batched aggregates. */
@Resolver(() => Product)
export class ProductReviewsResolver {
  @FieldResolver(() => ProductReviewConnection, { description: 'Reviews of this product, newest first by default.' })
  reviews(@Root() product: Read<Product>, @Args(() => ReviewsArgs) args: ReviewsArgs, @Ctx() ctx: Context): Promise<ConnectionShape<object>> {
    return ctx.loaders.connection(connections.productReviews, product, args);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Mean rating, two decimals; null without reviews.' })
  averageRating(@Root() product: Read<Product>, @Ctx() ctx: Context): Promise<number | null> {
    return ctx.loaders.aggregate(connections.productAverageRating, product);
  }

  @FieldResolver(() => Int, { description: 'Number of reviews.' })
  async reviewCount(@Root() product: Read<Product>, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.aggregate(connections.productReviewCount, product)) ?? 0;
  }
}

@Resolver(() => Customer)
export class CustomerReviewsResolver {
  @FieldResolver(() => ProductReviewConnection, { description: 'Reviews written by this customer.' })
  reviews(@Root() customer: Read<Customer>, @Args(() => ReviewsArgs) args: ReviewsArgs, @Ctx() ctx: Context): Promise<ConnectionShape<object>> {
    return ctx.loaders.connection(connections.customerReviews, customer, args);
  }
}

export const reviewPlans: FieldPlans = {
  ProductReview: { product: relation('product', 'Product'), customer: relation('customer', 'Customer') },
  Product: {
    reviews: nested(connections.productReviews),
    averageRating: { kind: 'aggregate', def: connections.productAverageRating },
    reviewCount: { kind: 'aggregate', def: connections.productReviewCount },
  },
  Customer: { reviews: nested(connections.customerReviews) },
};
