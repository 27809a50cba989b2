import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Customer } from '../../src/modules/sales/customer.entity.js';
import { OrderItem } from '../../src/modules/sales/order-item.entity.js';
import { Order } from '../../src/modules/sales/order.entity.js';
import type { TestApp } from '../support/app.js';
import { startAsEditor } from '../support/auth.js';
import { toGlobalId } from '../../src/graphql/node.js';

const PLACE = `mutation($input: PlaceOrderInput!) {
  placeOrder(input: $input) { replayed order { id total customer { name } items { quantity unitPrice product { name } } } }
}`;

interface Placed {
  placeOrder: { replayed: boolean; order: { id: string; total: number; customer: { name: string }; items: { quantity: number; unitPrice: number; product: { name: string } }[] } };
}

describe('placeOrder', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  beforeAll(async () => ({ t, editor } = await startAsEditor()));
  afterAll(() => t?.close());

  const counts = async () => {
    const em = t.app.orm.em.fork();
    return { orders: await em.count(Order, {}), items: await em.count(OrderItem, {}), customers: await em.count(Customer, {}) };
  };

  it('prices the lines at the current prices and returns the total', async () => {
    // Products 1 and 2 of the demo data (ids in insertion order): read their prices through the API.
    const prices = await t.gql<{ nodes: { name: string; price: number }[] }>(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Product { name price } } }`, {
      ids: [toGlobalId('Product', 1), toGlobalId('Product', 2)],
    });
    const [a, b] = prices.data!.nodes;
    const res = await t.gql<Placed>(
      PLACE,
      {
        input: {
          customer: { name: 'New Buyer', phone: '+1 555 0100' },
          items: [
            { productId: toGlobalId('Product', 1), quantity: 2 },
            { productId: toGlobalId('Product', 2), quantity: 1 },
          ],
        },
      },
      editor,
    );
    expect(res.errors).toBeUndefined();
    const order = res.data!.placeOrder.order;
    expect(res.data!.placeOrder.replayed).toBe(false);
    expect(order.customer.name).toBe('New Buyer');
    expect(order.items.map((i) => [i.product.name, i.quantity, i.unitPrice]).sort()).toEqual(
      [
        [a!.name, 2, a!.price],
        [b!.name, 1, b!.price],
      ].sort(),
    );
    expect(order.total).toBeCloseTo(2 * a!.price + b!.price, 2);
  });

  it('with one unknown product fails whole: orders, items and customers unchanged', async () => {
    const before = await counts();
    const res = await t.gql<Placed>(
      PLACE,
      {
        input: {
          customer: { name: 'Ghost Buyer' },
          items: [
            { productId: toGlobalId('Product', 1), quantity: 1 },
            { productId: toGlobalId('Product', 99999), quantity: 1 },
          ],
        },
      },
      editor,
    );
    expect(res.data).toEqual({ placeOrder: null });
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.items[1].productId' });
    expect(await counts()).toEqual(before);
  });

  it.each([
    [{ items: [{ productId: toGlobalId('Product', 1), quantity: 0 }] }, 'BAD_USER_INPUT'],
    [{ items: [] }, 'BAD_USER_INPUT'],
    [{ customerId: toGlobalId('Customer', '00000000-0000-4000-8000-000000000000'), items: [{ productId: toGlobalId('Product', 1), quantity: 1 }] }, 'NOT_FOUND'],
    [{ customer: { name: 'Ada Byte' }, items: [{ productId: toGlobalId('Product', 1), quantity: 1 }] }, 'CONFLICT'],
    [
      {
        customer: { name: 'Twice' },
        items: [
          { productId: toGlobalId('Product', 1), quantity: 1 },
          { productId: toGlobalId('Product', 1), quantity: 2 },
        ],
      },
      'BAD_USER_INPUT',
    ],
  ] as [Record<string, unknown>, string][])('rejects %o with %s and writes nothing', async (partial, code) => {
    const before = await counts();
    const res = await t.gql(PLACE, { input: { customer: 'customerId' in partial ? undefined : { name: 'Someone' }, ...partial } }, editor);
    expect(res.errors![0]!.extensions!.code).toBe(code);
    expect(await counts()).toEqual(before);
  });

  it('returns the first order again for a repeated idempotency key', async () => {
    const input = { customer: { name: 'Retry Buyer' }, items: [{ productId: toGlobalId('Product', 3), quantity: 1 }], idempotencyKey: 'retry-key-0001' };
    const first = await t.gql<Placed>(PLACE, { input }, editor);
    const before = await counts();
    const second = await t.gql<Placed>(PLACE, { input }, editor);
    expect(second.data!.placeOrder.replayed).toBe(true);
    expect(second.data!.placeOrder.order.id).toBe(first.data!.placeOrder.order.id);
    expect(second.data!.placeOrder.order.total).toBe(first.data!.placeOrder.order.total);
    expect(await counts()).toEqual(before);
  });

  it('creates one order when requests with one key race', async () => {
    const input = { customer: { name: 'Racer' }, items: [{ productId: toGlobalId('Product', 4), quantity: 1 }], idempotencyKey: 'race-key-000001' };
    const before = await counts();
    const results = await Promise.all(Array.from({ length: 4 }, () => t.gql<Placed>(PLACE, { input }, editor)));
    for (const r of results) expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const ids = new Set(results.map((r) => r.data!.placeOrder.order.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => !r.data!.placeOrder.replayed)).toHaveLength(1);
    expect(await counts()).toEqual({ orders: before.orders + 1, items: before.items + 1, customers: before.customers + 1 });
  });

  it('updates the lines of an order, keeping kept lines at their price, and deletes orders with their lines', async () => {
    const placed = await t.gql<Placed>(PLACE, { input: { customer: { name: 'Editable' }, items: [{ productId: toGlobalId('Product', 5), quantity: 1 }] } }, editor);
    const orderId = placed.data!.placeOrder.order.id;
    const updated = await t.gql<{ updateOrderItems: Placed['placeOrder'] }>(
      `mutation($input: UpdateOrderItemsInput!) { updateOrderItems(input: $input) { order { total items { quantity product { name } } } } }`,
      {
        input: {
          orderId,
          items: [
            { productId: toGlobalId('Product', 5), quantity: 3 },
            { productId: toGlobalId('Product', 6), quantity: 1 },
          ],
        },
      },
      editor,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateOrderItems.order.items.map((i) => i.quantity).sort()).toEqual([1, 3]);
    // The total sums the lines' stored totals, which the database recomputed for the line updated in place.
    const prices = await t.gql<{ a: { price: number }; b: { price: number } }>(
      `query($a: ID!, $b: ID!) { a: node(id: $a) { ... on Product { price } } b: node(id: $b) { ... on Product { price } } }`,
      { a: toGlobalId('Product', 5), b: toGlobalId('Product', 6) },
    );
    const total = (updated.data!.updateOrderItems.order as unknown as { total: number }).total;
    expect(total).toBeCloseTo(3 * prices.data!.a.price + prices.data!.b.price, 2);
    const before = await counts();
    const deleted = await t.gql(`mutation($id: ID!) { deleteOrder(input: { orderId: $id }) { deletedId } }`, { id: orderId }, editor);
    expect(deleted.data).toEqual({ deleteOrder: { deletedId: orderId } });
    expect(await counts()).toEqual({ orders: before.orders - 1, items: before.items - 2, customers: before.customers });
  });
});
