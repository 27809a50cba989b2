import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { AppError, ErrorCode } from '../../errors.js';
import { assertNameFree, findByGlobalId } from '../../graphql/mutation.js';
import { keyOf } from '../../graphql/node.js';
import { Product } from '../catalog/product.entity.js';
import { Customer } from './customer.entity.js';
import { OrderItem } from './order-item.entity.js';
import { Order } from './order.entity.js';
import type { CreateCustomerInput, DeleteCustomerInput, DeleteOrderInput, OrderItemInput, PlaceOrderInput, UpdateCustomerInput, UpdateOrderItemsInput } from './sales.mutation-inputs.js';
import { announce } from '../live/events.js';

function findOrder(tx: EntityManager, id: string): Promise<Order> {
  return findByGlobalId(tx, Order, id, 'input.orderId');
}

/** Loads every product of the lines, in one statement; any unknown, unpriced or repeated product fails the whole order. */
async function productsOf(tx: EntityManager, items: OrderItemInput[]): Promise<Product[]> {
  const keys = items.map((item, i) => keyOf(item.productId, 'Product', 'int', `input.items[${i}].productId`) as number);
  const repeated = keys.findIndex((k, i) => keys.indexOf(k) !== i);
  if (repeated >= 0) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Each product may appear in one line only', { field: `input.items[${repeated}].productId` });
  const found = new Map((await tx.find(Product, { id: { $in: keys } })).map((p) => [p.id, p]));
  return keys.map((key, i) => {
    const product = found.get(key);
    const field = `input.items[${i}].productId`;
    if (!product) throw new AppError(ErrorCode.NOT_FOUND, `No product with the id given in ${field}`, { field });
    if (product.price === null) throw new AppError(ErrorCode.BAD_USER_INPUT, `${product.name} has no price yet and cannot be ordered`, { field });
    return product;
  });
}

/** An idempotency key as stored: scoped to the user who sent it, with the request it came with. */
export interface IdempotencyKey {
  scoped: string;
  fingerprint: string;
}

export function idempotencyKeyOf(userId: number, input: PlaceOrderInput): IdempotencyKey | null {
  if (!input.idempotencyKey) return null;
  const request = JSON.stringify([
    input.customerId ?? null,
    input.customer ? [input.customer.name, input.customer.address ?? null, input.customer.phone ?? null] : null,
    input.items.map((i) => [i.productId, i.quantity]),
  ]);
  return { scoped: `${userId}/${input.idempotencyKey}`, fingerprint: createHash('sha256').update(request).digest('hex') };
}

/** Sales writes. Each runs inside the mutation's transaction (`tx`). */
export const salesWrites = {
  async createCustomer(tx: EntityManager, input: CreateCustomerInput): Promise<Customer> {
    await assertNameFree(tx, Customer, input.name);
    const customer = tx.create(Customer, { name: input.name, address: input.address || null, phone: input.phone || null });
    await tx.flush();
    return customer;
  },

  async updateCustomer(tx: EntityManager, input: UpdateCustomerInput): Promise<Customer> {
    const customer = await findByGlobalId(tx, Customer, input.customerId, 'input.customerId');
    if (input.name != null && input.name !== customer.name) {
      await assertNameFree(tx, Customer, input.name, { except: customer.id });
      customer.name = input.name;
    }
    if (input.address != null) customer.address = input.address || null;
    if (input.phone != null) customer.phone = input.phone || null;
    return customer;
  },

  /** A customer with orders is kept (order history); reviews go with the customer. */
  async deleteCustomer(tx: EntityManager, input: DeleteCustomerInput): Promise<string> {
    const customer = await findByGlobalId(tx, Customer, input.customerId, 'input.customerId');
    const orders = await tx.count(Order, { customer });
    if (orders) throw new AppError(ErrorCode.CONFLICT, `${customer.name} has ${orders} order(s); order history is kept, so the customer cannot be deleted`);
    await tx.nativeDelete(Customer, { id: customer.id });
    return customer.nodeId;
  },

  /**
   * The order placed earlier with this (user-scoped) idempotency key, if any; CONFLICT when that
   * order was placed with a different request.
   */
  async findByIdempotencyKey(em: EntityManager, key: IdempotencyKey): Promise<Order | null> {
    const order = await em.findOne(Order, { idempotencyKey: key.scoped });
    if (order && order.idempotencyFingerprint !== key.fingerprint) {
      throw new AppError(ErrorCode.CONFLICT, 'This idempotencyKey was already used for a different order: use a new key for a new order', { field: 'input.idempotencyKey' });
    }
    return order;
  },

  /**
   * Places an order at the products' current prices. Either every line is valid and the order,
   * its lines and (if new) its customer are written, or nothing is.
   */
  async placeOrder(tx: EntityManager, input: PlaceOrderInput, key: IdempotencyKey | null): Promise<Order> {
    if ((input.customerId == null) === (input.customer == null)) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'Give either customerId or customer, not both and not neither', { field: 'input.customerId' });
    }
    let customer: Customer;
    if (input.customerId != null) {
      customer = await findByGlobalId(tx, Customer, input.customerId, 'input.customerId');
    } else {
      await assertNameFree(tx, Customer, input.customer!.name, { field: 'input.customer.name', hint: 'pass customerId to order for them' });
      customer = tx.create(Customer, { name: input.customer!.name, address: input.customer!.address || null, phone: input.customer!.phone || null });
    }
    const products = await productsOf(tx, input.items);
    const order = tx.create(Order, { customer, idempotencyKey: key?.scoped ?? null, idempotencyFingerprint: key?.fingerprint ?? null });
    for (const [i, item] of input.items.entries()) tx.create(OrderItem, { order, product: products[i]!, quantity: item.quantity, unitPrice: products[i]!.price! });
    await tx.flush();
    await announce(tx, 'order', order.id, customer.id);
    return order;
  },

  async updateOrderItems(tx: EntityManager, input: UpdateOrderItemsInput): Promise<Order> {
    const order = await findOrder(tx, input.orderId);
    const products = await productsOf(tx, input.items);
    const existing = new Map((await tx.find(OrderItem, { order })).map((item) => [item.product.id, item]));
    const kept = new Set<number>();
    input.items.forEach((line, i) => {
      const product = products[i]!;
      kept.add(product.id);
      const item = existing.get(product.id);
      if (item) item.quantity = line.quantity;
      else tx.create(OrderItem, { order, product, quantity: line.quantity, unitPrice: product.price! });
    });
    for (const [productId, item] of existing) if (!kept.has(productId)) tx.remove(item);
    await tx.flush();
    return order;
  },

  async deleteOrder(tx: EntityManager, input: DeleteOrderInput): Promise<string> {
    const order = await findOrder(tx, input.orderId);
    // Its lines go with it (fk_orders_items_order_id_orders: on delete cascade).
    await tx.nativeDelete(Order, { id: order.id });
    return order.nodeId;
  },
};
