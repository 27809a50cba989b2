import { Product } from '../catalog/product.entity.js';
import { ProductReview } from '../reviews/product-review.entity.js';
import { Customer } from '../sales/customer.entity.js';
import { ImportError, integer, text, timestamp } from './csv.js';
import { byName, type CsvImporter } from './import-stats.js';

/** reviews.csv: customer,product,timestamp,rating,comment — one review per product and customer. */
export const reviewsImporter: CsvImporter = {
  file: 'reviews.csv',
  columns: ['customer', 'product', 'timestamp', 'rating', 'comment'],
  async run(tx, rows, progress) {
    const products = byName(await tx.find(Product, {}));
    const customers = byName(await tx.find(Customer, {}));
    const known = new Set((await tx.find(ProductReview, {})).map((r) => `${r.product.id}|${r.customer.id}`));
    let inserted = 0;
    for (const row of rows) {
      const customerName = text(row, 'customer', 64)!;
      const productName = text(row, 'product', 64)!;
      const customer = customers.get(customerName);
      if (!customer) throw new ImportError(row.file, row.line, 'customer', `unknown customer "${customerName}"`);
      const product = products.get(productName);
      if (!product) throw new ImportError(row.file, row.line, 'product', `unknown product "${productName}"`);
      const review = { timestamp: timestamp(row, 'timestamp'), rating: integer(row, 'rating', 1, 5), comment: text(row, 'comment', 100_000, false) };
      progress.advance(1);
      const key = `${product.id}|${customer.id}`;
      if (known.has(key)) continue;
      known.add(key);
      tx.create(ProductReview, { product, customer, ...review });
      inserted += 1;
    }
    await tx.flush();
    return inserted;
  },
};
