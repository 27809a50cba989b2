import { DeadlockException } from '@mikro-orm/core';
import { GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type Context } from '../../src/context.js';
import { runMutation } from '../../src/graphql/mutation.js';
import { requestTransactionPlugin } from '../../src/graphql/request-transaction.js';
import { fieldPlans } from '../../src/graphql/schema.js';
import { BlogView } from '../../src/modules/blog/blog-view.entity.js';
import { Country } from '../../src/modules/catalog/country.entity.js';
import { Manufacturer } from '../../src/modules/catalog/manufacturer.entity.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';
import { sqlEchoLogger } from '../support/statements.js';

/** One transaction per request: all mutation fields of an operation commit together or not at all. */
describe('request transactions', () => {
  let t: TestApp;
  let editor: Record<string, string>;
  const count = (name: string) => t.app.orm.em.fork().count(Manufacturer, { name });
  /** Every statement the service ran (its SQL echo, at debug). */
  const sql: string[] = [];
  beforeAll(async () => {
    t = await startTestApp({}, sqlEchoLogger(sql));
    editor = await headersFor(t, 'editor', new Map<Who, Record<string, string>>());
  });
  afterAll(() => t?.close());

  it('commits nothing when a later field fails: each field null, the failed one first, the others rolled back', async () => {
    const res = await t.gql(
      `mutation { a: createManufacturer(input: { name: "Acme Micro" }) { manufacturer { name } } b: createManufacturer(input: { name: "Commodore" }) { manufacturer { name } } }`,
      {},
      editor,
    );
    expect(res.data).toEqual({ a: null, b: null });
    expect(res.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([
      [['b'], 'CONFLICT'],
      [['a'], 'ROLLED_BACK'],
    ]);
    expect(res.errors![1]!.message).toBe('Rolled back: b failed, so nothing of this operation was saved');
    expect(res.errors![1]!.extensions!.failedField).toBe('b');
    expect(await count('Acme Micro')).toBe(0);
  });

  it('commits nothing when an earlier field fails, though later ones ran', async () => {
    const res = await t.gql(`mutation { a: createCountry(input: { name: "UK" }) { country { name } } b: createCountry(input: { name: "Atlantis" }) { country { name } } }`, {}, editor);
    expect(res.data).toEqual({ a: null, b: null });
    expect(res.errors!.map((e) => [e.path?.[0], e.extensions!.code])).toEqual([
      ['a', 'CONFLICT'],
      ['b', 'ROLLED_BACK'],
    ]);
    expect(await t.app.orm.em.fork().count(Country, { name: 'Atlantis' })).toBe(0);
  });

  it('commits every field together when all succeed, and their payloads read their own writes', async () => {
    const res = await t.gql(
      `mutation { a: createManufacturer(input: { name: "Jupiter Maker One" }) { manufacturer { name } } b: createManufacturer(input: { name: "Jupiter Maker Two" }) { manufacturer { name } } }`,
      {},
      editor,
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data).toEqual({ a: { manufacturer: { name: 'Jupiter Maker One' } }, b: { manufacturer: { name: 'Jupiter Maker Two' } } });
    expect((await count('Jupiter Maker One')) + (await count('Jupiter Maker Two'))).toBe(2);
  });

  it('runs an operation of one mutation field without a savepoint, and one of two fields with a savepoint each; a lone failed field still keeps nothing', async () => {
    const savepoints = async (query: string) => {
      sql.length = 0;
      const res = await t.gql(query, {}, editor);
      return { res, savepoints: sql.filter((s) => /^savepoint\b/i.test(s)).length, releases: sql.filter((s) => /^release\b/i.test(s)).length };
    };
    const one = await savepoints(`mutation { createManufacturer(input: { name: "Sole Field Ltd" }) { manufacturer { name } } }`);
    expect(one.res.errors, JSON.stringify(one.res.errors)).toBeUndefined();
    expect([one.savepoints, one.releases]).toEqual([0, 0]);
    expect(await count('Sole Field Ltd')).toBe(1);
    const two = await savepoints(
      `mutation { a: createManufacturer(input: { name: "Pair Field One" }) { manufacturer { name } } b: createManufacturer(input: { name: "Pair Field Two" }) { manufacturer { name } } }`,
    );
    expect(two.res.errors, JSON.stringify(two.res.errors)).toBeUndefined();
    expect([two.savepoints, two.releases]).toEqual([2, 2]);
    // Alone and failing (the name is taken): a coded error, and the database as it was.
    const failed = await savepoints(`mutation { createManufacturer(input: { name: "Sole Field Ltd" }) { manufacturer { name } } }`);
    expect(failed.res.errors!.map((e) => e.extensions!.code)).toEqual(['CONFLICT']);
    expect(failed.savepoints).toBe(0);
    expect(await count('Sole Field Ltd')).toBe(1);
  });

  it('keeps a write whose payload only had a field the caller may not read', async () => {
    const before = await t.app.orm.em.fork().count(BlogView, {});
    const res = await t.gql(`mutation { recordPageView(input: { articleId: "QmxvZ0FydGljbGU6MQ" }) { userId view { session { user { customer { name } } } } } }`);
    expect(res.errors!.map((e) => e.extensions!.code)).toEqual(['UNAUTHENTICATED']);
    expect((res.data as { recordPageView: { userId: string } }).recordPageView.userId).toBeTruthy();
    expect(await t.app.orm.em.fork().count(BlogView, {})).toBe(before + 1);
  });

  it('retries the whole operation after a serialization failure, keeping nothing of the failed attempt', async () => {
    let attempts = 0;
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
      mutation: new GraphQLObjectType({
        name: 'Mutation',
        fields: {
          make: {
            type: GraphQLString,
            resolve: (_root, _args, ctx: Context) =>
              runMutation(ctx, async (tx) => {
                attempts += 1;
                tx.create(Manufacturer, { name: `Retried ${attempts}` });
                await tx.flush();
                // The first attempt fails as PostgreSQL's serialization failure would (SQLSTATE 40001).
                if (attempts === 1) throw new DeadlockException(Object.assign(new Error('could not serialize access'), { code: '40001' }));
                return `Retried ${attempts}`;
              }),
          },
        },
      }),
    });
    const ctx = createContext({
      orm: t.app.orm,
      logger: t.app.logger,
      plans: fieldPlans,
      strategy: 'batched',
      sql: { statements: 0 },
      auth: null,
      clientAddress: 'test',
      services: {} as never,
    });
    const listener = await requestTransactionPlugin((f) => f).requestDidStart!({} as never);
    const document = parse('mutation { make }');
    const response = await listener!.responseForOperation!({ operation: document.definitions[0], schema, document, contextValue: ctx, request: {} } as never);
    expect(attempts).toBe(2);
    expect(response!.body).toEqual({ kind: 'single', singleResult: { data: { make: 'Retried 2' }, errors: undefined } });
    expect(await count('Retried 1')).toBe(0);
    expect(await count('Retried 2')).toBe(1);
  });
});
