import { describe, expect, it } from 'vitest';
import { createSchema } from '../../src/graphql/schema.js';
import { undescribed } from '../../src/graphql/schema-docs.js';

describe('schema documentation', () => {
  it('describes every type, field, argument, enum value and mutation', async () => {
    expect(undescribed(await createSchema())).toEqual([]);
  });
});
