import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, Float, ID, Info, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../wiki/user.entity.js';
import type { Context } from '../../context.js';
import type { MaybePromise, Read } from '../../loading/read.js';
import { Connection, PageArgs } from '../../graphql/connection.js';
import type { ConnectionShape } from '../../loading/paging/page.js';
import { keyOf } from '../../graphql/node.js';
import { list, nested, relation } from '../../loading/definitions.js';
import type { FieldPlans } from '../../loading/definitions.js';
import { Product } from '../catalog/product.entity.js';
import { Customer } from './customer.entity.js';
import { OrderItem } from './order-item.entity.js';
import { Order } from './order.entity.js';
import * as connections from './sales.connections.js';
import { CustomersArgs, OrdersArgs, RootOrdersArgs } from './sales.inputs.js';
import { BlogUserConnection } from '../blog/analytics.resolvers.js';
import { customerBlogUsers } from '../blog/blog.connections.js';

/** The book's chapter-8 search travels with the filter, so that totalCount respects it too. */
function withSearch<A extends OrdersArgs>(args: A): A {
  return args.search ? { ...args, filter: { ...args.filter, search: args.search } } : args;
}

@ObjectType('OrderConnection', { description: 'A page of orders (a Relay connection): nodes or edges, pageInfo, and totalCount across all pages.' })
export class OrderConnection extends Connection(Order, 'Order') {}

@ObjectType('CustomerConnection', { description: 'A page of customers (a Relay connection): nodes or edges, pageInfo, and totalCount across all pages.' })
export class CustomerConnection extends Connection(Customer, 'Customer') {}

@Resolver(() => Customer)
export class CustomerResolver {
  @Authorized(Role.EDITOR)
  @Query(() => CustomerConnection, { nullable: true, description: 'Customers of the store (editors only: null with an error for others, the rest of the answer intact).' })
  customers(@Args(() => CustomersArgs) args: CustomersArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionShape<Read<Customer>>> {
    return ctx.loaders.rootPage(info, connections.customers, 'Customer', args);
  }

  @Authorized(Role.EDITOR)
  @Query(() => Customer, { nullable: true, description: 'A customer by global id; null when there is none (editors only).' })
  customer(@Arg('id', () => ID) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Read<Customer> | null> {
    return ctx.loaders.rootObject(info, Customer, 'Customer', { id: keyOf(id, 'Customer', 'uuid', 'id') });
  }

  @Authorized(Role.EDITOR)
  @FieldResolver(() => BlogUserConnection, { nullable: true, description: 'The blog readers linked to this customer (editors only: null with an error for others).' })
  blogUsers(@Root() customer: Read<Customer>, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context): Promise<ConnectionShape<object>> {
    return ctx.loaders.connection(customerBlogUsers, customer, args);
  }

  @Authorized(Role.EDITOR)
  @FieldResolver(() => OrderConnection, { nullable: true, description: "The customer's orders, newest first by default (editors only: null with an error for others)." })
  orders(@Root() customer: Read<Customer>, @Args(() => OrdersArgs) args: OrdersArgs, @Ctx() ctx: Context): Promise<ConnectionShape<object>> {
    return ctx.loaders.connection(connections.customerOrders, customer, withSearch(args));
  }
}

@Resolver(() => Order)
export class OrderResolver {
  @Authorized(Role.EDITOR)
  @Query(() => OrderConnection, { nullable: true, description: 'Orders, newest first unless ordered otherwise (editors only: null with an error for others, the rest of the answer intact).' })
  orders(@Args(() => RootOrdersArgs) args: RootOrdersArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionShape<Read<Order>>> {
    return ctx.loaders.rootPage(info, connections.orders, 'Order', withSearch(args));
  }

  @Authorized(Role.EDITOR)
  @Query(() => Order, { nullable: true, description: 'An order by global id; null when there is none (editors only).' })
  order(@Arg('id', () => ID) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Read<Order> | null> {
    return ctx.loaders.rootObject(info, Order, 'Order', { id: keyOf(id, 'Order', 'uuid', 'id') });
  }

  @FieldResolver(() => Customer)
  customer(@Root() order: Read<Order>, @Ctx() ctx: Context): MaybePromise<Read<Customer>> {
    return ctx.loaders.relation(order, 'customer');
  }

  @FieldResolver(() => [OrderItem], { description: 'The lines of the order.' })
  items(@Root() order: Read<Order>, @Ctx() ctx: Context): MaybePromise<Read<OrderItem>[]> {
    return ctx.loaders.relation(order, 'items');
  }

  @FieldResolver(() => Float, { description: 'Sum of quantity × unit price of the items.' })
  async total(@Root() order: Read<Order>, @Ctx() ctx: Context): Promise<number> {
    return order.total ?? (await ctx.loaders.aggregate(connections.orderTotal, order)) ?? 0;
  }
}

@Resolver(() => OrderItem)
export class OrderItemResolver {
  @FieldResolver(() => Product)
  product(@Root() item: Read<OrderItem>, @Ctx() ctx: Context): MaybePromise<Read<Product>> {
    return ctx.loaders.relation(item, 'product');
  }

  @FieldResolver(() => Order)
  order(@Root() item: Read<OrderItem>, @Ctx() ctx: Context): MaybePromise<Read<Order>> {
    return ctx.loaders.relation(item, 'order');
  }
}

export const salesPlans: FieldPlans = {
  Customer: { orders: nested(connections.customerOrders), blogUsers: nested(customerBlogUsers) },
  Order: { customer: relation('customer', 'Customer'), items: list('items', 'OrderItem'), total: { kind: 'column', prop: 'total', fallback: connections.orderTotal } },
  OrderItem: { product: relation('product', 'Product'), order: relation('order', 'Order') },
};
