import { createRequire } from 'node:module';
import type { GraphQLScalarType } from 'graphql';

// graphql-scalars' CommonJS build: its ESM build imports graphql/index.mjs, a second copy of
// graphql beside the CommonJS one TypeGraphQL and Apollo use, and its GraphQLErrors from that copy
// fail Apollo's instanceof check (a bad date would answer INTERNAL_SERVER_ERROR, not BAD_USER_INPUT).
const scalars = createRequire(import.meta.url)('graphql-scalars') as { GraphQLLocalDate: GraphQLScalarType };

/** A calendar date without a time zone, `YYYY-MM-DD`; impossible dates (2023-02-30) are refused. */
export const LocalDate: GraphQLScalarType = scalars.GraphQLLocalDate;
