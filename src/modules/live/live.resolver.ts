import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, ID, Info, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../context.js';
import { AppError, ErrorCode } from '../../errors.js';
import { keyOf } from '../../graphql/node.js';
import type { Read } from '../../loading/read.js';
import { Product } from '../catalog/product.entity.js';
import { ProductReview } from '../reviews/product-review.entity.js';
import { Order } from '../sales/order.entity.js';
import { Role } from '../wiki/user.entity.js';
import type { LiveEventRow } from './events.js';
import { decodeEventCursor, LiveSource } from './source.js';

const AFTER =
  'The cursor of the last event received (each event carries one in `extensions.cursor`): what was committed after it is replayed first (at most 1,000 events, at most 24 hours back), then the subscription goes on live, with no gap and no duplicate.';

/** A global id argument as the event log keeps keys (text). */
function key(id: string | null | undefined, type: string, kind: 'int' | 'uuid', argument: string): string | undefined {
  return id == null ? undefined : String(keyOf(id, type, kind, argument));
}

function after(cursor: string | null | undefined): number | undefined {
  return cursor == null ? undefined : decodeEventCursor(cursor);
}

/** The event's object is gone (deleted since): nothing to announce; the transports skip it. */
function gone<T>(found: T | null, what: string): T {
  if (found === null) throw new AppError(ErrorCode.NOT_FOUND, `The ${what} of this event no longer exists`, { gone: true });
  return found;
}

/**
 * Subscriptions to committed changes (docs/realtime.md), over graphql-ws and graphql-sse on
 * /graphql. `subscribe` only names the events (a LiveSource); each event's payload is read with
 * the subscriber's selection through the same loaders as a query, once per selection and viewer.
 */
@Resolver()
export class LiveSubscriptions {
  @Authorized(Role.EDITOR)
  @Subscription(() => Order, {
    description: 'Every order committed by placeOrder from now on (editors only), optionally for one customer.',
    subscribe: ({ args }) => new LiveSource({ topic: 'order', otherId: key(args.customerId as string | null, 'Customer', 'uuid', 'customerId') }, after(args.after as string | null)),
  })
  orderPlaced(
    @Root() event: LiveEventRow,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('customerId', () => ID, { nullable: true, description: "Only this customer's orders." }) _customerId?: string,
    @Arg('after', () => String, { nullable: true, description: AFTER }) _after?: string,
  ): Promise<Read<Order>> {
    return ctx.loaders.rootObject(info, Order, 'Order', { id: event.subjectId }).then((order) => gone(order, 'order'));
  }

  @Subscription(() => ProductReview, {
    description: 'Every review written (created or replaced) from now on, optionally of one product.',
    subscribe: ({ args }) => new LiveSource({ topic: 'review', subjectId: key(args.productId as string | null, 'Product', 'int', 'productId') }, after(args.after as string | null)),
  })
  reviewAdded(
    @Root() event: LiveEventRow,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('productId', () => ID, { nullable: true, description: "Only this product's reviews." }) _productId?: string,
    @Arg('after', () => String, { nullable: true, description: AFTER }) _after?: string,
  ): Promise<Read<ProductReview>> {
    return ctx.loaders.rootObject(info, ProductReview, 'ProductReview', { product: Number(event.subjectId), customer: event.otherId }).then((review) => gone(review, 'review'));
  }

  @Subscription(() => Product, {
    description: 'Every product updated (price, name, any field) or created by duplicateProduct from now on, optionally one product.',
    subscribe: ({ args }) => new LiveSource({ topic: 'product', subjectId: key(args.id as string | null, 'Product', 'int', 'id') }, after(args.after as string | null)),
  })
  productChanged(
    @Root() event: LiveEventRow,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID, { nullable: true, description: 'Only this product.' }) _id?: string,
    @Arg('after', () => String, { nullable: true, description: AFTER }) _after?: string,
  ): Promise<Read<Product>> {
    return ctx.loaders.rootObject(info, Product, 'Product', { id: Number(event.subjectId) }).then((product) => gone(product, 'product'));
  }
}
