import { Faker, en } from '@faker-js/faker';
import type { ScalePlan } from './plan.js';

/**
 * Deterministic rows for the scalable dataset, as plain column data keyed by entity property.
 * One seeded Faker instance drives everything, so a (scale, seed) pair always yields the same rows.
 * Integer keys are assigned here (1..n) so that rows can refer to each other before insertion.
 */
const CPUS = ['6502', '6510', '65C02', 'Z80', 'Z80A', '6809', '68000', '68008', '8088', '8086', 'TMS9900', 'ARM2'];
const LANGUAGES = ['English', 'German', 'Spanish', 'French', 'Italian', 'Portuguese'];
const FIRST = Date.UTC(2020, 0, 1);
const LAST = Date.UTC(2023, 11, 31);

function uniqueNames(count: number, make: () => string, max: number): string[] {
  const seen = new Set<string>();
  while (seen.size < count) {
    let name = make().slice(0, max);
    if (seen.has(name)) name = `${name.slice(0, max - 8)} #${seen.size}`;
    seen.add(name);
  }
  return [...seen];
}

export function generate(plan: ScalePlan, seed: number) {
  const faker = new Faker({ locale: [en], seed });
  const int = (min: number, max: number) => faker.number.int({ min, max });
  const when = () => new Date(int(FIRST / 1000, LAST / 1000) * 1000);

  const countries = uniqueNames(plan.countries, () => faker.location.country(), 32).map((name, i) => ({ id: i + 1, name }));
  const manufacturers = uniqueNames(plan.manufacturers, () => faker.company.name(), 64).map((name, i) => ({ id: i + 1, name }));
  const products = Array.from({ length: plan.products }, (_, i) => ({
    id: i + 1,
    name: `${faker.commerce.productAdjective()} ${faker.helpers.arrayElement(['Micro', 'Home', 'Personal', 'Pocket', 'Color', 'Plus'])} ${100 + i}`,
    manufacturer: int(1, plan.manufacturers),
    year: int(1975, 1995),
    cpu: faker.datatype.boolean(0.9) ? faker.helpers.arrayElement(CPUS) : null,
    price: int(4_900, 250_000) / 100,
  }));
  const productCountries = products.flatMap((p) => faker.helpers.arrayElements(countries, int(1, 2)).map((c) => ({ product: p.id, country: c.id })));
  const customers = uniqueNames(plan.customers, () => faker.person.fullName(), 64).map((name) => ({
    id: faker.string.uuid(),
    name,
    address: faker.datatype.boolean(0.8) ? faker.location.streetAddress().slice(0, 128) : null,
    phone: faker.datatype.boolean(0.7) ? faker.phone.number().slice(0, 32) : null,
  }));
  const orders = Array.from({ length: plan.orders }, () => ({ id: faker.string.uuid(), customer: customers[int(0, customers.length - 1)]!.id, timestamp: when() }));
  const orderItems = orders.flatMap((o) => faker.helpers.arrayElements(products, int(1, 3)).map((p) => ({ order: o.id, product: p.id, unitPrice: p.price, quantity: int(1, 3) })));
  const reviewed = new Set<string>();
  const reviews: { product: number; customer: string; timestamp: Date; rating: number; comment: string | null }[] = [];
  while (reviews.length < Math.min(plan.reviews, plan.products * customers.length)) {
    const product = int(1, plan.products);
    const customer = customers[int(0, customers.length - 1)]!.id;
    if (reviewed.has(`${product}:${customer}`)) continue;
    reviewed.add(`${product}:${customer}`);
    reviews.push({ product, customer, timestamp: when(), rating: int(1, 5), comment: faker.datatype.boolean(0.6) ? faker.lorem.sentence() : null });
  }
  const authors = Array.from({ length: plan.authors }, (_, i) => ({ id: i + 1, name: faker.person.fullName().slice(0, 64) }));
  const languages = LANGUAGES.slice(0, plan.languages).map((name, i) => ({ id: i + 1, name }));
  const originals = Math.ceil(plan.articles * 0.7);
  const translated = new Set<string>();
  const articles = Array.from({ length: plan.articles }, (_, i) => {
    const base = { id: i + 1, title: faker.lorem.sentence({ min: 3, max: 8 }).slice(0, 128), author: int(1, plan.authors), timestamp: when() };
    if (i < originals) return { ...base, product: faker.datatype.boolean(0.7) ? int(1, plan.products) : null, language: 1, translationOf: null as number | null };
    // A translation of an earlier original into a language it is not in yet.
    let original = int(1, originals);
    let language = int(2, plan.languages);
    while (translated.has(`${original}:${language}`)) [original, language] = [int(1, originals), int(2, plan.languages)];
    translated.add(`${original}:${language}`);
    return { ...base, product: null, language, translationOf: original };
  });
  const blogUsers = Array.from({ length: plan.blogUsers }, () => ({
    id: faker.string.uuid(),
    customer: faker.datatype.boolean(0.25) ? customers[int(0, customers.length - 1)]!.id : null,
  }));
  const sessions = Array.from({ length: plan.sessions }, () => ({ id: faker.string.uuid(), user: blogUsers[int(0, blogUsers.length - 1)]!.id }));
  /** Views are many: produced lazily in chunks, from the same seeded sequence. */
  function* views(chunk: number) {
    for (let done = 0; done < plan.views; done += chunk) {
      yield Array.from({ length: Math.min(chunk, plan.views - done) }, () => ({
        article: int(1, plan.articles),
        session: sessions[int(0, sessions.length - 1)]!.id,
        timestamp: when(),
      }));
    }
  }
  return { countries, manufacturers, products, productCountries, customers, orders, orderItems, reviews, authors, languages, articles, blogUsers, sessions, views };
}

/**
 * Staff, from a Faker of its own so that adding it changed no other generated row. Managers
 * report to an earlier manager (the first to no one); engineers to a random manager, each
 * certified on up to five products. References are indexes into the arrays.
 */
export function generateStaff(plan: ScalePlan, seed: number) {
  const faker = new Faker({ locale: [en], seed: seed + 7919 });
  const int = (min: number, max: number) => faker.number.int({ min, max });
  const hiredOn = () => new Date(int(Date.UTC(2010, 0, 1) / 86_400_000, Date.UTC(2023, 11, 31) / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
  const managers = Array.from({ length: plan.managers }, (_, i) => ({
    name: faker.person.fullName().slice(0, 64),
    hiredOn: hiredOn(),
    department: faker.commerce.department().slice(0, 64),
    manager: i === 0 ? null : int(0, i - 1),
  }));
  const engineers = Array.from({ length: plan.engineers }, () => ({
    name: faker.person.fullName().slice(0, 64),
    hiredOn: hiredOn(),
    specialty: faker.helpers.arrayElement(['Disk drives', 'Power supplies', 'CRT monitors', 'Keyboards', 'Sound chips', 'Recapping', 'Cassette decks']),
    manager: int(0, plan.managers - 1),
    certifiedOn: faker.helpers.arrayElements(
      Array.from({ length: plan.products }, (_, p) => p + 1),
      int(0, 5),
    ),
  }));
  return { managers, engineers };
}
