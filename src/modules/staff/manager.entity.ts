import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node.js';
import { Employee } from './employee.entity.js';

/** A manager: a department, and the employees who report to them (Manager.reports, read by Employee.manager). */
@Entity({ tableName: 'managers' })
@ObjectType('Manager', { implements: [Node, Employee], description: 'An employee who runs a department.' })
export class Manager extends Employee {
  @Field(() => String, { description: 'The department the manager runs (e.g. "Workshop", "Sales").' })
  @Property({ type: 'string', length: 64 })
  department!: string;
}
