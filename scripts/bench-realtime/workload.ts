/**
 * npm run bench:realtime's workload: which subscriptions the subscribers hold, and the committed
 * writes (mutations through the service's GraphQL endpoint) that are its events.
 */
import pg from 'pg';
import { subjectOf } from './matcher.js';
import { type Answer, seqPrice, type Spec } from './protocol.js';

export const PRODUCT_CHANGED = 'subscription BenchProductChanged { productChanged { id name price manufacturer { name } } }';
export const REVIEW_ADDED = 'subscription BenchReviewAdded($productId: ID!) { reviewAdded(productId: $productId) { rating comment customer { name } } }';
const UPDATE_PRODUCT = 'mutation BenchUpdate($input: UpdateProductInput!) { updateProduct(input: $input) { product { id } } }';
const WRITE_REVIEW = 'mutation BenchReview($input: WriteReviewInput!) { writeReview(input: $input) { created } }';

const globalId = (type: string, key: string | number) => Buffer.from(`${type}:${key}`).toString('base64url');

export interface Workload {
  /** Products whose price the product events change, in turn. */
  products: string[];
  /** Products the review events are about, in turn (and that reviewAdded subscribers watch). */
  reviewed: string[];
  /** Customers the reviews are written as, in turn. */
  customers: string[];
  /** Every REVIEW_EVERY-th event is a review, the others product updates. */
  reviewEvery: number;
  /** Share of the subscribers on productChanged (every product: one shared group); the others on reviewAdded(productId) of one of `reviewed`. */
  shared: number;
}

/** Global ids of the products and customers the events touch, from the seeded database. */
export async function workload(url: string, options: { products: number; reviewed: number; shared: number; reviewEvery: number }): Promise<Workload> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const products = await db.query<{ id: number }>('select id from products order by id limit $1', [options.products]);
    const reviewed = await db.query<{ id: number }>('select id from products order by id desc limit $1', [options.reviewed]);
    const customers = await db.query<{ id: string }>('select id from customers order by id limit 20');
    return {
      products: products.rows.map((r) => globalId('Product', r.id)),
      reviewed: reviewed.rows.map((r) => globalId('Product', r.id)),
      customers: customers.rows.map((r) => globalId('Customer', r.id)),
      reviewEvery: options.reviewEvery,
      shared: options.shared,
    };
  } finally {
    await db.end();
  }
}

/** The subscriptions of `n` subscribers: the first `shared` share on productChanged, the rest spread over the reviewed products. */
export function specs(w: Workload, n: number): Spec[] {
  const onProducts = Math.round(n * w.shared);
  return Array.from({ length: n }, (_, i) =>
    i < onProducts ? { query: PRODUCT_CHANGED, variables: {} } : { query: REVIEW_ADDED, variables: { productId: w.reviewed[(i - onProducts) % w.reviewed.length]! } },
  );
}

const key = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1]!;

/** Event `seq`: a review of one of the reviewed products, or a product's new price; and its subject (matcher.ts). */
function event(w: Workload, seq: number): { body: string; subject: string; reviewOf?: string } {
  if (seq % w.reviewEvery === 0) {
    const productId = w.reviewed[Math.floor(seq / w.reviewEvery) % w.reviewed.length]!;
    const input = { productId, customerId: w.customers[seq % w.customers.length]!, rating: 1 + (seq % 5), comment: `bench #${seq}` };
    return {
      body: JSON.stringify({ query: WRITE_REVIEW, variables: { input } }),
      subject: subjectOf({ topic: 'review', subjectId: key(productId), otherId: key(input.customerId) }),
      reviewOf: productId,
    };
  }
  const input = { productId: w.products[seq % w.products.length]!, price: seqPrice(seq) };
  return { body: JSON.stringify({ query: UPDATE_PRODUCT, variables: { input } }), subject: subjectOf({ topic: 'product', subjectId: key(input.productId), otherId: null }) };
}

/** How many of `subscribers` an event reaches (what should be delivered). */
export function reach(w: Workload, subscribers: readonly Spec[], seq: number): number {
  const { reviewOf } = event(w, seq);
  return subscribers.filter((s) => (reviewOf ? s.query === REVIEW_ADDED && s.variables.productId === reviewOf : s.query === PRODUCT_CHANGED)).length;
}

export interface Driven {
  first: number;
  next: number;
  failed: number;
  errors: string[];
  /** The mutations' own latency (ms): sent to answered. */
  mutationMs: number[];
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * Commits `rate` events a second for `seconds` from sequence number `first`, open loop (each on
 * its schedule, whether or not the previous one has answered); `answered` hears when each
 * mutation's answer arrived, which is after its transaction committed.
 */
export async function drive(
  url: string,
  headers: Record<string, string>,
  w: Workload,
  options: { rate: number; seconds: number; first: number },
  answered: (a: Answer, subject: string) => void,
): Promise<Driven> {
  const total = Math.round(options.rate * options.seconds);
  const result: Driven = { first: options.first, next: options.first + total, failed: 0, errors: [], mutationMs: [] };
  const start = now();
  const inFlight: Promise<void>[] = [];
  for (let k = 0; k < total; k++) {
    const due = start + (k * 1000) / options.rate;
    const wait = due - now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const seq = options.first + k;
    const sent = now();
    const { body, subject } = event(w, seq);
    inFlight.push(
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
        .then(async (res) => {
          const json = (await res.json()) as { errors?: { message: string }[] };
          const at = now();
          if (!res.ok || json.errors) throw new Error(`${res.status} ${JSON.stringify(json.errors)}`);
          result.mutationMs.push(at - sent);
          answered([seq, at], subject);
        })
        .catch((error: unknown) => {
          result.failed++;
          if (result.errors.length < 5) result.errors.push(String(error).slice(0, 300));
        }),
    );
  }
  await Promise.all(inFlight);
  return result;
}
