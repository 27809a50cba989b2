import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { DeletePayload, payload, runMutation } from '../../graphql/mutation.js';
import { Role } from '../wiki/user.entity.js';
import { BlogArticle } from './blog-article.entity.js';
import { BlogAuthor } from './blog-author.entity.js';
import { BlogView } from './blog-view.entity.js';
import { Language } from './language.entity.js';
import * as inputs from './blog.mutation-inputs.js';
import { blogWrites } from './blog.writes.js';

const CreateBlogAuthorPayload = payload('CreateBlogAuthorPayload', 'author', BlogAuthor);
const CreateLanguagePayload = payload('CreateLanguagePayload', 'language', Language);
const CreateBlogArticlePayload = payload('CreateBlogArticlePayload', 'article', BlogArticle);
const UpdateBlogArticlePayload = payload('UpdateBlogArticlePayload', 'article', BlogArticle);
const AddTranslationPayload = payload('AddTranslationPayload', 'article', BlogArticle);

@ObjectType('RecordPageViewPayload')
export class RecordPageViewPayload {
  @Field(() => BlogView)
  view!: BlogView;

  @Field(() => ID, { description: 'Pass back as sessionId for the next views of this visit.' })
  sessionId!: string;

  @Field(() => ID, { description: 'Pass back as userId (e.g. from a cookie) for later visits.' })
  userId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Only when this view created a new reader: the secret to pass as readerToken with sessionId or userId later. Shown once; only its hash is stored.',
  })
  readerToken!: string | null;
}

@Resolver()
export class BlogMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => CreateBlogAuthorPayload)
  async createBlogAuthor(@Arg('input', () => inputs.CreateBlogAuthorInput) input: inputs.CreateBlogAuthorInput, @Ctx() ctx: Context) {
    return { author: await runMutation(ctx, (tx) => blogWrites.createAuthor(tx, input)) };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => CreateLanguagePayload)
  async createLanguage(@Arg('input', () => inputs.CreateLanguageInput) input: inputs.CreateLanguageInput, @Ctx() ctx: Context) {
    return { language: await runMutation(ctx, (tx) => blogWrites.createLanguage(tx, input)) };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => CreateBlogArticlePayload)
  async createBlogArticle(@Arg('input', () => inputs.CreateBlogArticleInput) input: inputs.CreateBlogArticleInput, @Ctx() ctx: Context) {
    return { article: await runMutation(ctx, (tx) => blogWrites.createArticle(tx, input)) };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => UpdateBlogArticlePayload)
  async updateBlogArticle(@Arg('input', () => inputs.UpdateBlogArticleInput) input: inputs.UpdateBlogArticleInput, @Ctx() ctx: Context) {
    return { article: await runMutation(ctx, (tx) => blogWrites.updateArticle(tx, input)) };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => DeletePayload, { description: 'Deletes an article and its page views; its translations become originals.' })
  async deleteBlogArticle(@Arg('input', () => inputs.DeleteBlogArticleInput) input: inputs.DeleteBlogArticleInput, @Ctx() ctx: Context): Promise<DeletePayload> {
    return { deletedId: await runMutation(ctx, (tx) => blogWrites.deleteArticle(tx, input)) };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => AddTranslationPayload, { description: 'Adds a translation of an article into another language.' })
  async addTranslation(@Arg('input', () => inputs.AddTranslationInput) input: inputs.AddTranslationInput, @Ctx() ctx: Context) {
    return { article: await runMutation(ctx, (tx) => blogWrites.addTranslation(tx, input)) };
  }

  @Mutation(() => RecordPageViewPayload, { description: 'Public: records one page view of an article (at most 60 a minute per client address).' })
  async recordPageView(@Arg('input', () => inputs.RecordPageViewInput) input: inputs.RecordPageViewInput, @Ctx() ctx: Context): Promise<RecordPageViewPayload> {
    await ctx.services.writeLimits.pageViews.take(ctx.clientAddress);
    const { view, readerToken } = await runMutation(ctx, (tx) => blogWrites.recordView(tx, input));
    return { view, sessionId: view.session.nodeId, userId: view.session.user.nodeId, readerToken };
  }
}
