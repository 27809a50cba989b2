import { buildSchema, findBreakingChanges, findDangerousChanges, NoDeprecatedCustomRule, validate, type GraphQLSchema } from 'graphql';
import type { ReadDocument } from './manifest.js';

export interface SchemaComparison {
  /** Lines to print, errors first. */
  lines: string[];
  /** Documents that no longer validate against the new schema. */
  broken: string[];
  /** Changes graphql-js calls breaking, whether a trusted document uses them or not. */
  breaking: number;
  exitCode: 0 | 1;
}

/** A schema file that is not valid SDL: one line naming which. */
export class SchemaSdlError extends Error {
  override name = 'SchemaSdlError';
}

function schemaOf(sdl: string, which: string): GraphQLSchema {
  try {
    return buildSchema(sdl);
  } catch (error) {
    throw new SchemaSdlError(`the ${which} schema is not valid SDL: ${(error as Error).message.split('\n')[0]}`);
  }
}

/**
 * The released schema against the new one: graphql-js's breaking and dangerous changes, and every
 * trusted document validated against the new schema. A document that no longer validates (a field,
 * argument, type or enum value it uses was removed or changed) fails the comparison, exit 1; a
 * deprecated one it uses is a warning; a breaking change no document uses is listed, and fails
 * only with `strict` (third-party clients may use it: the trusted documents are the known ones).
 */
export function compareSchemas(
  releasedSdl: string,
  currentSdl: string,
  documents: Iterable<Pick<ReadDocument, 'id' | 'name' | 'file' | 'document'>>,
  options: { strict?: boolean } = {},
): SchemaComparison {
  const released = schemaOf(releasedSdl, 'released');
  const current = schemaOf(currentSdl, 'current');
  const errors: string[] = [];
  const warnings: string[] = [];
  const broken: string[] = [];
  for (const d of documents) {
    const { document } = d;
    const label = `document ${d.name} (${d.id}, ${d.file})`;
    const invalid = validate(current, document);
    if (invalid.length) {
      broken.push(d.name);
      for (const e of invalid) errors.push(`error: ${label} breaks: ${e.message}`);
      continue;
    }
    for (const e of validate(current, document, [NoDeprecatedCustomRule])) warnings.push(`warning: ${label} uses a deprecated part of the schema: ${e.message}`);
  }
  const breaking = findBreakingChanges(released, current);
  const dangerous = findDangerousChanges(released, current);
  const lines = [...errors, ...breaking.map((c) => `breaking: ${c.type}: ${c.description}`), ...dangerous.map((c) => `dangerous: ${c.type}: ${c.description}`), ...warnings];
  const fails = broken.length > 0 || (options.strict === true && breaking.length > 0);
  return { lines, broken, breaking: breaking.length, exitCode: fails ? 1 : 0 };
}
