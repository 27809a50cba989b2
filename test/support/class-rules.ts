import { Authorized, Ctx, Field, FieldResolver, ObjectType, Resolver, Root, UseMiddleware, type MiddlewareFn } from 'type-graphql';
import type { Context } from '../../src/context.js';
import { Product } from '../../src/modules/catalog/product.entity.js';
import { Role } from '../../src/modules/wiki/user.entity.js';

/**
 * Test-only resolvers whose rules sit on the class, not on the member: the fast paths
 * (src/graphql/fast-fields.ts) must leave their fields to TypeGraphQL, which applies them.
 * Added to a service with startTestApp(..., { extraResolvers: CLASS_RULE_RESOLVERS }).
 */

/** How many times the class-level middleware ran. */
export const audit = { calls: 0 };
const countCalls: MiddlewareFn<Context> = async (_data, next) => {
  audit.calls++;
  return next();
};

@Authorized(Role.ADMIN)
@ObjectType('TestAuditNote', { description: 'Test only: an object type whose every field needs the admin role.' })
export class TestAuditNote {
  @Field(() => String, { nullable: true, description: 'Test only: a plain property under a class-level role.' })
  text!: string;
}

@Authorized(Role.EDITOR)
@Resolver(() => Product)
export class TestProductSecretsResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Test only: a (root, context) method under a class-level role.' })
  secretNote(@Root() product: Product, @Ctx() _ctx: Context): string {
    return `secret of ${product.name}`;
  }
}

@UseMiddleware(countCalls)
@Resolver(() => Product)
export class TestProductAuditResolver {
  @FieldResolver(() => String, { description: 'Test only: a (root, context) method under a class-level middleware.' })
  auditedName(@Root() product: Product, @Ctx() _ctx: Context): string {
    return product.name;
  }

  @FieldResolver(() => TestAuditNote, { description: 'Test only: leads to an object type with a class-level role.' })
  auditNote(@Root() product: Product, @Ctx() _ctx: Context): TestAuditNote {
    return Object.assign(new TestAuditNote(), { text: product.name });
  }
}

export const CLASS_RULE_RESOLVERS: readonly Function[] = [TestProductSecretsResolver, TestProductAuditResolver];
