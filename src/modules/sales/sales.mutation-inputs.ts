import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType('CustomerDetailsInput')
export class CustomerDetailsInput {
  @Field(() => String)
  @Length(1, 64)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 128)
  address?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 32)
  phone?: string | null;
}

@InputType('CreateCustomerInput')
export class CreateCustomerInput extends CustomerDetailsInput {}

@InputType('UpdateCustomerInput', { description: 'Only the fields given change; an empty string clears address or phone.' })
export class UpdateCustomerInput {
  @Field(() => ID)
  customerId!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 64)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 128)
  address?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 32)
  phone?: string | null;
}

@InputType('DeleteCustomerInput')
export class DeleteCustomerInput {
  @Field(() => ID)
  customerId!: string;
}

@InputType('OrderItemInput')
export class OrderItemInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => Int, { description: '1 to 1000.' })
  @Min(1)
  @Max(1000)
  quantity!: number;
}

@InputType('PlaceOrderInput', { description: 'Give either customerId or customer (a new customer).' })
export class PlaceOrderInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  customerId?: string | null;

  @Field(() => CustomerDetailsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  customer?: CustomerDetailsInput | null;

  @Field(() => [OrderItemInput], { description: '1 to 50 lines, each product once.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  items!: OrderItemInput[];

  @Field(() => String, {
    nullable: true,
    description: 'Makes retries safe: placing an order again with the same key returns the first order instead of a new one. 8 to 64 characters of [A-Za-z0-9_-].',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'idempotencyKey must be 8 to 64 letters, digits, dashes or underscores' })
  idempotencyKey?: string | null;
}

@InputType('UpdateOrderItemsInput', { description: 'Replaces the lines of an order. Lines kept keep their unit price; new lines take the current price.' })
export class UpdateOrderItemsInput {
  @Field(() => ID)
  orderId!: string;

  @Field(() => [OrderItemInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  items!: OrderItemInput[];
}

@InputType('DeleteOrderInput')
export class DeleteOrderInput {
  @Field(() => ID)
  orderId!: string;
}
