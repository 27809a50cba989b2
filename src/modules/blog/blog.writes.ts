import type { EntityManager } from '@mikro-orm/sql';
import { AppError, ErrorCode } from '../../errors.js';
import { assertNameFree, findByGlobalId } from '../../graphql/mutation.js';
import { keyOf } from '../../graphql/node.js';
import { Product } from '../catalog/product.entity.js';
import { BlogArticle } from './blog-article.entity.js';
import { BlogAuthor } from './blog-author.entity.js';
import { BlogSession } from './blog-session.entity.js';
import { BlogUser } from './blog-user.entity.js';
import { newReaderToken, readerTokenMatches } from './reader-tokens.js';
import { BlogView } from './blog-view.entity.js';
import { Language } from './language.entity.js';
import type * as inputs from './blog.mutation-inputs.js';

/** Blog writes. Each runs inside the mutation's transaction (`tx`). */
export const blogWrites = {
  async createAuthor(tx: EntityManager, input: inputs.CreateBlogAuthorInput): Promise<BlogAuthor> {
    const created = tx.create(BlogAuthor, { name: input.name });
    await tx.flush();
    return created;
  },

  async createLanguage(tx: EntityManager, input: inputs.CreateLanguageInput): Promise<Language> {
    await assertNameFree(tx, Language, input.name);
    const created = tx.create(Language, { name: input.name });
    await tx.flush();
    return created;
  },

  async createArticle(tx: EntityManager, input: inputs.CreateBlogArticleInput): Promise<BlogArticle> {
    const created = tx.create(BlogArticle, {
      title: input.title,
      author: await findByGlobalId(tx, BlogAuthor, input.authorId, 'input.authorId'),
      product: input.productId ? await findByGlobalId(tx, Product, input.productId, 'input.productId') : null,
      language: input.languageId ? await findByGlobalId(tx, Language, input.languageId, 'input.languageId') : null,
      timestamp: input.timestamp ?? new Date(),
    });
    await tx.flush();
    return created;
  },

  async updateArticle(tx: EntityManager, input: inputs.UpdateBlogArticleInput): Promise<BlogArticle> {
    const target = await findByGlobalId(tx, BlogArticle, input.articleId, 'input.articleId');
    if (input.title != null) target.title = input.title;
    if (input.authorId != null) target.author = await findByGlobalId(tx, BlogAuthor, input.authorId, 'input.authorId');
    if (input.productId != null) target.product = await findByGlobalId(tx, Product, input.productId, 'input.productId');
    if (input.languageId != null) target.language = await findByGlobalId(tx, Language, input.languageId, 'input.languageId');
    return target;
  },

  /** Deletes an article with its page views; its translations stay, as originals. */
  async deleteArticle(tx: EntityManager, input: inputs.DeleteBlogArticleInput): Promise<string> {
    const target = await findByGlobalId(tx, BlogArticle, input.articleId, 'input.articleId');
    await tx.nativeDelete(BlogArticle, { id: target.id });
    return target.nodeId;
  },

  /** One translation per language; never into the original's own language. */
  async addTranslation(tx: EntityManager, input: inputs.AddTranslationInput): Promise<BlogArticle> {
    const original = await findByGlobalId(tx, BlogArticle, input.translationOf, 'input.translationOf');
    if (original.translationOf) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'Translate the original article, not a translation', { field: 'input.translationOf' });
    }
    const into = await findByGlobalId(tx, Language, input.languageId, 'input.languageId');
    if (original.language?.id === into.id) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, `The original is already in ${into.name}`, { field: 'input.languageId' });
    }
    if (await tx.count(BlogArticle, { translationOf: original, language: into })) {
      throw new AppError(ErrorCode.CONFLICT, `This article already has a ${into.name} translation`, { field: 'input.languageId' });
    }
    const translation = tx.create(BlogArticle, {
      title: input.title,
      author: input.authorId ? await findByGlobalId(tx, BlogAuthor, input.authorId, 'input.authorId') : original.author,
      product: original.product,
      language: into,
      translationOf: original,
    });
    await tx.flush();
    return translation;
  },

  /** Records a view, creating the reader (blog user) and session when not given. */
  /**
   * One page view. A new reader gets a token, returned once; continuing a reader or a session
   * needs it, so nobody can write views into another reader's history by guessing its ids.
   */
  async recordView(tx: EntityManager, input: inputs.RecordPageViewInput): Promise<{ view: BlogView; readerToken: string | null }> {
    const target = await findByGlobalId(tx, BlogArticle, input.articleId, 'input.articleId');
    let session: BlogSession;
    let readerToken: string | null = null;
    if (input.sessionId || input.userId) {
      const continued = input.sessionId ? await tx.findOne(BlogSession, { id: keyOf(input.sessionId, 'BlogSession', 'uuid', 'input.sessionId') as string }, { populate: ['user'] }) : null;
      const user = continued?.user ?? (input.userId && !input.sessionId ? await tx.findOne(BlogUser, { id: keyOf(input.userId, 'BlogUser', 'uuid', 'input.userId') as string }) : null);
      if (!user || !readerTokenMatches(input.readerToken, user.tokenHash)) {
        throw new AppError(
          ErrorCode.FORBIDDEN,
          'No reader with this id and readerToken: pass the readerToken returned when the reader was created, or omit sessionId and userId to start a new reader',
          { field: 'input.readerToken' },
        );
      }
      if (continued && input.userId && keyOf(input.userId, 'BlogUser', 'uuid', 'input.userId') !== user.id) {
        throw new AppError(ErrorCode.BAD_USER_INPUT, 'This session belongs to another blog user', { field: 'input.sessionId' });
      }
      session = continued ?? tx.create(BlogSession, { user });
    } else {
      const issued = newReaderToken();
      readerToken = issued.token;
      session = tx.create(BlogSession, { user: tx.create(BlogUser, { tokenHash: issued.hash }) });
    }
    const view = tx.create(BlogView, { article: target, session });
    await tx.flush();
    return { view, readerToken };
  },
};
