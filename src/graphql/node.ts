import { Field, ID, InterfaceType } from 'type-graphql';
import { badInput } from './errors.js';

/**
 * Relay's global object identification: `id` is opaque (base64 of "<Type>:<key>"),
 * the primary key is exposed separately as `databaseId`.
 */
@InterfaceType('Node', {
  description: 'An object with a globally unique, opaque id.',
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  @Field(() => ID, { name: 'id', description: 'Opaque global id, stable for the lifetime of the object.' })
  nodeId!: string;
}

export function toGlobalId(type: string, key: string | number): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

/** Decodes a global id, naming the argument in the error when it is malformed. */
export function fromGlobalId(id: string, argument = 'id'): { type: string; key: string } {
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const sep = decoded.indexOf(':');
  if (sep <= 0 || sep === decoded.length - 1 || toGlobalId(decoded.slice(0, sep), decoded.slice(sep + 1)) !== id) {
    throw badInput(argument, `Argument "${argument}" is not a valid global id: "${id}"`);
  }
  return { type: decoded.slice(0, sep), key: decoded.slice(sep + 1) };
}
