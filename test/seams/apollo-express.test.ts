import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beforeAnswerSent } from '../../src/seams/apollo-express.js';
import { installedVersion } from './installed.js';

const CHECKED = '@as-integrations/express5 1.1.2 with @apollo/server 5';
const contract = (assumption: string) =>
  `Apollo's Express integration seam (src/seams/apollo-express.ts), checked on ${CHECKED}, installed ${installedVersion('@as-integrations/express5')} with @apollo/server ${installedVersion('@apollo/server')}: ${assumption}`;

describe("Apollo's Express integration contract: a complete answer leaves through one res.send(text)", () => {
  const schema = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { hello: { type: GraphQLString, resolve: () => 'Grüße' } } }) });
  const apollo = new ApolloServer({ schema });
  let server: http.Server;
  let url: string;
  const decided: string[] = [];

  beforeAll(async () => {
    await apollo.start();
    const app = express();
    app.use(
      '/graphql',
      express.json(),
      (_req, res, next) => {
        beforeAnswerSent(res, (body) => {
          decided.push(body);
          res.set('x-decided', String(decided.length));
        });
        next();
      },
      expressMiddleware(apollo),
    );
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await apollo.stop();
    await new Promise((resolve) => server?.close(resolve));
  });

  const post = (query: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

  it('1. an answer is sent with res.send of its whole text, looked up on the response, while its headers can still change', async () => {
    const res = await post('{ hello }');
    const body = await res.text();
    expect(decided, contract('res.send(text) is called once, with the body as received')).toEqual([body]);
    expect(JSON.parse(body)).toEqual({ data: { hello: 'Grüße' } });
    expect(res.headers.get('x-decided'), contract('headers set in decide reach the client')).toBe('1');
  });

  it('1. an answer with errors (a document that does not validate) takes the same path', async () => {
    const res = await post('{ nope }');
    const body = await res.text();
    expect(res.status).toBe(400);
    expect(decided.at(-1), contract('an error answer is sent with res.send(text) too')).toBe(body);
    expect(res.headers.get('x-decided')).toBe(String(decided.length));
  });
});
