import { MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection.js';
import { orderInput } from '../../graphql/ordering.js';
import { EmployeeKind } from './employee.entity.js';

export enum EmployeeOrderField {
  NAME = 'NAME',
  HIRED_ON = 'HIRED_ON',
}
registerEnumType(EmployeeOrderField, {
  name: 'EmployeeOrderField',
  description: 'What employees can be sorted by.',
  valuesConfig: { NAME: { description: 'Full name, alphabetically.' }, HIRED_ON: { description: 'Day of hiring.' } },
});

export const EmployeeOrder = orderInput(EmployeeOrderField, 'EmployeeOrder');
export type EmployeeOrder = InstanceType<typeof EmployeeOrder>;

@InputType('EmployeeFilter', { description: 'All given conditions must hold.' })
export class EmployeeFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name.' })
  @MaxLength(64)
  nameContains?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only the direct reports of this manager.' })
  managerId?: string | null;
}

@ArgsType()
export class EmployeesArgs extends PageArgs {
  @Field(() => EmployeeKind, { nullable: true, description: 'Only engineers or only managers; all staff when omitted.' })
  kind?: EmployeeKind | null;

  @Field(() => [EmployeeOrder], { nullable: true, description: 'Sort keys, most significant first; default NAME ASC.' })
  orderBy?: EmployeeOrder[] | null;

  @Field(() => EmployeeFilter, { nullable: true, description: 'Conditions on the employees.' })
  @ValidateNested()
  filter?: EmployeeFilter | null;
}

@ArgsType()
export class ReportsArgs extends PageArgs {
  @Field(() => [EmployeeOrder], { nullable: true, description: 'Sort keys, most significant first; default NAME ASC.' })
  orderBy?: EmployeeOrder[] | null;
}
