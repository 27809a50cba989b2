/**
 * The GraphQL Code Generator setup for RetroFun clients (client preset), to import or to copy
 * whole into a front-end project: it needs nothing but `@graphql-codegen/cli` and
 * `@graphql-codegen/client-preset` (plus `@graphql-typed-document-node/core`, which the generated
 * code imports). Its output compiles under strict `tsc` with `module`/`moduleResolution` NodeNext,
 * Node16 or Bundler, and with `verbatimModuleSyntax`. test/clients/fresh-project.test.ts checks
 * that in a new project outside this repository; docs/clients.md explains each setting.
 *
 * ```ts
 * // codegen.ts of a front-end project
 * import { retrofunCodegenConfig } from './retrofun-codegen.js';
 * export default retrofunCodegenConfig({ schema: 'schema.graphql', documents: 'src/operations.graphql', output: 'src/gql/' });
 * ```
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * RetroFun's custom scalars as TypeScript sees them in JSON, after the specifications that their
 * `@specifiedBy` URLs in schema.graphql name. Both stay strings: parse them where you need to
 * (`new Date(value)` for an instant; a LocalDate is a calendar day, not an instant).
 */
export const retrofunScalars = {
  /** An instant, RFC 3339 `date-time`, answered in UTC with milliseconds: `2007-12-03T10:15:30.000Z` (https://scalars.graphql.org/chillicream/date-time.html). */
  DateTimeISO: 'string',
  /** A calendar date, RFC 3339 `full-date`: `2024-02-29` (https://scalars.graphql.org/chillicream/local-date.html). */
  LocalDate: 'string',
} as const;

export interface RetrofunCodegenOptions {
  /** The schema: the committed schema.graphql, or the service's URL (introspection must be on). */
  schema: string;
  /** The project's operations (`.graphql` files, or sources with `graphql()` calls). */
  documents: string | string[];
  /** The folder to generate into, ending in `/` (the client preset writes several files). */
  output: string;
  /**
   * `string` (the default): documents as typed strings, for `fetch`, urql or graphql-request, and no
   * graphql-js in a bundle. `documentNode`: parsed documents, which Apollo Client needs.
   */
  documentMode?: 'string' | 'documentNode';
  /** The client preset's fragment masking; off by default, so that a query's result type shows every field. */
  fragmentMasking?: boolean;
  /** More client-preset settings (persisted documents, for one), merged over these. */
  presetConfig?: Record<string, unknown>;
  /** More plugin settings, merged over these. */
  config?: Record<string, unknown>;
}

/** A whole codegen config for one output folder with RetroFun's settings. */
export function retrofunCodegenConfig(options: RetrofunCodegenOptions): CodegenConfig {
  return {
    schema: options.schema,
    documents: options.documents,
    generates: {
      [options.output]: {
        preset: 'client',
        presetConfig: { fragmentMasking: options.fragmentMasking ?? false, ...options.presetConfig },
        config: {
          documentMode: options.documentMode ?? 'string',
          // Each custom scalar mapped, and an unmapped one an error rather than `unknown`: a scalar
          // added to the schema later stops the generation until someone decides its type.
          scalars: retrofunScalars,
          strictScalars: true,
          // Relative imports with `.js` (`./graphql.js`): NodeNext and Node16 refuse extensionless
          // ones, Bundler accepts both. emitLegacyCommonJSImports is the older spelling, kept for
          // codegen versions before importExtension.
          emitLegacyCommonJSImports: false,
          importExtension: '.js',
          // `import type` for types, which verbatimModuleSyntax and isolatedModules require.
          useTypeImports: true,
          // Enums as string unions: no runtime objects, and values compare with the JSON as it comes.
          enumsAsTypes: true,
          // Fields the schema may answer null are `T | null` (present), not `T | null | undefined`.
          avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
          ...options.config,
        },
      },
    },
  };
}
