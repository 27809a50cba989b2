import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { DeletePayload, payload, runMutation } from '../../graphql/mutation.js';
import { Role } from '../wiki/user.entity.js';
import * as inputs from './catalog.mutation-inputs.js';
import { catalogWrites } from './catalog.writes.js';
import { Country } from './country.entity.js';
import { Manufacturer } from './manufacturer.entity.js';
import { Product } from './product.entity.js';

const CreateManufacturerPayload = payload('CreateManufacturerPayload', 'manufacturer', Manufacturer);
const UpdateManufacturerPayload = payload('UpdateManufacturerPayload', 'manufacturer', Manufacturer);
const CreateCountryPayload = payload('CreateCountryPayload', 'country', Country);
const UpdateCountryPayload = payload('UpdateCountryPayload', 'country', Country);
const CreateProductPayload = payload('CreateProductPayload', 'product', Product);
const UpdateProductPayload = payload('UpdateProductPayload', 'product', Product);
const DuplicateProductPayload = payload('DuplicateProductPayload', 'product', Product);

/** Catalog management: editors and admins. */
@Authorized(Role.EDITOR)
@Resolver()
export class CatalogMutations {
  @Mutation(() => CreateManufacturerPayload)
  async createManufacturer(@Arg('input', () => inputs.CreateManufacturerInput) input: inputs.CreateManufacturerInput, @Ctx() ctx: Context) {
    return { manufacturer: await runMutation(ctx, (tx) => catalogWrites.createManufacturer(tx, input)) };
  }

  @Mutation(() => UpdateManufacturerPayload)
  async updateManufacturer(@Arg('input', () => inputs.UpdateManufacturerInput) input: inputs.UpdateManufacturerInput, @Ctx() ctx: Context) {
    return { manufacturer: await runMutation(ctx, (tx) => catalogWrites.updateManufacturer(tx, input)) };
  }

  @Mutation(() => DeletePayload, { description: 'Deletes a manufacturer with its products and their reviews; refused when any of them was ordered.' })
  async deleteManufacturer(@Arg('input', () => inputs.DeleteManufacturerInput) input: inputs.DeleteManufacturerInput, @Ctx() ctx: Context): Promise<DeletePayload> {
    return { deletedId: await runMutation(ctx, (tx) => catalogWrites.deleteManufacturer(tx, input)) };
  }

  @Mutation(() => CreateCountryPayload)
  async createCountry(@Arg('input', () => inputs.CreateCountryInput) input: inputs.CreateCountryInput, @Ctx() ctx: Context) {
    return { country: await runMutation(ctx, (tx) => catalogWrites.createCountry(tx, input)) };
  }

  @Mutation(() => UpdateCountryPayload)
  async updateCountry(@Arg('input', () => inputs.UpdateCountryInput) input: inputs.UpdateCountryInput, @Ctx() ctx: Context) {
    return { country: await runMutation(ctx, (tx) => catalogWrites.updateCountry(tx, input)) };
  }

  @Mutation(() => DeletePayload, { description: 'Deletes a country; its products stay, without it.' })
  async deleteCountry(@Arg('input', () => inputs.DeleteCountryInput) input: inputs.DeleteCountryInput, @Ctx() ctx: Context): Promise<DeletePayload> {
    return { deletedId: await runMutation(ctx, (tx) => catalogWrites.deleteCountry(tx, input)) };
  }

  @Mutation(() => CreateProductPayload)
  async createProduct(@Arg('input', () => inputs.CreateProductInput) input: inputs.CreateProductInput, @Ctx() ctx: Context) {
    return { product: await runMutation(ctx, (tx) => catalogWrites.createProduct(tx, input)) };
  }

  @Mutation(() => DuplicateProductPayload, {
    description: 'Copies a product under a new name, with its manufacturer, facts, price and countries; reviews and orders stay with the original (editors).',
  })
  async duplicateProduct(@Arg('input', () => inputs.DuplicateProductInput) input: inputs.DuplicateProductInput, @Ctx() ctx: Context) {
    return { product: await runMutation(ctx, (tx) => catalogWrites.duplicateProduct(tx, input)) };
  }

  @Mutation(() => UpdateProductPayload)
  async updateProduct(@Arg('input', () => inputs.UpdateProductInput) input: inputs.UpdateProductInput, @Ctx() ctx: Context) {
    return { product: await runMutation(ctx, (tx) => catalogWrites.updateProduct(tx, input)) };
  }

  @Mutation(() => DeletePayload, { description: 'Deletes a product that was never ordered, with its reviews.' })
  async deleteProduct(@Arg('input', () => inputs.DeleteProductInput) input: inputs.DeleteProductInput, @Ctx() ctx: Context): Promise<DeletePayload> {
    return { deletedId: await runMutation(ctx, (tx) => catalogWrites.deleteProduct(tx, input)) };
  }
}
