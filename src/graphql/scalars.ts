import { createRequire } from 'node:module';
import { GraphQLScalarType } from 'graphql';

// graphql-scalars' CommonJS build: its ESM build imports graphql/index.mjs, a second copy of
// graphql beside the CommonJS one TypeGraphQL and Apollo use, and its GraphQLErrors from that copy
// fail Apollo's instanceof check (a bad date would answer INTERNAL_SERVER_ERROR, not BAD_USER_INPUT).
const scalars = createRequire(import.meta.url)('graphql-scalars') as {
  GraphQLLocalDate: GraphQLScalarType;
  GraphQLDateTimeISO: GraphQLScalarType;
};

/**
 * The specifications the custom scalars follow, printed as `@specifiedBy(url:)` in schema.graphql
 * so that tools and client teams know their exact format (GraphQL's scalar registry, scalars.graphql.org).
 */
export const SCALAR_SPECIFICATIONS = {
  /** RFC 3339 `date-time` with an offset; this service answers in UTC with milliseconds (`2007-12-03T10:15:30.000Z`). */
  DateTimeISO: 'https://scalars.graphql.org/chillicream/date-time.html',
  /** RFC 3339 `full-date`, `YYYY-MM-DD`; impossible dates are refused. */
  LocalDate: 'https://scalars.graphql.org/chillicream/local-date.html',
} as const;

/** An instant: accepts RFC 3339 date-times with any offset, answers them in UTC as ISO 8601 strings. */
export const DateTimeISO: GraphQLScalarType = new GraphQLScalarType({
  ...scalars.GraphQLDateTimeISO.toConfig(),
  specifiedByURL: SCALAR_SPECIFICATIONS.DateTimeISO,
});

/** A calendar date without a time zone, `YYYY-MM-DD`; impossible dates (2023-02-30) are refused. */
export const LocalDate: GraphQLScalarType = new GraphQLScalarType({
  ...scalars.GraphQLLocalDate.toConfig(),
  specifiedByURL: SCALAR_SPECIFICATIONS.LocalDate,
});
