import { ArrayMaxSize, IsOptional, Length, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';

@InputType('CreateManufacturerInput')
export class CreateManufacturerInput {
  @Field(() => String)
  @Length(1, 64)
  name!: string;
}

@InputType('UpdateManufacturerInput')
export class UpdateManufacturerInput {
  @Field(() => ID)
  manufacturerId!: string;

  @Field(() => String)
  @Length(1, 64)
  name!: string;
}

@InputType('DeleteManufacturerInput')
export class DeleteManufacturerInput {
  @Field(() => ID)
  manufacturerId!: string;
}

@InputType('CreateCountryInput')
export class CreateCountryInput {
  @Field(() => String)
  @Length(1, 32)
  name!: string;
}

@InputType('UpdateCountryInput')
export class UpdateCountryInput {
  @Field(() => ID)
  countryId!: string;

  @Field(() => String)
  @Length(1, 32)
  name!: string;
}

@InputType('DeleteCountryInput')
export class DeleteCountryInput {
  @Field(() => ID)
  countryId!: string;
}

@InputType('CreateProductInput')
export class CreateProductInput {
  @Field(() => String)
  @Length(1, 64)
  name!: string;

  @Field(() => ID)
  manufacturerId!: string;

  @Field(() => Int)
  @Min(1900)
  @Max(2100)
  year!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 32)
  cpu?: string | null;

  @Field(() => Float, { description: 'Current list price, at least 0, two decimals.' })
  @Min(0)
  @Max(99_999_999)
  price!: number;

  @Field(() => [ID], { defaultValue: [] })
  @ArrayMaxSize(50)
  countryIds!: string[];
}

@InputType('UpdateProductInput', { description: 'Only the fields given change; countryIds replaces the whole list.' })
export class UpdateProductInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 64)
  name?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  manufacturerId?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1900)
  @Max(2100)
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'An empty string clears the CPU.' })
  @IsOptional()
  @Length(0, 32)
  cpu?: string | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(99_999_999)
  price?: number | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  countryIds?: string[] | null;
}

@InputType('DuplicateProductInput', { description: "Which product to copy, and the copy's name." })
export class DuplicateProductInput {
  @Field(() => ID, { description: 'Global id of the product to copy.' })
  id!: string;

  @Field(() => String, { description: 'The unique name of the copy.' })
  @Length(1, 64)
  name!: string;
}

@InputType('DeleteProductInput')
export class DeleteProductInput {
  @Field(() => ID)
  productId!: string;
}
