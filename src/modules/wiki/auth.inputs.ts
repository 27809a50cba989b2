import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Role, USER_NAME_PATTERN } from './user.entity.js';

@InputType('LoginInput')
export class LoginInput {
  @Field(() => String)
  @Length(1, 64)
  name!: string;

  @Field(() => String)
  @Length(1, 200)
  password!: string;
}

@InputType('ChangePasswordInput')
export class ChangePasswordInput {
  @Field(() => String)
  @Length(1, 200)
  oldPassword!: string;

  @Field(() => String, { description: 'At least 8 characters.' })
  @Length(8, 200)
  newPassword!: string;
}

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field(() => String, { description: 'Letters, digits, dot, dash or underscore; 3 to 64 characters.' })
  @Matches(USER_NAME_PATTERN, { message: 'name must be 3 to 64 letters, digits, dots, dashes or underscores' })
  name!: string;

  @Field(() => String, { description: 'At least 8 characters.' })
  @Length(8, 200)
  password!: string;

  @Field(() => Role, { defaultValue: Role.BASIC })
  role!: Role;
}

@InputType('SetUserRoleInput')
export class SetUserRoleInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => Role)
  role!: Role;
}

@InputType('DeleteUserInput')
export class DeleteUserInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => ID, { nullable: true, description: "Who takes over the user's pages; required when the user created any." })
  @IsOptional()
  reassignPagesTo?: string | null;
}
