import { retrofunCodegenConfig } from './client/codegen-config.js';

/**
 * npm run codegen: typed documents for the example operations and the orders page, from the
 * committed schema.graphql (no running server needed), with the settings client teams get from
 * client/codegen-config.ts. CI runs it with --check. Money (price, total, unitPrice, revenue) is a
 * Float holding a decimal with two places, so a number.
 */
export default retrofunCodegenConfig({
  schema: 'schema.graphql',
  documents: ['operations/**/*.graphql', 'client/orders/**/*.graphql', 'client/live/**/*.graphql'],
  output: 'client/generated/',
  // Also client/generated/persisted-documents.json: each document's id (`sha256:<hex>` of its
  // text) to its text, the manifest the service trusts (docs/clients.md).
  presetConfig: { persistedDocuments: true },
});
