import type { GraphQLResolveInfo } from 'graphql';
import { Args, Authorized, Ctx, FieldResolver, Info, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { MaybePromise, Read } from '../../loading/read.js';
import { Connection } from '../../graphql/connection.js';
import type { ConnectionShape } from '../../loading/paging/page.js';
import { nested, relation } from '../../loading/definitions.js';
import type { FieldPlans } from '../../loading/definitions.js';
import { ProductsArgs } from '../catalog/catalog.inputs.js';
import { ProductConnection } from '../catalog/product.resolver.js';
import { User } from '../wiki/user.entity.js';
import { Employee } from './employee.entity.js';
import { Engineer } from './engineer.entity.js';
import { Manager } from './manager.entity.js';
import * as connections from './staff.connections.js';
import { EmployeesArgs, ReportsArgs } from './staff.inputs.js';

@ObjectType('EmployeeConnection', { description: 'A page of employees (a Relay connection): nodes or edges, pageInfo, and totalCount across all pages.' })
export class EmployeeConnection extends Connection(Employee, 'Employee') {}

@Resolver(() => Employee)
export class EmployeeResolver {
  @Authorized()
  @Query(() => EmployeeConnection, { description: "RetroFun's staff, each as its concrete type (signed-in users only)." })
  employees(@Args(() => EmployeesArgs) args: EmployeesArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionShape<Read<Employee>>> {
    return ctx.loaders.rootPage(info, connections.employees[args.kind ?? 'ALL'], 'Employee', args);
  }

  @FieldResolver(() => Manager, { nullable: true, description: 'The manager this employee reports to; null for none.' })
  manager(@Root() employee: Read<Employee>, @Ctx() ctx: Context): MaybePromise<Read<Employee> | null> {
    return ctx.loaders.relation(employee, 'manager');
  }

  @FieldResolver(() => User, { nullable: true, description: "The employee's wiki account; null when they have none." })
  user(@Root() employee: Read<Employee>, @Ctx() ctx: Context): MaybePromise<Read<User> | null> {
    return ctx.loaders.relation(employee, 'user');
  }
}

@Resolver(() => Engineer)
export class EngineerResolver {
  @FieldResolver(() => ProductConnection, { description: 'The products this engineer is certified to refurbish, by name.' })
  certifiedProducts(@Root() engineer: Read<Engineer>, @Args(() => ProductsArgs) args: ProductsArgs, @Ctx() ctx: Context): Promise<ConnectionShape<object>> {
    return ctx.loaders.connection(connections.engineerProducts, engineer, args);
  }
}

@Resolver(() => Manager)
export class ManagerResolver {
  @FieldResolver(() => EmployeeConnection, { description: 'The employees who report directly to this manager.' })
  reports(@Root() manager: Read<Manager>, @Args(() => ReportsArgs) args: ReportsArgs, @Ctx() ctx: Context): Promise<ConnectionShape<object>> {
    return ctx.loaders.connection(connections.managerReports, manager, args);
  }
}

/**
 * Employee.manager is preloaded by its own statement, never joined: MikroORM 7.2 hydrates a
 * table-per-type entity joined to another of the same hierarchy with the wrong subtype columns
 * (an Engineer's specialty came back null).
 */
const common = { manager: { ...relation('manager', 'Manager'), joinable: false }, user: relation('user', 'User') };
export const staffPlans: FieldPlans = {
  Employee: common,
  Engineer: { ...common, certifiedProducts: nested(connections.engineerProducts) },
  Manager: { ...common, reports: nested(connections.managerReports) },
};
