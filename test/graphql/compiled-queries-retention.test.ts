import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ApolloServerPlugin, GraphQLRequestContextResponseForOperation } from '@apollo/server';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/context.js';
import { compiledQueriesPlugin } from '../../src/graphql/compiled-queries.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const schema = buildSchema('type Query { hello: String }');

/** Runs `text` through the plugin's hook, as Apollo would with its cached document; returns a weak reference to that document. */
async function runCompiled(plugin: ApolloServerPlugin<Context>, text: string): Promise<{ document: WeakRef<object>; answer: unknown }> {
  const document = parse(text);
  const operation = document.definitions[0] as OperationDefinitionNode;
  const listener = await plugin.requestDidStart!({} as never);
  let answer: unknown;
  for (let run = 0; run < 2; run++) {
    const request = { operation, schema, document, contextValue: {} as Context, request: {} } as unknown as GraphQLRequestContextResponseForOperation<Context>;
    answer = await listener!.responseForOperation!(request);
  }
  return { document: new WeakRef(document), answer };
}

describe('compiled queries (graphql-jit) and the documents they were compiled from', () => {
  it('keep no document alive once Apollo has let it go: the document cache alone bounds them', async () => {
    const plugin = compiledQueriesPlugin(1, (formatted) => formatted, pino({ level: 'silent' }));
    const refs: WeakRef<object>[] = [];
    for (let n = 0; n < 20; n++) {
      const { document, answer } = await runCompiled(plugin, `query Q${n} { hello }`);
      expect(answer).toMatchObject({ body: { kind: 'single', singleResult: { data: { hello: null } } } });
      refs.push(document);
    }
    // A WeakRef holds its target until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(refs.filter((r) => r.deref() !== undefined)).toHaveLength(0);
  });
});
