import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seeders/demo.js';
import { rowRootPage } from '../../src/loading/eager/row-pages.js';
import { pathsOnly } from '../../src/loading/eager/selection.js';
import { EagerStrategy } from '../../src/loading/strategies/eager.js';
import { isRow, rowKey } from '../../src/loading/eager/row-shape.js';
import * as catalog from '../../src/modules/catalog/catalog.connections.js';
import type { Country } from '../../src/modules/catalog/country.entity.js';
import type { Manufacturer } from '../../src/modules/catalog/manufacturer.entity.js';
import { Product } from '../../src/modules/catalog/product.entity.js';
import * as sales from '../../src/modules/sales/sales.connections.js';
import { Order } from '../../src/modules/sales/order.entity.js';
import type { OrderItem } from '../../src/modules/sales/order-item.entity.js';
import { openMigratedOrm, type TestOrm } from '../support/orm.js';

/**
 * The eager strategy's read-only rows (src/loading/rows.ts): the same values MikroORM's entities
 * carry, one object per key, relations in MikroORM's shape, and never an entity MikroORM tracks.
 */
describe('eager rows', () => {
  let t: TestOrm;
  beforeAll(async () => {
    t = await openMigratedOrm();
    await seedDemo(t.orm.em, { withUsers: false, bcryptRounds: 4 });
  });
  afterAll(() => t?.close());

  it('carry what entities carry, as instances of the entity class, and stay out of the unit of work', async () => {
    const em = t.orm.em.fork();
    const loaders = new EagerStrategy(em, {});
    const page = await rowRootPage(em, catalog.products, { first: 20 }, { store: loaders.rows, populate: pathsOnly(['manufacturer', 'countries']), withCount: undefined });
    const entities = await t.orm.em.fork().find(Product, {}, { orderBy: { name: 'asc', id: 'asc' }, limit: 20, populate: ['manufacturer', 'countries'] });
    expect(page.nodes.map((p) => isRow(p))).toEqual(entities.map(() => true));
    page.nodes.forEach((row, i) => {
      const entity = entities[i]!;
      expect(row).toBeInstanceOf(Product);
      expect(row.constructor.name).toBe('Product');
      expect(row.nodeId).toBe(entity.nodeId);
      expect([row.id, row.name, row.year, row.cpu, row.price]).toEqual([entity.id, entity.name, entity.year, entity.cpu, entity.price]);
      expect(row.manufacturer.name).toBe(entity.manufacturer.name);
      // The list is the relation's own order (countries by name), as a plain array.
      expect((row.countries as unknown as Country[]).map((c) => c.name)).toEqual(entity.countries.getItems().map((c) => c.name));
    });
    // Nothing entered the identity map, and a row handed to MikroORM is refused, never tracked.
    expect(em.getUnitOfWork().getIdentityMap().values().length).toBe(0);
    expect(() => em.persist(page.nodes[0]!)).toThrow(/read-only Product row was used as a MikroORM entity/);
  });

  it('give one object per key: a shared manufacturer is one row, filled when its relation loads', async () => {
    const em = t.orm.em.fork();
    const loaders = new EagerStrategy(em, {});
    const page = await rowRootPage(em, catalog.products, { first: 50 }, { store: loaders.rows, populate: pathsOnly([]), withCount: undefined });
    const byMaker = new Map<number, Manufacturer[]>();
    for (const p of page.nodes) byMaker.set(rowKey(p.manufacturer) as number, [...(byMaker.get(rowKey(p.manufacturer) as number) ?? []), p.manufacturer]);
    const shared = [...byMaker.values()].find((list) => list.length > 1)!;
    expect(new Set(shared).size).toBe(1);
    // Not loaded yet: only its key. One statement loads all of them into the same objects.
    expect(shared[0]!.name).toBeUndefined();
    await loaders.preloadRelation(page.nodes, 'manufacturer');
    expect(shared[0]!.name).toEqual(expect.any(String));
    expect(await loaders.relation(page.nodes[0]!, 'manufacturer')).toBe(page.nodes[0]!.manufacturer);
  });

  it('read dates, decimals and composite keys the way entities do, lists embedded with their to-one relations', async () => {
    const em = t.orm.em.fork();
    const loaders = new EagerStrategy(em, {});
    const page = await rowRootPage(em, sales.orders, { first: 10 }, { store: loaders.rows, populate: pathsOnly(['customer', 'items', 'items.product', 'total']), withCount: undefined });
    const entities = await t.orm.em.fork().find(Order, { id: { $in: page.nodes.map((o) => o.id) } }, { populate: ['customer', 'items', 'items.product', 'total'] });
    expect(page.nodes.length).toBe(10);
    for (const row of page.nodes) {
      const entity = entities.find((e) => e.id === row.id)!;
      expect(row.timestamp).toBeInstanceOf(Date);
      expect(row.timestamp.getTime()).toBe(entity.timestamp.getTime());
      expect(row.total).toBe(entity.total);
      expect(row.customer.name).toBe(entity.customer.name);
      const items = row.items as unknown as OrderItem[];
      expect(items.map((i) => [i.product.name, i.quantity, i.unitPrice, i.nodeId])).toEqual(entity.items.getItems().map((i) => [i.product.name, i.quantity, i.unitPrice, i.nodeId]));
      expect(items.every((i) => i.order === row)).toBe(true);
    }
  });
});
