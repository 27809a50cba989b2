import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * npm run codegen: typed documents for the example operations and the orders page, from the
 * committed schema.graphql (no running server needed). CI runs it with --check.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['operations/**/*.graphql', 'client/orders/**/*.graphql'],
  generates: {
    'client/generated/': {
      preset: 'client',
      // Documents as typed strings: any client sends them as they are, and the browser bundle needs no graphql-js.
      // persistedDocuments: also client/generated/persisted-documents.json, each document's id
      // (`sha256:<hex>` of its text) to its text, the manifest the service trusts (docs/clients.md).
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      config: {
        documentMode: 'string',
        // DateTimeISO travels as an ISO 8601 string, LocalDate as YYYY-MM-DD; money (price, total, unitPrice, revenue) is a
        // Float holding a decimal with two places, so a number.
        scalars: { DateTimeISO: 'string', LocalDate: 'string' },
        strictScalars: true,
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
    },
  },
};

export default config;
