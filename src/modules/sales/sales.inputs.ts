import { MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, Int, ID, InputType, registerEnumType } from 'type-graphql';
import { offsetDescription, PageArgs } from '../../graphql/connection.js';
import { orderInput } from '../../graphql/ordering.js';
import { TimeRange } from '../../graphql/time-range.js';
import { NameFilter, NameOrder } from '../catalog/catalog.inputs.js';

export enum OrderOrderField {
  TIMESTAMP = 'TIMESTAMP',
  CUSTOMER = 'CUSTOMER',
  TOTAL = 'TOTAL',
}
registerEnumType(OrderOrderField, {
  name: 'OrderOrderField',
  description: "Order sort keys: TIMESTAMP, the customer's name (CUSTOMER), the order total (TOTAL). CUSTOMER and TOTAL page by position.",
});

export const OrderOrder = orderInput(OrderOrderField, 'OrderOrder');
export type OrderOrder = InstanceType<typeof OrderOrder>;

@InputType('OrderFilter', { description: 'All given conditions must hold.' })
export class OrderFilter {
  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Orders with at least one item of this product.' })
  productId?: string | null;

  @Field(() => TimeRange, { nullable: true })
  @ValidateNested()
  timestamp?: TimeRange | null;

  /** Set from the connection's `search` argument, not part of the input type. */
  search?: string | null;
}

@ArgsType()
export class OrdersArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "Case-insensitive: matches the customer's name or the name of any ordered product." })
  @MaxLength(64)
  search?: string | null;

  @Field(() => [OrderOrder], { nullable: true, description: 'Default TIMESTAMP DESC (newest first).' })
  orderBy?: OrderOrder[] | null;

  @Field(() => OrderFilter, { nullable: true })
  @ValidateNested()
  filter?: OrderFilter | null;
}

/** The root `orders` connection also pages by number, for page-numbered grids. */
@ArgsType()
export class RootOrdersArgs extends OrdersArgs {
  @Field(() => Int, {
    nullable: true,
    description: offsetDescription(
      'orders',
      'Ordered by TIMESTAMP (and filtered, if at all, by timestamp), page 1,000 costs about what page 1 does: the skipped orders are read from an index; ordered by CUSTOMER or TOTAL, or filtered by search, customer or product, every skipped order is read.',
    ),
  })
  offset?: number | null;
}

@ArgsType()
export class CustomersArgs extends PageArgs {
  @Field(() => [NameOrder], { nullable: true, description: 'Default NAME ASC.' })
  orderBy?: NameOrder[] | null;

  @Field(() => NameFilter, { nullable: true })
  @ValidateNested()
  filter?: NameFilter | null;
}
