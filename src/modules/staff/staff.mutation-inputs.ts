import { ArrayMaxSize, Length } from 'class-validator';
import { LocalDate as GraphQLLocalDate } from '../../graphql/scalars.js';
import { Field, ID, InputType } from 'type-graphql';

/** What every kind of employee is created with. */
// Never a field's type itself, so never emitted: only its subclasses are.
@InputType()
class NewEmployeeFields {
  @Field(() => String, { description: 'Full name (1 to 64 characters).' })
  @Length(1, 64)
  name!: string;

  @Field(() => GraphQLLocalDate, { description: 'The day of hiring.' })
  hiredOn!: string;

  @Field(() => ID, { nullable: true, description: 'Global id of the Manager to report to.' })
  managerId?: string | null;

  @Field(() => ID, { nullable: true, description: "Global id of the employee's wiki User account (at most one employee per account)." })
  userId?: string | null;
}

/** What every kind of employee can change; an omitted field is kept, null clears a link. */
@InputType()
class EmployeeChanges {
  @Field(() => String, { nullable: true, description: 'New full name.' })
  @Length(1, 64)
  name?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'New day of hiring.' })
  hiredOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'Global id of the new Manager to report to; null for none, omitted to keep.' })
  managerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Global id of the wiki User account to link; null to unlink, omitted to keep.' })
  userId?: string | null;
}

@InputType('CreateEngineerInput', { description: 'A new engineer.' })
export class CreateEngineerInput extends NewEmployeeFields {
  @Field(() => String, { description: 'What the engineer refurbishes best (1 to 64 characters).' })
  @Length(1, 64)
  specialty!: string;

  @Field(() => [ID], { nullable: true, description: 'Global ids of the products the engineer is certified on (at most 100).' })
  @ArrayMaxSize(100)
  certifiedProductIds?: string[] | null;
}

@InputType('UpdateEngineerInput', { description: 'Changes to an engineer; omitted fields are kept.' })
export class UpdateEngineerInput extends EmployeeChanges {
  @Field(() => ID, { description: 'Global id of the Engineer to change.' })
  employeeId!: string;

  @Field(() => String, { nullable: true, description: 'New specialty.' })
  @Length(1, 64)
  specialty?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The complete new list of certified products (replaces the old one; at most 100).' })
  @ArrayMaxSize(100)
  certifiedProductIds?: string[] | null;
}

@InputType('CreateManagerInput', { description: 'A new manager.' })
export class CreateManagerInput extends NewEmployeeFields {
  @Field(() => String, { description: 'The department the manager runs (1 to 64 characters).' })
  @Length(1, 64)
  department!: string;
}

@InputType('UpdateManagerInput', { description: 'Changes to a manager; omitted fields are kept.' })
export class UpdateManagerInput extends EmployeeChanges {
  @Field(() => ID, { description: 'Global id of the Manager to change.' })
  employeeId!: string;

  @Field(() => String, { nullable: true, description: 'New department.' })
  @Length(1, 64)
  department?: string | null;
}

@InputType('DeleteEmployeeInput', { description: 'The employee to delete.' })
export class DeleteEmployeeInput {
  @Field(() => ID, { description: "Global id of the Engineer or Manager. A deleted manager's reports stay, reporting to no one." })
  employeeId!: string;
}
