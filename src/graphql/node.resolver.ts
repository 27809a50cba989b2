import type { EntityMetadata } from '@mikro-orm/core';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { MAX_PAGE_SIZE } from './connection.js';
import { fromGlobalId, Node, parseKey, type KeyKind } from './node.js';
import { Role } from '../modules/wiki/user.entity.js';
import { hasRole, signInRequired } from './auth.js';
import { AppError, badInput, ErrorCode } from './errors.js';

function keyKind(meta: EntityMetadata, prop: string): KeyKind {
  const p = meta.properties[prop as never] as { type: string; targetMeta?: EntityMetadata } | undefined;
  if (p?.targetMeta) return keyKind(p.targetMeta, p.targetMeta.primaryKeys[0] as string);
  return p?.type === 'uuid' ? 'uuid' : 'int';
}

/** Types whose objects only editors may read: sales records and reading analytics. */
const EDITORS_ONLY = new Set(['Order', 'OrderItem', 'BlogView', 'BlogSession', 'BlogUser']);
/** Types only signed-in users may look up: staff accounts and employees (anonymous readers see page creators' names only). */
const SIGNED_IN_ONLY = new Set(['User', 'Engineer', 'Manager']);

async function assertMayRead(ctx: Context, type: string): Promise<void> {
  if (!EDITORS_ONLY.has(type) && !SIGNED_IN_ONLY.has(type)) return;
  const viewer = await ctx.viewer();
  if (!viewer) throw signInRequired(`Reading a ${type} needs a signed-in user: send Authorization: Bearer <token> from the login mutation`);
  if (!EDITORS_ONLY.has(type)) return;
  if (!hasRole(viewer.role, Role.EDITOR)) throw new AppError(ErrorCode.FORBIDDEN, `Reading a ${type} needs the editor role`, { requiredRole: Role.EDITOR });
}

/** Loads the object behind any global id; null when it does not exist (any more). */
async function resolveNode(ctx: Context, id: string, argument: string): Promise<object | null> {
  const { type, key } = fromGlobalId(id, argument);
  const meta = [...ctx.em.getMetadata().getAll().values()].find((m) => m.className === type && 'nodeId' in m.class.prototype);
  if (!meta) throw badInput(argument, `Argument "${argument}" is not the id of any object type: "${id}"`);
  await assertMayRead(ctx, type);
  const parts = meta.primaryKeys.length > 1 ? key.split(':') : [key];
  if (parts.length !== meta.primaryKeys.length) throw badInput(argument, `Argument "${argument}" is not a valid global id: "${id}"`);
  const values = parts.map((raw, i) => parseKey(keyKind(meta, meta.primaryKeys[i] as string), raw));
  if (values.some((v) => v === undefined)) throw badInput(argument, `Argument "${argument}" is not a valid global id: "${id}"`);
  return ctx.loaders.byKey(meta.class, values.length > 1 ? values : values[0]);
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when it does not exist.' })
  node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<object | null> {
    return resolveNode(ctx, id, 'id');
  }

  @Query(() => [Node], { nullable: 'items', description: `Objects by global ids, in the same order (null for those that do not exist); at most ${MAX_PAGE_SIZE}.` })
  nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: Context): Promise<(object | null)[]> {
    if (ids.length > MAX_PAGE_SIZE) throw badInput('ids', `Argument "ids" takes at most ${MAX_PAGE_SIZE} ids, got ${ids.length}`);
    return Promise.all(ids.map((id, i) => resolveNode(ctx, id, `ids[${i}]`)));
  }
}
