import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType('PageInfo', { description: 'Relay page information.' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class ForwardPageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, ${DEFAULT_PAGE_SIZE} by default, at most ${MAX_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor.' })
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  totalCount: number;
  nodes: T[];
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** Declares `<Name>Connection` and `<Name>Edge` for a node type (TypeGraphQL generic types). */
export function Connection<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  // Never reachable itself, so never emitted: only its named subclasses are.
  @ObjectType()
  abstract class ConnectionType implements ConnectionShape<T> {
    @Field(() => Int, { description: 'Number of items matching, across all pages.' })
    totalCount!: number;

    @Field(() => [node])
    nodes!: T[];

    @Field(() => [EdgeType])
    edges!: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}

const OFFSET_PREFIX = 'offset:';

/** Validates `first`/`after` into an offset window; errors name the argument. */
export function forwardWindow(args: ForwardPageArgs): { limit: number; offset: number } {
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  if (limit < 0) throw badInput('first', `Argument "first" must not be negative, got ${limit}`);
  if (limit > MAX_PAGE_SIZE) {
    throw badInput('first', `Argument "first" must be at most ${MAX_PAGE_SIZE}, got ${limit}: request further pages with "after"`);
  }
  let offset = 0;
  if (args.after != null) {
    const decoded = Buffer.from(args.after, 'base64url').toString('utf8');
    const value = decoded.startsWith(OFFSET_PREFIX) ? Number(decoded.slice(OFFSET_PREFIX.length)) : NaN;
    if (!Number.isInteger(value) || value < 0) throw badInput('after', `Argument "after" is not a cursor of this connection`);
    offset = value + 1;
  }
  return { limit, offset };
}

function offsetCursor(position: number): string {
  return Buffer.from(`${OFFSET_PREFIX}${position}`, 'utf8').toString('base64url');
}

/** Builds the connection object for one page fetched at `offset`. */
export function toConnection<T>(items: T[], totalCount: number, offset: number): ConnectionShape<T> {
  const edges = items.map((node, i) => ({ node, cursor: offsetCursor(offset + i) }));
  return {
    totalCount,
    nodes: items,
    edges,
    pageInfo: {
      hasNextPage: offset + items.length < totalCount,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
