import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Product } from '../../../src/modules/catalog/product.entity.js';
import { startTestApp, type TestApp } from '../../support/app.js';

type Names = { products: { totalCount: number; nodes: { name: string; cpu: string | null; manufacturer: { name: string } }[] } };
const Q = `query($f: ProductFilter) { products(first: 100, filter: $f) { totalCount nodes { name cpu manufacturer { name } } } }`;

/** Product filters with lists and a CPU family, checked against the rows themselves. */
describe('product filters', () => {
  let t: TestApp;
  let all: Product[];
  beforeAll(async () => {
    t = await startTestApp();
    all = await t.app.orm.em.fork().find(Product, {}, { populate: ['manufacturer', 'countries'] });
  });
  afterAll(() => t?.close());
  const names = async (f: Record<string, unknown>) => {
    const res = await t.gql<Names>(Q, { f });
    expect(res.errors).toBeUndefined();
    return res.data!.products.nodes.map((n) => n.name).sort();
  };
  const expected = (keep: (p: Product) => boolean) =>
    all
      .filter(keep)
      .map((p) => p.name)
      .sort();

  it('takes lists of manufacturers, countries and CPUs, any of each, all conditions together', async () => {
    const [a, b] = [all.find((p) => p.manufacturer.name === 'Commodore')!.manufacturer, all.find((p) => p.manufacturer.name === 'Apple')!.manufacturer];
    expect(await names({ manufacturerIds: [a.nodeId, b.nodeId] })).toEqual(expected((p) => [a.id, b.id].includes(p.manufacturer.id)));
    const uk = all.flatMap((p) => p.countries.getItems()).find((c) => c.name === 'UK')!;
    const us = all.flatMap((p) => p.countries.getItems()).find((c) => c.name === 'USA')!;
    expect(await names({ countryIds: [uk.nodeId, us.nodeId] })).toEqual(expected((p) => p.countries.getItems().some((c) => [uk.id, us.id].includes(c.id))));
    expect(await names({ cpus: ['Z80', '6502'] })).toEqual(expected((p) => p.cpu === 'Z80' || p.cpu === '6502'));
    expect(await names({ cpus: ['6502'], manufacturerIds: [a.nodeId] })).toEqual(expected((p) => p.cpu === '6502' && p.manufacturer.id === a.id));
  });

  it('matches a CPU family by prefix, case-insensitively', async () => {
    const family = expected((p) => (p.cpu ?? '').toLowerCase().startsWith('68'));
    expect(family.length).toBeGreaterThan(1);
    expect(await names({ cpuStartsWith: '68' })).toEqual(family);
  });

  it('refuses LIKE wildcards in a CPU family and more than 100 ids', async () => {
    const wild = await t.gql(Q, { f: { cpuStartsWith: '6%' } });
    expect(wild.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const many = await t.gql(Q, { f: { manufacturerIds: Array.from({ length: 101 }, () => 'TWFudWZhY3R1cmVyOjE') } });
    expect(many.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});
