import type { StrategyHeaderPolicy } from '../config.js';
import type { Context } from '../context.js';
import { hasRole } from './auth.js';
import { Role } from '../modules/wiki/user.entity.js';
import { createReadStrategy } from '../loading/strategies/index.js';
import type { LoadingStrategy } from '../loading/strategy.js';

/**
 * Honours a request's `x-loading-strategy` only for those the policy trusts with it: anyone
 * (`all`, the development default: it is a teaching tool), signed-in editors and admins (`staff`,
 * the production default: a lazy strategy multiplies the statements a request costs), or nobody
 * (`off`). A request that may not choose keeps the server's default; `extensions.sql.strategy`
 * says which one ran. For `staff`, the role is the one in the database now (the same statement
 * role checks use, so it costs nothing more to requests that are checked anyway).
 */
export async function applyRequestedStrategy(ctx: Context, policy: StrategyHeaderPolicy, requested: LoadingStrategy | undefined): Promise<void> {
  if (requested === undefined || requested === ctx.loaders.name || policy === 'off') return;
  if (policy === 'staff') {
    if (!ctx.auth || !hasRole(ctx.auth.role, Role.EDITOR)) return;
    const viewer = await ctx.account();
    if (!viewer || !hasRole(viewer.role, Role.EDITOR)) return;
  }
  ctx.loaders = createReadStrategy(requested, ctx.em, ctx.plans, ctx.loaders.counts);
}
