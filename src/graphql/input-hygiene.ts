import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, visit, type DocumentNode } from 'graphql';
import type { Context } from '../context.js';

// C0 control characters other than tab, line feed and carriage return. PostgreSQL cannot store NUL
// in text at all, and none of them belongs in a name, a title or a search.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this rule's job
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** The path of the first string holding a control character, e.g. `$input.items[0].name`. */
function findInValue(value: unknown, path: string, seen = 0): string | undefined {
  if (seen > 10_000) return undefined;
  if (typeof value === 'string') return CONTROL.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findInValue(value[i], `${path}[${i}]`, seen + i);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = findInValue(inner, `${path}.${key}`, seen + 1);
      if (found) return found;
    }
  }
  return undefined;
}

// Apollo hands the same parsed document to every request with the same text: visit each once.
const documents = new WeakMap<DocumentNode, string | null>();

function findInDocument(document: DocumentNode): string | undefined {
  let known = documents.get(document);
  if (known === undefined) documents.set(document, (known = scanDocument(document) ?? null));
  return known ?? undefined;
}

function scanDocument(document: DocumentNode): string | undefined {
  let found: string | undefined;
  visit(document, {
    StringValue(node) {
      if (!found && CONTROL.test(node.value)) found = node.loc ? `the string at line ${node.loc.startToken.line}, column ${node.loc.startToken.column}` : 'a string';
    },
  });
  return found;
}

/**
 * Refuses control characters in any string a request carries, in its variables or in the
 * document, with BAD_USER_INPUT naming where: before they reach SQL (MikroORM 7 inlines escaped
 * values into the statement text, and PostgreSQL refuses a NUL byte in it).
 */
export function inputHygienePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const inVariables = request.variables ? findInValue(request.variables, '$')?.replace(/^\$\./, '$') : undefined;
          const where = inVariables ?? findInDocument(document);
          if (where) {
            throw new GraphQLError(`Control characters (such as NUL) are not accepted in strings: found one in ${where}`, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
