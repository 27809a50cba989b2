import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { AppError, ErrorCode } from '../../errors.js';
import { DeletePayload, payload, runMutation } from '../../graphql/mutation.js';
import { Role } from '../wiki/user.entity.js';
import { Customer } from './customer.entity.js';
import { Order } from './order.entity.js';
import * as inputs from './sales.mutation-inputs.js';
import { idempotencyKeyOf, salesWrites } from './sales.writes.js';

const CreateCustomerPayload = payload('CreateCustomerPayload', 'customer', Customer);
const UpdateCustomerPayload = payload('UpdateCustomerPayload', 'customer', Customer);
const UpdateOrderItemsPayload = payload('UpdateOrderItemsPayload', 'order', Order);

@ObjectType('PlaceOrderPayload')
export class PlaceOrderPayload {
  @Field(() => Order)
  order!: Order;

  @Field(() => Boolean, { description: 'True when the idempotency key had been used: this is the order placed then.' })
  replayed!: boolean;
}

/** Customers and orders: editors and admins. */
@Authorized(Role.EDITOR)
@Resolver()
export class SalesMutations {
  @Mutation(() => CreateCustomerPayload)
  async createCustomer(@Arg('input', () => inputs.CreateCustomerInput) input: inputs.CreateCustomerInput, @Ctx() ctx: Context) {
    return { customer: await runMutation(ctx, (tx) => salesWrites.createCustomer(tx, input)) };
  }

  @Mutation(() => UpdateCustomerPayload)
  async updateCustomer(@Arg('input', () => inputs.UpdateCustomerInput) input: inputs.UpdateCustomerInput, @Ctx() ctx: Context) {
    return { customer: await runMutation(ctx, (tx) => salesWrites.updateCustomer(tx, input)) };
  }

  @Mutation(() => DeletePayload, { description: 'Deletes a customer without orders, with their reviews.' })
  async deleteCustomer(@Arg('input', () => inputs.DeleteCustomerInput) input: inputs.DeleteCustomerInput, @Ctx() ctx: Context): Promise<DeletePayload> {
    return { deletedId: await runMutation(ctx, (tx) => salesWrites.deleteCustomer(tx, input)) };
  }

  @Mutation(() => PlaceOrderPayload, {
    description: 'Places an order at current prices, all lines or none; idempotent with idempotencyKey (scoped to the signed-in user; the same key with a different order is a CONFLICT).',
  })
  async placeOrder(@Arg('input', () => inputs.PlaceOrderInput) input: inputs.PlaceOrderInput, @Ctx() ctx: Context): Promise<PlaceOrderPayload> {
    const key = idempotencyKeyOf(ctx.auth!.userId, input);
    const earlier = key ? await salesWrites.findByIdempotencyKey(ctx.em, key) : null;
    if (earlier) return { order: earlier, replayed: true };
    try {
      // With a key, the savepoint stays: a lost race is recovered below, in the same transaction.
      const order = await runMutation(ctx, (tx) => salesWrites.placeOrder(tx, input, key), { savepoint: key !== null });
      // Reads the computed total back from the database (one statement).
      return { order: await ctx.em.refreshOrFail(order), replayed: false };
    } catch (error) {
      // Two requests raced with one key: the loser's insert hit uq_orders_idempotency_key.
      const winner = key && error instanceof AppError && error.extensions.code === ErrorCode.CONFLICT ? await salesWrites.findByIdempotencyKey(ctx.em, key) : null;
      if (winner) return { order: winner, replayed: true };
      throw error;
    }
  }

  @Mutation(() => UpdateOrderItemsPayload)
  async updateOrderItems(@Arg('input', () => inputs.UpdateOrderItemsInput) input: inputs.UpdateOrderItemsInput, @Ctx() ctx: Context) {
    const order = await runMutation(ctx, (tx) => salesWrites.updateOrderItems(tx, input));
    return { order: await ctx.em.refreshOrFail(order) };
  }

  @Mutation(() => DeletePayload, { description: 'Deletes an order and its lines.' })
  async deleteOrder(@Arg('input', () => inputs.DeleteOrderInput) input: inputs.DeleteOrderInput, @Ctx() ctx: Context): Promise<DeletePayload> {
    return { deletedId: await runMutation(ctx, (tx) => salesWrites.deleteOrder(tx, input)) };
  }
}
