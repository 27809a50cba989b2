import { Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection.js';
import { orderInput } from '../../graphql/ordering.js';
import { TimeRange } from '../../graphql/time-range.js';

export enum ReviewOrderField {
  TIMESTAMP = 'TIMESTAMP',
  RATING = 'RATING',
}
registerEnumType(ReviewOrderField, { name: 'ReviewOrderField' });

export const ReviewOrder = orderInput(ReviewOrderField, 'ReviewOrder');
export type ReviewOrder = InstanceType<typeof ReviewOrder>;

@InputType('ReviewFilter', { description: 'All given conditions must hold.' })
export class ReviewFilter {
  @Field(() => Int, { nullable: true })
  @Min(1)
  @Max(5)
  minRating?: number | null;

  @Field(() => Int, { nullable: true })
  @Min(1)
  @Max(5)
  maxRating?: number | null;

  @Field(() => TimeRange, { nullable: true })
  @ValidateNested()
  timestamp?: TimeRange | null;
}

@ArgsType()
export class ReviewsArgs extends PageArgs {
  @Field(() => [ReviewOrder], { nullable: true, description: 'Default TIMESTAMP DESC (newest first).' })
  orderBy?: ReviewOrder[] | null;

  @Field(() => ReviewFilter, { nullable: true })
  @ValidateNested()
  filter?: ReviewFilter | null;
}
