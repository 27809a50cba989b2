import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, OneToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { LocalDate as GraphQLLocalDate } from '../../graphql/scalars.js';
import { Field, Int, InterfaceType, registerEnumType } from 'type-graphql';
import { Node, toGlobalId, typeNameOf } from '../../graphql/node.js';
import { User } from '../wiki/user.entity.js';

export enum EmployeeKind {
  ENGINEER = 'ENGINEER',
  MANAGER = 'MANAGER',
}
registerEnumType(EmployeeKind, {
  name: 'EmployeeKind',
  description: 'The kinds of staff.',
  valuesConfig: { ENGINEER: { description: 'Engineers, who refurbish machines.' }, MANAGER: { description: 'Managers, who run departments.' } },
});

/**
 * A member of RetroFun's staff (the notes' Employee), mapped with MikroORM's table-per-type
 * inheritance: `employees` holds what every employee has, `engineers` and `managers` hold what
 * only they have, each keyed by the employee's id. Joined tables rather than one wide table,
 * because the subtypes share little (a specialty and certifications against a department and
 * reports), and each subtype's columns can then be NOT NULL and its links real foreign keys.
 * Every employee is an engineer or a manager; a new kind of staff is a new subtype table.
 */
@Entity({ tableName: 'employees', inheritance: 'tpt' })
@InterfaceType('Employee', {
  implements: Node,
  resolveType: typeNameOf,
  description: "A member of RetroFun's staff: an Engineer or a Manager. Readable by signed-in users.",
})
export class Employee implements Node {
  @Field(() => Int, { name: 'databaseId', description: "Primary key, shared by the employee's Engineer or Manager row." })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  get nodeId(): Opt<string> {
    return toGlobalId(this.constructor.name, this.id);
  }

  @Field(() => String, { description: 'Full name.' })
  @Property({ type: 'string', length: 64, index: true })
  name!: string;

  /** A calendar date, read and written as YYYY-MM-DD (MikroORM maps `date` columns to strings). */
  @Field(() => GraphQLLocalDate, { description: 'The day the employee joined RetroFun.' })
  @Property({ type: 'date', index: true })
  hiredOn!: string;

  /**
   * The manager this employee reports to; a manager who leaves leaves their reports unassigned.
   * It references employees rather than managers: the subtype modules import this one, so this
   * one cannot import them back; the writes accept only a Manager's id.
   */
  @ManyToOne({ entity: () => Employee, nullable: true, deleteRule: 'set null', updateRule: 'cascade', index: true })
  manager: Employee | null = null;

  /** The employee's wiki account, if they have one; deleting the account keeps the employee. */
  @OneToOne({ entity: () => User, nullable: true, owner: true, unique: true, deleteRule: 'set null', updateRule: 'cascade' })
  user: User | null = null;
}
