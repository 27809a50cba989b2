import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap, type App } from '../../src/app.js';
import { LOADING_STRATEGIES } from '../../src/loading/strategy.js';
import { postAt, startTestApp, testConfig, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';
import { loadOperations } from '../support/operations.js';

/**
 * Queries compiled with graphql-jit (src/graphql/compiled-queries.ts) answer exactly what
 * graphql-js answers: two services on one database, one compiling every query from its first
 * execution, the other never, must give the same status and body (data, errors with their codes
 * and paths, SQL statements) for the same request.
 */
describe('compiled queries', () => {
  let t: TestApp;
  let plain: App;
  const logs: { level: number; msg: string; operationName?: string | null }[] = [];
  const who = new Map<Who, Record<string, string>>();
  const sink = new Writable({
    write: (chunk: Buffer, _e, done) => {
      logs.push(JSON.parse(chunk.toString()) as (typeof logs)[number]);
      done();
    },
  });

  beforeAll(async () => {
    t = await startTestApp({ compileQueriesAfter: 1 }, pino({ level: 'debug' }, sink));
    plain = await bootstrap({ config: testConfig(t.db.config, { seedDemo: false, compileQueriesAfter: 0 }), port: 0 });
    await headersFor(t, 'editor', who);
  });
  afterAll(async () => {
    await plain?.close();
    await t?.close();
  });

  /** The same request to both services: both answers, status and body. */
  async function both(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
    const [compiled, interpreted] = await Promise.all([postAt(t.app.url, query, variables, headers), postAt(plain.url, query, variables, headers)]);
    return { compiled, interpreted };
  }

  const compiledNames = () => logs.filter((l) => l.msg === 'query compiled').map((l) => l.operationName);

  describe.each(loadOperations().map((o) => [o.name, o] as const))('%s', (name, op) => {
    it('answers as graphql-js does, under each strategy, and is compiled', async () => {
      for (const strategy of LOADING_STRATEGIES) {
        const { compiled, interpreted } = await both(op.document, op.variables, { ...who.get('editor'), 'x-loading-strategy': strategy });
        expect(compiled.body.errors, `${name} (${strategy})`).toBeUndefined();
        expect(compiled, `${name} (${strategy})`).toEqual(interpreted);
      }
      expect(compiledNames()).toContain(name);
    });
  });

  it.each([
    ['orders without a token (partial data, coded errors with paths)', '{ products(first: 2) { nodes { name } } orders(first: 1) { nodes { id } } }', undefined, {}],
    ['a cursor that is not one', '{ products(first: 2, after: "garbage") { nodes { name } } }', undefined, {}],
    ['a node of an abstract type, hidden from anonymous readers', '{ node(id: "RW5naW5lZXI6MQ") { id ... on Employee { name } } }', undefined, {}],
    ['staff as their concrete types', '{ employees(first: 3) { nodes { __typename name ... on Engineer { specialty } } } }', undefined, 'editor'],
    ['a variable that does not coerce (400)', 'query($n: Int) { products(first: $n) { nodes { name } } }', { n: 'two' }, {}],
    [
      'an input field left to its default (graphql-jit refuses it; graphql-js runs it)',
      'query($o: [ProductOrder!]) { products(first: 2, orderBy: $o) { nodes { name } } }',
      { o: [{ field: 'NAME' }] },
      {},
    ],
  ] as const)('answers %s as graphql-js does', async (_what, query, variables, auth) => {
    const headers = auth === 'editor' ? who.get('editor')! : {};
    // Twice: the second request may run what the first one compiled.
    for (let i = 0; i < 2; i++) {
      const { compiled, interpreted } = await both(query, variables as Record<string, unknown> | undefined, headers);
      expect(compiled).toEqual(interpreted);
    }
  });

  it("answers a value the database refuses as graphql-js does (the driver's error reaches the formatter)", async () => {
    // PostgreSQL refuses a NUL in text (22021): BAD_USER_INPUT, classified from the original error.
    const query = 'query($cpu: String) { products(first: 1, filter: { cpu: $cpu }) { nodes { name } } }';
    for (let i = 0; i < 2; i++) {
      const { compiled, interpreted } = await both(query, { cpu: 'Z80\u0000' });
      expect(compiled).toEqual(interpreted);
      if (t.config.database.dialect === 'postgresql') expect(compiled.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('compiles a query only from its compileAfter-th execution on', async () => {
    const app = await bootstrap({ config: testConfig(t.db.config, { seedDemo: false, compileQueriesAfter: 3 }), port: 0, logger: pino({ level: 'debug' }, sink) });
    try {
      const query = 'query ThirdTime { manufacturers(first: 1) { nodes { name } } }';
      const answers = [];
      for (let i = 1; i <= 4; i++) {
        answers.push((await postAt(app.url, query)).body);
        expect(
          compiledNames().filter((n) => n === 'ThirdTime'),
          `after ${i}`,
        ).toHaveLength(i >= 3 ? 1 : 0);
      }
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    } finally {
      await app.close();
    }
  });
});
