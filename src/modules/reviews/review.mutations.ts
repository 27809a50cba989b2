import { IsOptional, Length, Max, Min } from 'class-validator';
import type { EntityManager } from '@mikro-orm/sql';
import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { AppError, ErrorCode } from '../../errors.js';
import { DeletePayload, findByGlobalId, runMutation } from '../../graphql/mutation.js';
import { Product } from '../catalog/product.entity.js';
import { Customer } from '../sales/customer.entity.js';
import { Role } from '../wiki/user.entity.js';
import { ProductReview } from './product-review.entity.js';
import { announce } from '../live/events.js';

@InputType('WriteReviewInput')
export class WriteReviewInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => ID)
  customerId!: string;

  @Field(() => Int, { description: '1 to 5 stars.' })
  @Min(1)
  @Max(5)
  rating!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 10_000)
  comment?: string | null;
}

@InputType('DeleteReviewInput')
export class DeleteReviewInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => ID)
  customerId!: string;
}

@ObjectType('WriteReviewPayload')
export class WriteReviewPayload {
  @Field(() => ProductReview)
  review!: ProductReview;

  @Field(() => Boolean, { description: 'False when an existing review by this customer was replaced.' })
  created!: boolean;
}

async function parties(tx: EntityManager, input: { productId: string; customerId: string }) {
  const product = await findByGlobalId(tx, Product, input.productId, 'input.productId');
  const customer = await findByGlobalId(tx, Customer, input.customerId, 'input.customerId');
  return { product, customer };
}

/** Reviews: one per product and customer; editors and admins write them. */
@Authorized(Role.EDITOR)
@Resolver()
export class ReviewMutations {
  @Mutation(() => WriteReviewPayload, { description: "Creates the customer's review of the product, or replaces it." })
  async writeReview(@Arg('input', () => WriteReviewInput) input: WriteReviewInput, @Ctx() ctx: Context): Promise<WriteReviewPayload> {
    return runMutation(ctx, async (tx) => {
      const { product, customer } = await parties(tx, input);
      const existing = await tx.findOne(ProductReview, { product, customer });
      const fields = { rating: input.rating, comment: input.comment ?? null, timestamp: new Date() };
      const review = existing ? Object.assign(existing, fields) : tx.create(ProductReview, { product, customer, ...fields });
      await tx.flush();
      await announce(tx, 'review', product.id, customer.id);
      return { review, created: !existing };
    });
  }

  @Mutation(() => DeletePayload)
  async deleteReview(@Arg('input', () => DeleteReviewInput) input: DeleteReviewInput, @Ctx() ctx: Context): Promise<DeletePayload> {
    return runMutation(ctx, async (tx) => {
      const { product, customer } = await parties(tx, input);
      const review = await tx.findOne(ProductReview, { product, customer });
      if (!review) throw new AppError(ErrorCode.NOT_FOUND, 'This customer has not reviewed this product');
      const deletedId = review.nodeId;
      tx.remove(review);
      return { deletedId };
    });
  }
}
