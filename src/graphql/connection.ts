import { Arg, ArgsType, Ctx, Field, Int, ObjectType, Root, type ClassType } from 'type-graphql';
import type { Context } from '../context.js';
import type { CountMode } from '../loading/counting.js';
import { DEFAULT_PAGE_SIZE, MAX_OFFSET, MAX_PAGE_SIZE, type ConnectionShape, type Edge } from '../loading/paging/page.js';
import { COUNT_MODE_ARGUMENT, CountModeEnum, countOf } from './count-fields.js';

@ObjectType('PageInfo', { description: 'Relay page information.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether items follow this page (pass endCursor as after to read them).' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether items precede this page (pass startCursor as before, with last, to read them).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page; null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page; null when the page is empty.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Returns the first n items (${DEFAULT_PAGE_SIZE} when neither first nor last is given, at most ${MAX_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Returns the items after this cursor.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Returns the last n items (at most ${MAX_PAGE_SIZE}).` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Returns the items before this cursor.' })
  before?: string | null;
}

// Formatted once: each toLocaleString call builds a number format, tens of milliseconds at start.
const MAX_OFFSET_TEXT = MAX_OFFSET.toLocaleString('en-US');

/**
 * The description of a root connection's `offset` (page numbers): what it skips, its bound, and
 * which orders skip at first-page cost (deep-page.ts) and which read every skipped row.
 */
export function offsetDescription(items: string, cost: string): string {
  return `Skips this many ${items} (with first; not with after, before or last): page n of size s is offset (n - 1) × s. At most ${MAX_OFFSET_TEXT}. ${cost} Cursors (after) are the fast way at any depth.`;
}

/** Declares `<Name>Connection` and `<Name>Edge` for a node type (TypeGraphQL generic types). */
export function Connection<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `An edge to a ${name}.` })
  class EdgeType {
    @Field(() => String, { description: 'Opaque cursor of this edge, for after/before.' })
    cursor!: string;

    @Field(() => node, { description: `The ${name}.` })
    node!: T;
  }

  // Never reachable itself, so never emitted: only its named subclasses are. Its values are
  // ConnectionShapes (loading/paging/page.ts); the count fields read them through countOf, with
  // resolvers set directly on the schema (directCountFields) rather than on a copy of the page.
  @ObjectType()
  abstract class ConnectionType {
    @Field(() => Int, {
      description:
        "Number of items matching the filter, across all pages, counted as `mode` says: exact up to the server's cap (COUNT_CAP, 10,000 by default); beyond it, in CAPPED mode, the cap itself (a lower bound), in ESTIMATED mode an estimate (see totalCountIsExact).",
    })
    totalCount(
      @Root() page: ConnectionShape<object>,
      @Arg('mode', () => CountModeEnum, { nullable: true, description: COUNT_MODE_ARGUMENT }) mode: CountMode | null,
      @Ctx() ctx: Context,
    ): Promise<number> {
      return countOf(page, mode, ctx).then((c) => c.value);
    }

    @Field(() => Boolean, { description: 'Whether totalCount (with the same mode) is the exact number of items: false when it is the cap or an estimate.' })
    totalCountIsExact(
      @Root() page: ConnectionShape<object>,
      @Arg('mode', () => CountModeEnum, { nullable: true, description: COUNT_MODE_ARGUMENT }) mode: CountMode | null,
      @Ctx() ctx: Context,
    ): Promise<boolean> {
      return countOf(page, mode, ctx).then((c) => c.exact);
    }

    @Field(() => [node], { description: `The ${name} items of this page, in order (edges without their cursors).` })
    nodes!: T[];

    @Field(() => [EdgeType], { description: 'The items of this page with a cursor each, in order.' })
    edges!: Edge<T>[];

    @Field(() => PageInfo, { description: 'Where this page lies: cursors and whether there is more on either side.' })
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}
