import { badInput } from '../../errors.js';
import { memoCounter, type Counter } from '../counting.js';
import { decodeCursor, keysetCursor, offsetCursor } from './cursor.js';
import { toOrderBy, type ResolvedOrder, type SortKey } from './order.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Where a page lies (the GraphQL PageInfo type's fields). */
export interface PageInfoShape {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** The paging arguments every connection takes (the GraphQL PageArgs). */
export interface PageArgsInput {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  /** totalCount under a count policy (counting.ts): counted when first asked for, once per policy. */
  count: Counter;
  nodes: T[];
  edges: Edge<T>[];
  pageInfo: PageInfoShape;
}

/** A validated page request: which slice of the ordered items to read. */
export interface PageRequest {
  order: ResolvedOrder;
  backward: boolean;
  size: number;
  after?: { values?: unknown[]; position?: number };
  before?: { values?: unknown[]; position?: number };
  /** Page numbers: skip this many items (with `first`), whatever the order. */
  offset?: number;
}

/** Deepest offset accepted: further pages are better reached with cursors. */
export const MAX_OFFSET = 100_000;

function checkSize(value: number | null | undefined, argument: string): void {
  if (value == null) return;
  if (value < 0) throw badInput(argument, `Argument "${argument}" must not be negative, got ${value}`);
  if (value > MAX_PAGE_SIZE) {
    throw badInput(argument, `Argument "${argument}" must be at most ${MAX_PAGE_SIZE}, got ${value}: page with "after"/"before" for more`);
  }
}

export function pageRequest(args: PageArgsInput & { offset?: number | null }, order: ResolvedOrder): PageRequest {
  checkSize(args.first, 'first');
  if (args.offset != null) {
    if (args.offset < 0 || args.offset > MAX_OFFSET) throw badInput('offset', `Argument "offset" must be from 0 to ${MAX_OFFSET}, got ${args.offset}: page further with "after"`);
    if (args.after != null || args.before != null || args.last != null) throw badInput('offset', 'Pass "offset" with "first" only, not with "after", "before" or "last"');
    return { order, backward: false, size: args.first ?? DEFAULT_PAGE_SIZE, offset: args.offset };
  }
  checkSize(args.last, 'last');
  if (args.first != null && args.last != null) throw badInput('last', 'Pass either "first" or "last", not both');
  const backward = args.last != null;
  const req: PageRequest = { order, backward, size: (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE };
  for (const argument of ['after', 'before'] as const) {
    const raw = args[argument];
    if (raw == null) continue;
    const cursor = decodeCursor(order, raw, argument);
    req[argument] = cursor.kind === 'keyset' ? { values: cursor.values } : { position: cursor.position };
  }
  if (!order.keyset && backward && req.before === undefined) {
    throw badInput('last', 'Argument "last" needs "before" with this order (it sorts on a nullable or computed field); use "first", or order by a stored field');
  }
  return req;
}

type Where = Record<string, unknown>;

function nest(path: string, condition: unknown): Where {
  return path
    .split('.')
    .reverse()
    .reduce<unknown>((inner, part) => ({ [part]: inner }), condition) as Where;
}

/** Rows strictly after (or before) the cursor's values in the order: (a > x) or (a = x and b > y) ... */
function keysetCondition(keys: SortKey[], values: unknown[], side: 'after' | 'before'): Where {
  const branches = keys.map((key, i) => {
    const op = key.desc === (side === 'after') ? '$lt' : '$gt';
    const equal = keys.slice(0, i).map((k, j) => nest(k.path, values[j]));
    return { $and: [...equal, nest(key.path, { [op]: values[i] })] };
  });
  return { $or: branches };
}

export interface PageQuery {
  where: Where[];
  orderBy: Record<string, unknown>[];
  limit: number;
  offset: number;
  /** Positional `last`: the first row read lies just before the page, to tell hasPreviousPage. */
  probeBefore: boolean;
}

/** Where conditions, order, limit and offset that read one page (plus one row to detect more). */
export function pageQuery(req: PageRequest): PageQuery {
  const where: Where[] = [];
  for (const side of ['after', 'before'] as const) {
    const values = req[side]?.values;
    if (values) where.push(keysetCondition(req.order.keys, values, side));
  }
  if (req.offset !== undefined) {
    return { where, orderBy: toOrderBy(req.order.keys), limit: req.size + 1, offset: req.offset, probeBefore: false };
  }
  if (req.order.keyset) {
    return { where, orderBy: toOrderBy(req.order.keys, req.backward), limit: req.size + 1, offset: 0, probeBefore: false };
  }
  const orderBy = toOrderBy(req.order.keys);
  const start = req.after?.position !== undefined ? req.after.position + 1 : 0;
  const end = req.before?.position;
  if (req.backward && end !== undefined) {
    const from = Math.max(start, end - req.size);
    const probeBefore = from > start;
    return { where, orderBy, limit: Math.max(0, end - from) + (probeBefore ? 1 : 0), offset: probeBefore ? from - 1 : from, probeBefore };
  }
  const limit = end !== undefined ? Math.min(req.size + 1, Math.max(0, end - start)) : req.size + 1;
  return { where, orderBy, limit, offset: start, probeBefore: false };
}

/** Turns the rows read by pageQuery() into a page: trims the probe row, orders, builds cursors. */
export function toPage<T extends object>(req: PageRequest, q: PageQuery, rows: T[], counter: Counter): ConnectionShape<T> {
  let items: T[];
  let hasNextPage: boolean;
  let hasPreviousPage: boolean;
  let firstPosition = q.offset;
  if (req.offset !== undefined) {
    items = rows.slice(0, req.size);
    hasNextPage = rows.length > req.size;
    hasPreviousPage = req.offset > 0;
  } else if (req.order.keyset) {
    const more = rows.length > req.size;
    items = rows.slice(0, req.size);
    if (req.backward) items.reverse();
    hasNextPage = req.backward ? req.before !== undefined : more;
    hasPreviousPage = req.backward ? more : req.after !== undefined;
  } else if (req.backward) {
    const probed = q.probeBefore && rows.length > 0;
    items = probed ? rows.slice(1) : rows;
    firstPosition = q.offset + (probed ? 1 : 0);
    hasPreviousPage = probed || req.after !== undefined;
    hasNextPage = true;
  } else {
    items = rows.slice(0, req.size);
    hasNextPage = rows.length > req.size;
    hasPreviousPage = q.offset > 0;
  }
  // Cursors are encoded only when read: a client that selects `nodes` pays for none.
  const cursorAt = (i: number) => (req.order.keyset ? keysetCursor(req.order, items[i]!) : offsetCursor(req.order, firstPosition + i));
  let edges: { node: T; cursor: string }[] | undefined;
  return {
    // Counted only when a client selects totalCount.
    count: memoCounter(counter),
    nodes: items,
    get edges() {
      return (edges ??= items.map((node, i) => ({ node, cursor: cursorAt(i) })));
    },
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      get startCursor() {
        return items.length ? cursorAt(0) : null;
      },
      get endCursor() {
        return items.length ? cursorAt(items.length - 1) : null;
      },
    },
  };
}
