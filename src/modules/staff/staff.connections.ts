import type { FilterQuery } from '@mikro-orm/core';
import { compact, contains, type FilterContext } from '../../loading/filters.js';
import { keyOf } from '../../graphql/node.js';
import { OrderDirection, type OrderSpec } from '../../loading/paging/order.js';
import type { ConnectionDef, NestedConnectionDef } from '../../loading/definitions.js';
import { products } from '../catalog/catalog.connections.js';
import type { Product } from '../catalog/product.entity.js';
import { Employee, EmployeeKind } from './employee.entity.js';
import { Engineer } from './engineer.entity.js';
import { Manager } from './manager.entity.js';
import type { EmployeeFilter } from './staff.inputs.js';

const employeeOrder: OrderSpec<string> = {
  fields: {
    NAME: { path: 'name', keyset: true },
    HIRED_ON: { path: 'hiredOn', keyset: true },
  },
  defaultOrder: [{ field: 'NAME', direction: OrderDirection.ASC }],
  tiebreaker: ['id'],
};

function employeeFilter(f: EmployeeFilter, ctx: FilterContext): FilterQuery<Employee> {
  return compact({
    name: f.nameContains != null ? contains(f.nameContains, ctx) : undefined,
    manager: f.managerId != null ? keyOf(f.managerId, 'Manager', 'int', 'filter.managerId') : undefined,
  }) as FilterQuery<Employee>;
}

/**
 * One definition per kind: querying the subtype's own entity joins just its table, while the
 * base entity loads every employee as its concrete type (MikroORM left-joins the subtype tables).
 */
export const employees: Record<EmployeeKind | 'ALL', ConnectionDef<Employee>> = {
  ALL: { entity: Employee, order: employeeOrder, filter: employeeFilter },
  [EmployeeKind.ENGINEER]: { entity: Engineer, order: employeeOrder, filter: employeeFilter } as ConnectionDef<Employee>,
  [EmployeeKind.MANAGER]: { entity: Manager, order: employeeOrder, filter: employeeFilter } as ConnectionDef<Employee>,
};

export const managerReports: NestedConnectionDef<Employee> = { ...employees.ALL, name: 'Manager.reports', partitionBy: 'manager', nodeType: 'Employee' };

/** An engineer's certifications, read through engineers_products like Country.products. */
export const engineerProducts: NestedConnectionDef<Product> = {
  ...products,
  name: 'Engineer.certifiedProducts',
  partitionBy: 'engineer',
  via: 'product',
  nodeType: 'Product',
};
