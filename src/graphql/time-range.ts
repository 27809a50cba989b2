import { DateTimeISO } from './scalars.js';
import { Field, InputType } from 'type-graphql';

/** A half-open time range [from, to), UTC; either bound may be omitted. */
@InputType('TimeRange')
export class TimeRange {
  @Field(() => DateTimeISO, { nullable: true, description: 'Inclusive lower bound.' })
  from?: Date | null;

  @Field(() => DateTimeISO, { nullable: true, description: 'Exclusive upper bound.' })
  to?: Date | null;
}

export function timeCondition(range: TimeRange | null | undefined): Record<string, Date> | undefined {
  if (!range) return undefined;
  const cond: Record<string, Date> = {};
  if (range.from) cond.$gte = range.from;
  if (range.to) cond.$lt = range.to;
  return Object.keys(cond).length ? cond : undefined;
}
