import { MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection.js';
import { orderInput } from '../../graphql/ordering.js';
import { NameOrder } from '../catalog/catalog.inputs.js';

export enum PageOrderField {
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(PageOrderField, { name: 'PageOrderField' });

export const PageOrder = orderInput(PageOrderField, 'PageOrder');
export type PageOrder = InstanceType<typeof PageOrder>;

@InputType('PageFilter', { description: 'All given conditions must hold.' })
export class PageFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name.' })
  @MaxLength(255)
  nameContains?: string | null;

  @Field(() => ID, { nullable: true })
  creatorId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only pages without a parent.' })
  topLevel?: boolean | null;
}

@ArgsType()
export class PagesArgs extends PageArgs {
  @Field(() => [PageOrder], { nullable: true, description: 'Default NAME ASC.' })
  orderBy?: PageOrder[] | null;

  @Field(() => PageFilter, { nullable: true })
  @ValidateNested()
  filter?: PageFilter | null;
}

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => [NameOrder], { nullable: true, description: 'Default NAME ASC.' })
  orderBy?: NameOrder[] | null;
}

@ArgsType()
export class FeedArgs extends PageArgs {}

@InputType('FollowUserInput', { description: 'The user to follow or unfollow.' })
export class FollowUserInput {
  @Field(() => ID, { description: 'Global id of the user.' })
  userId!: string;
}
