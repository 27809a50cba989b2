import { ArrayMaxSize, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { offsetDescription, PageArgs } from '../../graphql/connection.js';
import { orderInput } from '../../graphql/ordering.js';

export enum ProductOrderField {
  NAME = 'NAME',
  YEAR = 'YEAR',
  PRICE = 'PRICE',
  CPU = 'CPU',
  AVERAGE_RATING = 'AVERAGE_RATING',
}
registerEnumType(ProductOrderField, { name: 'ProductOrderField', description: 'Product sort keys; PRICE, CPU and AVERAGE_RATING may be null and page by position.' });

export const ProductOrder = orderInput(ProductOrderField, 'ProductOrder');
export type ProductOrder = InstanceType<typeof ProductOrder>;

/** Launch-year bounds, shared by the product filter and the catalog report's filter. */
// Never a field's type itself, so never emitted: only its subclasses are.
@InputType()
export class LaunchYearBounds {
  @Field(() => Int, { nullable: true, description: 'Launched in or after this year.' })
  @Min(1900)
  @Max(2100)
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: 'Launched in or before this year.' })
  @Min(1900)
  @Max(2100)
  yearTo?: number | null;
}

@InputType('ProductFilter', { description: 'All given conditions must hold.' })
export class ProductFilter extends LaunchYearBounds {
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name.' })
  @MaxLength(64)
  nameContains?: string | null;

  @Field(() => ID, { nullable: true })
  manufacturerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Products made in this country.' })
  countryId?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact CPU, e.g. "Z80".' })
  @MaxLength(32)
  cpu?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Made by any of these manufacturers (at most 100 ids).' })
  @ArrayMaxSize(100)
  manufacturerIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Made in any of these countries (at most 100 ids).' })
  @ArrayMaxSize(100)
  countryIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Any of these exact CPUs, e.g. ["Z80", "6502"] (at most 100).' })
  @ArrayMaxSize(100)
  @MaxLength(32, { each: true })
  cpus?: string[] | null;

  @Field(() => String, { nullable: true, description: 'A CPU family: CPUs starting with this text, case-insensitive (e.g. "68" for 68000 and 68020).' })
  @MaxLength(32)
  @Matches(/^[^%_\\]*$/, { message: 'cpuStartsWith must not contain %, _ or \\' })
  cpuStartsWith?: string | null;
}

@ArgsType()
export class ProductsArgs extends PageArgs {
  @Field(() => [ProductOrder], { nullable: true, description: 'Sort keys, most significant first; default NAME ASC.' })
  orderBy?: ProductOrder[] | null;

  @Field(() => ProductFilter, { nullable: true })
  @ValidateNested()
  filter?: ProductFilter | null;
}

/** The root `products` connection also pages by number, for page-numbered grids. */
@ArgsType()
export class RootProductsArgs extends ProductsArgs {
  @Field(() => Int, {
    nullable: true,
    description: offsetDescription(
      'products',
      'Ordered by NAME, YEAR, PRICE or CPU, the skip reads only the sort keys of the skipped products; ordered by AVERAGE_RATING (computed), every skipped product is rated.',
    ),
  })
  offset?: number | null;
}

export enum NameOrderField {
  NAME = 'NAME',
}
registerEnumType(NameOrderField, { name: 'NameOrderField', description: 'Sort by name.' });

export const NameOrder = orderInput(NameOrderField, 'NameOrder');
export type NameOrder = InstanceType<typeof NameOrder>;

@InputType('NameFilter')
export class NameFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name.' })
  @MaxLength(128)
  nameContains?: string | null;
}

@ArgsType()
export class NamedArgs extends PageArgs {
  @Field(() => [NameOrder], { nullable: true, description: 'Default NAME ASC.' })
  orderBy?: NameOrder[] | null;

  @Field(() => NameFilter, { nullable: true })
  @ValidateNested()
  filter?: NameFilter | null;
}
