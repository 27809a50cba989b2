import { IsOptional, Length } from 'class-validator';
import { DateTimeISO } from '../../graphql/scalars.js';
import { Field, ID, InputType } from 'type-graphql';

@InputType('CreateBlogAuthorInput')
export class CreateBlogAuthorInput {
  @Field(() => String)
  @Length(1, 64)
  name!: string;
}

@InputType('CreateLanguageInput')
export class CreateLanguageInput {
  @Field(() => String)
  @Length(1, 32)
  name!: string;
}

@InputType('CreateBlogArticleInput')
export class CreateBlogArticleInput {
  @Field(() => String)
  @Length(1, 128)
  title!: string;

  @Field(() => ID)
  authorId!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  productId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  languageId?: string | null;

  @Field(() => DateTimeISO, { nullable: true, description: 'Publication time; now when omitted.' })
  @IsOptional()
  timestamp?: Date | null;
}

@InputType('UpdateBlogArticleInput', { description: 'Only the fields given change.' })
export class UpdateBlogArticleInput {
  @Field(() => ID)
  articleId!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 128)
  title?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  authorId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  productId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  languageId?: string | null;
}

@InputType('DeleteBlogArticleInput')
export class DeleteBlogArticleInput {
  @Field(() => ID)
  articleId!: string;
}

@InputType('AddTranslationInput')
export class AddTranslationInput {
  @Field(() => ID, { description: 'The original article.' })
  translationOf!: string;

  @Field(() => ID)
  languageId!: string;

  @Field(() => String)
  @Length(1, 128)
  title!: string;

  @Field(() => ID, { nullable: true, description: "The translator; the original's author when omitted." })
  @IsOptional()
  authorId?: string | null;
}

@InputType('RecordPageViewInput', { description: 'Pass back the sessionId/userId and the readerToken returned earlier to keep counting the same reader.' })
export class RecordPageViewInput {
  @Field(() => ID, { description: 'The article read.' })
  articleId!: string;

  @Field(() => ID, { nullable: true, description: 'Continue this session (needs readerToken).' })
  @IsOptional()
  sessionId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Continue this reader in a new session (needs readerToken).' })
  @IsOptional()
  userId?: string | null;

  @Field(() => String, { nullable: true, description: 'The secret returned once when the reader was created; required with sessionId or userId.' })
  @IsOptional()
  @Length(1, 100)
  readerToken?: string | null;
}
