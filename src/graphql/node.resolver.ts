import type { EntityMetadata } from '@mikro-orm/core';
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { Arg, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { MAX_PAGE_SIZE } from '../loading/paging/page.js';
import { fromGlobalId, Node, parseKey, type KeyKind } from './node.js';
import { badInput } from '../errors.js';
import { assertMayLookUp } from './read-rules.js';

function keyKind(meta: EntityMetadata, prop: string): KeyKind {
  const p = meta.properties[prop as never] as { type: string; targetMeta?: EntityMetadata } | undefined;
  if (p?.targetMeta) return keyKind(p.targetMeta, p.targetMeta.primaryKeys[0] as string);
  return p?.type === 'uuid' ? 'uuid' : 'int';
}

/** Loads the object behind any global id; null when it does not exist (any more). */
async function resolveNode(ctx: Context, schema: GraphQLSchema, id: string, argument: string): Promise<object | null> {
  const { type, key } = fromGlobalId(id, argument);
  const meta = [...ctx.em.getMetadata().getAll().values()].find((m) => m.className === type && 'nodeId' in m.class.prototype);
  if (!meta) throw badInput(argument, `Argument "${argument}" is not the id of any object type: "${id}"`);
  // Before loading, so that a refused caller cannot tell ids that exist from ids that do not; the
  // object's own type is checked once loaded (guardAbstractFields), whatever name the id carries.
  await assertMayLookUp(ctx, schema, type);
  const parts = meta.primaryKeys.length > 1 ? key.split(':') : [key];
  if (parts.length !== meta.primaryKeys.length) throw badInput(argument, `Argument "${argument}" is not a valid global id: "${id}"`);
  const values = parts.map((raw, i) => parseKey(keyKind(meta, meta.primaryKeys[i] as string), raw));
  if (values.some((v) => v === undefined)) throw badInput(argument, `Argument "${argument}" is not a valid global id: "${id}"`);
  return ctx.loaders.byKey(meta.class, values.length > 1 ? values : values[0]);
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when it does not exist.' })
  node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<object | null> {
    return resolveNode(ctx, info.schema, id, 'id');
  }

  @Query(() => [Node], { nullable: 'items', description: `Objects by global ids, in the same order (null for those that do not exist); at most ${MAX_PAGE_SIZE}.` })
  nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<(object | null)[]> {
    if (ids.length > MAX_PAGE_SIZE) throw badInput('ids', `Argument "ids" takes at most ${MAX_PAGE_SIZE} ids, got ${ids.length}`);
    return Promise.all(ids.map((id, i) => resolveNode(ctx, info.schema, id, `ids[${i}]`)));
  }
}
