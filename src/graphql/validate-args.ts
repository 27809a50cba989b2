import { validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import { LRUCache } from 'lru-cache';
import { ArgumentValidationError } from 'type-graphql';
import { declaresConstraints } from '../seams/class-validator.js';
import { noteValidation, TYPEGRAPHQL_VALIDATOR_OPTIONS } from '../seams/type-graphql.js';

// TypeGraphQL's own settings for class-validator, kept: constraints on missing (optional) fields
// are skipped, and an object of an undecorated class is not an error.
const OPTIONS: ValidatorOptions = { ...TYPEGRAPHQL_VALIDATOR_OPTIONS };

// Per input class: whether it (or a class it extends) carries any class-validator constraint.
const constrained = new WeakMap<object, boolean>();

function hasConstraints(value: object): boolean {
  const type = value.constructor;
  let known = constrained.get(type);
  if (known === undefined) constrained.set(type, (known = declaresConstraints(type)));
  return known;
}

// Per input class, argument values that passed its checks (by their JSON): the same field
// arguments are validated once per parent otherwise (75 times for one page of manufacturers with
// their products), and class-validator's checks depend on the values alone.
const passed = new WeakMap<object, LRUCache<string, true>>();

function passedBefore(value: object): { known: boolean; remember: () => void } {
  let cache = passed.get(value.constructor);
  if (!cache) passed.set(value.constructor, (cache = new LRUCache<string, true>({ max: 500 })));
  const key = JSON.stringify(value);
  return { known: cache.has(key), remember: () => cache.set(key, true) };
}

/**
 * The arguments' class-validator checks, as TypeGraphQL runs them by default, without its cost on
 * every resolver call: TypeGraphQL imports class-validator dynamically for each argument it
 * validates (once per parent for a page of manufacturers with their products, module resolution
 * each time), and validates objects of classes that declare no constraint.
 * This one imports it once, skips those objects and values that passed before; failures are the
 * same ArgumentValidationError.
 */
export function validateArguments(value: unknown): Promise<void> {
  const validated = check(value);
  noteValidation(value, validated);
  return validated;
}

async function check(value: unknown): Promise<void> {
  const objects = (Array.isArray(value) ? value : [value]).filter((v): v is object => v !== null && typeof v === 'object' && hasConstraints(v));
  const unchecked = objects
    .map(passedBefore)
    .map((p, i) => ({ ...p, object: objects[i]! }))
    .filter((p) => !p.known);
  if (!unchecked.length) return;
  try {
    await Promise.all(unchecked.map((u) => validateOrReject(u.object, OPTIONS)));
  } catch (errors) {
    throw new ArgumentValidationError(errors as ValidationError[]);
  }
  for (const u of unchecked) u.remember();
}
