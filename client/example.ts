// docs/clients.md's typed call: the generated document carries its result and variables types.
import { ProductDetailDocument, type TypedDocumentString } from './generated/graphql.js';

export async function execute<R, V>(document: TypedDocumentString<R, V>, variables: V, url = 'http://localhost:4000/graphql'): Promise<R> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: document, variables }) });
  const body = (await res.json()) as { data?: R; errors?: { message: string }[] };
  if (!body.data || body.errors?.length) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${res.status}`);
  return body.data;
}

export async function productName(id: string): Promise<string | undefined> {
  const { product } = await execute(ProductDetailDocument, { id });
  return product?.name; // typed: string
}
