import { Field, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../loading/paging/order.js';

registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction.',
  valuesConfig: { ASC: { description: 'Smallest, earliest or A first (nulls last).' }, DESC: { description: 'Largest, latest or Z first (nulls last).' } },
});

/**
 * Declares the `<Name>` input `{ field: <FieldEnum>!, direction: OrderDirection = ASC }` for a
 * registered field enum, so every connection's orderBy has the same shape.
 */
export function orderInput<E extends Record<string, string>>(fieldEnum: E, name: string) {
  @InputType(name, { description: 'One sort key; orderBy takes several, the most significant first.' })
  class OrderInputType {
    @Field(() => fieldEnum, { description: 'What to sort by.' })
    field!: E[keyof E];

    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending (default) or descending.' })
    direction!: OrderDirection;
  }
  return OrderInputType;
}
