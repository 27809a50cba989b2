import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isScalarType, isSpecifiedScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { retrofunScalars } from '../../client/codegen-config.js';
import { createSchema } from '../../src/graphql/schema.js';
import { ROOT } from '../support/process.js';

describe('custom scalars', () => {
  it('each has a @specifiedBy URL in schema.graphql and a TypeScript type in the shared codegen config', async () => {
    const custom = Object.values((await createSchema()).getTypeMap()).filter((type) => isScalarType(type) && !isSpecifiedScalarType(type));
    expect(custom.map((type) => type.name).sort()).toEqual(Object.keys(retrofunScalars).sort());
    const sdl = readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8');
    for (const type of custom) {
      if (!isScalarType(type)) continue;
      expect(type.specifiedByURL, type.name).toMatch(/^https:\/\/scalars\.graphql\.org\//);
      expect(sdl).toContain(`scalar ${type.name} @specifiedBy(url: "${type.specifiedByURL}")`);
    }
  });
});
