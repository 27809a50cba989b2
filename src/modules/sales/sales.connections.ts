import type { FilterQuery } from '@mikro-orm/core';
import { compact, contains, type FilterContext } from '../../loading/filters.js';
import { keyOf } from '../../graphql/node.js';
import { OrderDirection, type OrderSpec } from '../../loading/paging/order.js';
import { timeCondition } from '../../graphql/time-range.js';
import type { AggregateDef, ConnectionDef, NestedConnectionDef } from '../../loading/definitions.js';
import { OrderItem } from './order-item.entity.js';
import { nameFilter, nameOrder } from '../catalog/catalog.connections.js';
import { Customer } from './customer.entity.js';
import { Order } from './order.entity.js';
import type { OrderFilter } from './sales.inputs.js';

const orderOrder: OrderSpec<string> = {
  fields: {
    TIMESTAMP: { path: 'timestamp', keyset: true },
    CUSTOMER: { path: 'customer.name', keyset: false },
    TOTAL: { path: 'total', keyset: false },
  },
  defaultOrder: [{ field: 'TIMESTAMP', direction: OrderDirection.DESC }],
  tiebreaker: ['id'],
};

function orderFilter(f: OrderFilter, ctx: FilterContext): FilterQuery<Order> {
  return compact({
    customer: f.customerId != null ? keyOf(f.customerId, 'Customer', 'uuid', 'filter.customerId') : undefined,
    items: f.productId != null ? { $some: { product: keyOf(f.productId, 'Product', 'int', 'filter.productId') } } : undefined,
    timestamp: timeCondition(f.timestamp),
    $or: f.search ? [{ customer: { name: contains(f.search, ctx) } }, { items: { $some: { product: { name: contains(f.search, ctx) } } } }] : undefined,
  }) as FilterQuery<Order>;
}

export const orders: ConnectionDef<Order> = { entity: Order, order: orderOrder, filter: orderFilter };
export const customers: ConnectionDef<Customer> = { entity: Customer, order: nameOrder, filter: nameFilter<Customer> };

export const customerOrders: NestedConnectionDef<Order> = { ...orders, name: 'Customer.orders', partitionBy: 'customer', nodeType: 'Order' };

/** An order's total when its own SELECT did not compute it: one GROUP BY for all orders asked. */
export const orderTotal: AggregateDef = {
  name: 'Order.total',
  entity: OrderItem,
  groupBy: 'order',
  expression: 'cast(coalesce(round(sum(e.line_total), 2), 0) as double precision)',
  empty: 0,
};
