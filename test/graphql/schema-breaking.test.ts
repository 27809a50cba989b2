import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareSchemas } from '../../src/graphql/documents/breaking.js';
import { readDocuments } from '../../src/graphql/documents/manifest.js';

const RELEASED = `
type Query { product(id: ID!): Product, legacyPrice: String, products(kind: Kind): [Product!]! }
type Product { id: ID!, name: String!, cpu: String, year: Int }
enum Kind { HOME, ARCADE }
`;
const PRODUCT_CPU = 'query ProductCpu($id: ID!) { product(id: $id) { id cpu } }';
const ARCADE = 'query Arcade { products(kind: ARCADE) { name } }';

describe('schema:breaking: the released schema against the new one, and the trusted documents against the new one', () => {
  let dir: string;
  const documents = () => readDocuments({ files: [path.join(dir, 'client.json')] });

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'retrofun-breaking-'));
    const id = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
    writeFileSync(path.join(dir, 'client.json'), JSON.stringify({ [id(PRODUCT_CPU)]: PRODUCT_CPU, [id(ARCADE)]: ARCADE }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails, naming the document, when a field a document uses is removed', () => {
    const result = compareSchemas(RELEASED, RELEASED.replace('cpu: String, ', ''), documents());
    expect(result.exitCode).toBe(1);
    expect(result.broken).toEqual(['ProductCpu']);
    expect(result.lines[0]).toMatch(/^error: document ProductCpu \(sha256:[0-9a-f]{64}, .*client\.json\) breaks: Cannot query field "cpu" on type "Product"/);
    expect(result.lines).toContain('breaking: FIELD_REMOVED: Product.cpu was removed.');
  });

  it('fails when an enum value a document uses is removed', () => {
    const result = compareSchemas(RELEASED, RELEASED.replace('HOME, ARCADE', 'HOME'), documents());
    expect([result.exitCode, result.broken]).toEqual([1, ['Arcade']]);
  });

  it('reports a deprecated field or enum value a document uses as a warning, exit 0', () => {
    const deprecated = RELEASED.replace('cpu: String', 'cpu: String @deprecated(reason: "use processor")').replace('ARCADE', 'ARCADE @deprecated');
    const result = compareSchemas(RELEASED, deprecated, documents());
    expect(result.exitCode).toBe(0);
    expect(result.lines.filter((l) => l.startsWith('warning:'))).toEqual([
      expect.stringMatching(/^warning: document ProductCpu .* uses a deprecated part of the schema: The field Product\.cpu is deprecated\. use processor$/),
      expect.stringMatching(/^warning: document Arcade .* uses a deprecated part of the schema: The enum value "Kind\.ARCADE" is deprecated\./),
    ]);
  });

  it('lists a breaking change no document uses, and fails on it only with --strict', () => {
    const current = RELEASED.replace('legacyPrice: String, ', '');
    const result = compareSchemas(RELEASED, current, documents());
    expect([result.exitCode, result.breaking, result.lines]).toEqual([0, 1, ['breaking: FIELD_REMOVED: Query.legacyPrice was removed.']]);
    expect(compareSchemas(RELEASED, current, documents(), { strict: true }).exitCode).toBe(1);
  });
});
