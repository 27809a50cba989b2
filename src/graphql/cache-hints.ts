/**
 * How long a public answer may be kept, declared next to the types and fields it reads (each
 * module's `*.cache.ts`), with Apollo's `@cacheControl` semantics: the shortest maxAge of every
 * type and field in an answer wins, and one field that depends on the viewer makes the whole
 * answer private (never kept by a shared cache, nor by the response cache).
 */
export interface CacheHint {
  /** Seconds; absent: no bound of its own (a field inherits its type's and its parent's). */
  readonly maxAge?: number;
  /** The tables its value is read from (a type: its entity's; a field: what it reads beyond its type). */
  readonly tables?: readonly string[];
  /** Its value depends on who asks (`me`, an owner's feed): the answer is never shared. */
  readonly viewer?: true;
}

export interface CacheHints {
  /** By GraphQL type name: a type without a hint makes every answer holding it uncacheable. */
  readonly types?: Readonly<Record<string, CacheHint>>;
  /** By `Type.field`. */
  readonly fields?: Readonly<Record<string, CacheHint>>;
}

/** Several modules' hints as one (a name declared twice is a mistake, refused at start). */
export function mergeHints(...all: CacheHints[]): Required<CacheHints> {
  const types: Record<string, CacheHint> = {};
  const fields: Record<string, CacheHint> = {};
  for (const hints of all) {
    for (const [into, from] of [
      [types, hints.types ?? {}],
      [fields, hints.fields ?? {}],
    ] as const) {
      for (const [name, hint] of Object.entries(from)) {
        if (into[name]) throw new Error(`cache hint declared twice: ${name}`);
        into[name] = hint;
      }
    }
  }
  return { types, fields };
}
