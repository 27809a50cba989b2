import { Field, ID, InterfaceType } from 'type-graphql';
import { badInput } from '../errors.js';

/**
 * The GraphQL type of an object of an abstract type (Node, Employee): its class's name, which
 * every object type of the schema shares with its entity (rows reach the entity's prototype).
 */
export const typeNameOf = (value: object): string => value.constructor.name;

/**
 * Relay's global object identification: `id` is opaque (base64url of "<Type>:<key>"),
 * the primary key is exposed separately as `databaseId`.
 */
@InterfaceType('Node', {
  description: 'An object with a globally unique, opaque id.',
  resolveType: typeNameOf,
})
export abstract class Node {
  @Field(() => ID, { name: 'id', description: 'Opaque global id, stable for the lifetime of the object; accepted by node(id:) and inputs.' })
  nodeId!: string;
}

export function toGlobalId(type: string, key: string | number): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

/**
 * Decodes a global id, naming the argument in the error when it is malformed. Accepts the ids this
 * service hands out (unpadded base64url) and the padded standard base64 that graphql-relay's
 * toGlobalId makes (`TWFudWZhY3R1cmVyOjE=`), which clients build ids with.
 */
export function fromGlobalId(id: string, argument = 'id'): { type: string; key: string } {
  const standard = /^[A-Za-z0-9+/]*={0,2}$/.test(id) && /[+/=]/.test(id);
  const decoded = Buffer.from(id, standard ? 'base64' : 'base64url').toString('utf8');
  const sep = decoded.indexOf(':');
  const canonical = sep > 0 ? toGlobalId(decoded.slice(0, sep), decoded.slice(sep + 1)) : '';
  // Re-encoding must give back the id (in either alphabet): nothing else may decode to a valid one.
  const roundTrips = canonical === id || Buffer.from(decoded, 'utf8').toString('base64') === id;
  if (sep <= 0 || sep === decoded.length - 1 || !roundTrips) {
    throw badInput(argument, `Argument "${argument}" is not a valid global id: "${id}"`);
  }
  return { type: decoded.slice(0, sep), key: decoded.slice(sep + 1) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type KeyKind = 'int' | 'uuid';

/** Parses one key part; undefined when it does not have the key's shape. */
export function parseKey(kind: KeyKind, raw: string): number | string | undefined {
  if (kind === 'uuid') return UUID.test(raw) ? raw.toLowerCase() : undefined;
  const n = Number(raw);
  return /^[0-9]+$/.test(raw) && Number.isSafeInteger(n) ? n : undefined;
}

/** The primary key inside a global id of the expected type; errors name the argument. */
export function keyOf(id: string, type: string, kind: KeyKind, argument: string): number | string {
  const decoded = fromGlobalId(id, argument);
  if (decoded.type !== type) throw badInput(argument, `Argument "${argument}" must be the id of a ${type}, got the id of a ${decoded.type}`);
  const key = parseKey(kind, decoded.key);
  if (key === undefined) throw badInput(argument, `Argument "${argument}" is not a valid global id: "${id}"`);
  return key;
}
