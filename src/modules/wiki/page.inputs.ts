import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

const NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,254}$/;
const NAME_MESSAGE = 'name must start with a letter or digit and hold only letters, digits, spaces, dots, dashes or underscores (at most 255)';

@InputType('CreatePageInput')
export class CreatePageInput {
  @Field(() => String)
  @Matches(NAME, { message: NAME_MESSAGE })
  name!: string;

  @Field(() => String)
  @Length(0, 1_000_000)
  data!: string;

  @Field(() => ID, { nullable: true, description: 'Parent page; omitted for a top-level page.' })
  @IsOptional()
  parentId?: string | null;
}

@InputType('UpdatePageInput')
export class UpdatePageInput {
  @Field(() => ID)
  pageId!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(NAME, { message: NAME_MESSAGE })
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 1_000_000)
  data?: string | null;
}

@InputType('DeletePageInput')
export class DeletePageInput {
  @Field(() => ID)
  pageId!: string;
}

@InputType('MovePageInput')
export class MovePageInput {
  @Field(() => ID)
  pageId!: string;

  @Field(() => ID, { nullable: true, description: 'New parent; null makes the page top-level.' })
  @IsOptional()
  parentId?: string | null;
}
