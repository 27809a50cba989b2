import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import type pg from 'pg';

/** The benchmark's operations as this service asks them (the peer's are in ../shared/peer-postgraphile). */
export const OUR_OPERATIONS = path.join(import.meta.dirname, 'operations.graphql');

/** The named operations of a GraphQL file, by name, each as its own document's text. */
export function operations(file: string): Map<string, string> {
  const doc = parse(readFileSync(file, 'utf8'));
  return new Map(doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition').map((d) => [d.name!.value, print(d)]));
}

/** The product the detail operation asks for: the most reviewed, so that its 20 newest reviews fill the page. */
export async function detailProductId(db: pg.Client): Promise<number> {
  const top = await db.query<{ id: number }>('select product_id as id from products_reviews group by product_id order by count(*) desc, product_id limit 1');
  return top.rows[0]!.id;
}

/** The variables this service's operation is asked with (the detail takes the product's global id). */
export function ourVariables(op: string, productId: number): Record<string, unknown> {
  return op === 'product_detail' ? { id: Buffer.from(`Product:${productId}`).toString('base64url') } : {};
}
