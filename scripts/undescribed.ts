import 'reflect-metadata';
import { createSchema } from '../src/graphql/schema.js';
import { undescribed } from '../src/graphql/schema-docs.js';
const missing = undescribed(await createSchema());
console.log(missing.join('\n'));
console.error(`${missing.length} undescribed`);
