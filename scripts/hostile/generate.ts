/**
 * A seeded generator of hostile GraphQL requests, driven by the schema itself: random fields at
 * random depth with random aliases, fragments and directives, and arguments drawn from values that
 * have broken GraphQL servers before (huge and negative page sizes, NUL bytes, SQL, forged ids and
 * cursors, deep fragment chains, cycles).
 */
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

export type Random = () => number;

/** mulberry32: small, fast and the same everywhere, so a failing seed can be replayed. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

const NASTY_STRINGS = [
  '',
  ' ',
  'Amiga',
  "'; drop table products; --",
  '" or 1=1 --',
  '%',
  '_',
  '\\',
  'Ami\u0000ga',
  '\u0007bell',
  '🙂 emoji',
  'ä'.repeat(300),
  'x'.repeat(5000),
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as plain text
  '${7*7}',
  '../../etc/passwd',
  'NaN',
  '-1',
  '1e309',
  'null',
  'undefined',
  '\ud800',
];
const NASTY_INTS = [0, 1, 2, 20, 100, 101, 1000, 1001, -1, -2147483648, 2147483647, 3];
const b64 = (s: string) => Buffer.from(s).toString('base64url');
const NASTY_IDS = [
  '',
  'x',
  'UHJvZHVjdDox',
  b64('Product:1'),
  b64('Product:999999'),
  b64('Order:not-a-uuid'),
  b64('User:1'),
  b64('Nope:1'),
  b64('Product:1e9'),
  b64('Product:-1'),
  b64('OrderItem:1:2'),
  'TWFudWZhY3R1cmVyOjE=',
  b64('BlogView:1'),
  b64("Customer:' or 1=1"),
];
const NASTY_CURSORS = ['AAAA', b64('[]'), b64('["x","k",1]'), b64('["x","o",-1]'), b64('{"a":1}'), b64('["sig","k",{"$gt":""},1]'), 'not base64 !!!'];

function inputValue(r: Random, type: GraphQLInputType, depth: number, name: string): string {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const n = pick(r, [0, 1, 2, 3, 50]);
    return `[${Array.from({ length: n }, () => inputValue(r, nullable.ofType, depth + 1, name)).join(', ')}]`;
  }
  const named = getNamedType(type);
  if (isEnumType(named)) return r() < 0.05 ? 'NOT_A_VALUE' : pick(r, named.getValues()).name;
  if (isInputObjectType(named)) {
    if (depth > 3) return '{}';
    const fields = Object.values(named.getFields()).filter((f) => isNonNullType(f.type) || r() < 0.4);
    return `{ ${fields.map((f) => `${f.name}: ${inputValue(r, f.type, depth + 1, f.name)}`).join(', ')} }`;
  }
  if (isScalarType(named)) {
    if (/after|before|cursor/i.test(name)) return JSON.stringify(pick(r, NASTY_CURSORS));
    switch (named.name) {
      case 'Int':
        return String(pick(r, NASTY_INTS));
      case 'Float':
        return pick(r, ['0', '-1', '1.5', '1e308', '3.14159']);
      case 'Boolean':
        return pick(r, ['true', 'false']);
      case 'ID':
        return JSON.stringify(pick(r, NASTY_IDS));
      case 'DateTimeISO':
        return JSON.stringify(pick(r, ['2022-01-01T00:00:00Z', 'yesterday', '0000-00-00T00:00:00Z', '2022-13-45T99:99:99Z', '']));
      default:
        return JSON.stringify(pick(r, NASTY_STRINGS));
    }
  }
  return 'null';
}

function args(r: Random, field: GraphQLField<unknown, unknown>): string {
  const chosen = field.args.filter((a) => isNonNullType(a.type) || r() < 0.5);
  return chosen.length ? `(${chosen.map((a) => `${a.name}: ${inputValue(r, a.type, 0, a.name)}`).join(', ')})` : '';
}

function selection(r: Random, schema: GraphQLSchema, type: GraphQLNamedType, depth: number, budget: { fields: number }): string {
  if (isLeafType(type)) return '';
  const candidates = isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : [];
  const parts: string[] = ['__typename'];
  const count = 1 + Math.floor(r() * 4);
  for (let i = 0; i < count && budget.fields > 0 && candidates.length; i++) {
    budget.fields--;
    const field = pick(r, candidates);
    const named = getNamedType(field.type);
    const alias = r() < 0.2 ? `a${Math.floor(r() * 1000)}: ` : '';
    const directive = r() < 0.05 ? ` @include(if: ${r() < 0.5})` : r() < 0.02 ? ' @skip(if: false) @skip(if: true)' : '';
    if (isLeafType(named)) parts.push(`${alias}${field.name}${args(r, field)}${directive}`);
    else if (depth < 7) parts.push(`${alias}${field.name}${args(r, field)}${directive} { ${selection(r, schema, named, depth + 1, budget)} }`);
  }
  return parts.join(' ');
}

/** One random operation document against the schema. */
export function randomOperation(r: Random, schema: GraphQLSchema): string {
  const root = r() < 0.15 ? schema.getMutationType()! : schema.getQueryType()!;
  const body = selection(r, schema, root, 0, { fields: 30 });
  return `${root === schema.getMutationType() ? 'mutation' : 'query'} Fuzz { ${body} }`;
}

/** Documents that attack the parser and validator rather than the data. */
export function structuralAttack(r: Random): string {
  const n = 10 + Math.floor(r() * 30);
  switch (Math.floor(r() * 7)) {
    case 0:
      return `query Chain { ...F0 } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F${n} on Query { __typename }`;
    case 1:
      return `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`;
    case 2:
      return `{ ...Missing${n} }`;
    case 3:
      return `{ ${Array.from({ length: n * 20 }, (_, i) => `a${i}: products(first: 100) { nodes { reviews(first: 100) { nodes { rating } } } }`).join(' ')} }`;
    case 4:
      return `{ ${'products(first: 100) { nodes { manufacturer { products(first: 100) { nodes { '.repeat(n)}name${' } } } }'.repeat(n)} }`;
    case 5:
      return `{ __typename ${'@include(if: true) '.repeat(n * 10)} }`;
    default:
      return `{ reviewStats(groupBy: [CUSTOMER, PRODUCT, RATING], first: 1000) { key { product { countries { products(first: 100) { nodes { countries { products(first: 100) { totalCount nodes { name } } } } } } } } } }`;
  }
}
