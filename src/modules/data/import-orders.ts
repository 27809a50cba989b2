import type { EntityManager } from '@mikro-orm/sql';
import { Product } from '../catalog/product.entity.js';
import { Customer } from '../sales/customer.entity.js';
import { OrderItem } from '../sales/order-item.entity.js';
import { Order } from '../sales/order.entity.js';
import { decimal, ImportError, integer, text, timestamp, type CsvRow } from './csv.js';
import { byName, type CsvImporter } from './import-stats.js';

const SLOTS = [1, 2, 3] as const;

interface Line {
  product: Product;
  unitPrice: number;
  quantity: number;
}

/** The filled item slots of a row; unused slots hold "", 0.00 and 0. */
function lines(row: CsvRow, products: Map<string, Product>): Line[] {
  const found: Line[] = [];
  for (const n of SLOTS) {
    const name = text(row, `product${n}`, 64, false);
    if (!name) continue;
    const product = products.get(name);
    if (!product) throw new ImportError(row.file, row.line, `product${n}`, `unknown product "${name}"`);
    if (found.some((l) => l.product === product)) throw new ImportError(row.file, row.line, `product${n}`, `"${name}" appears twice in one order`);
    found.push({ product, unitPrice: decimal(row, `unit_price${n}`, 0), quantity: integer(row, `quantity${n}`, 1, 1_000_000) });
  }
  if (!found.length) throw new ImportError(row.file, row.line, 'product1', 'an order needs at least one item');
  return found;
}

/** Orders already in the database, keyed by customer and timestamp (their natural key). */
async function existingOrders(tx: EntityManager, names: string[]): Promise<Set<string>> {
  const orders = await tx.find(Order, { customer: { name: { $in: names } } }, { fields: ['timestamp', 'customer'] });
  return new Set(orders.map((o) => `${o.customer.id}|${o.timestamp.getTime()}`));
}

/**
 * orders.csv: name,address,phone,timestamp,product1,unit_price1,quantity1,… — one order per row,
 * customers keyed by name. Products without a price take the unit price of their latest order here.
 */
export const ordersImporter: CsvImporter = {
  file: 'orders.csv',
  columns: ['name', 'address', 'phone', 'timestamp', ...SLOTS.flatMap((n) => [`product${n}`, `unit_price${n}`, `quantity${n}`])],
  async run(tx, rows, progress) {
    const products = byName(await tx.find(Product, {}));
    const customers = byName(await tx.find(Customer, {}));
    const known = await existingOrders(tx, [...new Set(rows.map((r) => r.values.name?.trim() ?? ''))]);
    const latestPrice = new Map<Product, { at: number; price: number }>();
    let inserted = 0;
    for (const row of rows) {
      const name = text(row, 'name', 64)!;
      const at = timestamp(row, 'timestamp');
      const items = lines(row, products);
      const address = text(row, 'address', 128, false);
      const phone = text(row, 'phone', 32, false);
      progress.advance(1);
      let customer = customers.get(name);
      if (!customer) customers.set(name, (customer = tx.create(Customer, { name, address, phone })));
      const key = `${customer.id}|${at.getTime()}`;
      if (known.has(key)) continue;
      known.add(key);
      const order = tx.create(Order, { customer, timestamp: at });
      for (const item of items) {
        tx.create(OrderItem, { order, product: item.product, unitPrice: item.unitPrice, quantity: item.quantity });
        const seen = latestPrice.get(item.product);
        if (!seen || seen.at <= at.getTime()) latestPrice.set(item.product, { at: at.getTime(), price: item.unitPrice });
      }
      inserted += 1;
    }
    for (const [product, { price }] of latestPrice) if (product.price === null) product.price = price;
    await tx.flush();
    return inserted;
  },
};
