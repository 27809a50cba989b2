import { randomBytes } from 'node:crypto';
import { Collection, type Opt } from '@mikro-orm/core';
import { Entity, Enum, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Authorized, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node, toGlobalId } from '../../graphql/node.js';
import { Page } from './page.entity.js';

export enum Role {
  BASIC = 'basic',
  EDITOR = 'editor',
  ADMIN = 'admin',
}
/** Letters, digits, dot, dash or underscore; 3 to 64 characters. */
export const USER_NAME_PATTERN = /^[A-Za-z0-9._-]{3,64}$/;

registerEnumType(Role, { name: 'Role', description: 'Wiki role: basic < editor < admin.' });

/** A staff account of the wiki (the Pyramid tutorial's User). */
@Entity({ tableName: 'users' })
@ObjectType('User', { implements: Node, description: 'A staff account of the wiki. Its password hash is never exposed.' })
export class User implements Node {
  @Field(() => Int, { name: 'databaseId', description: 'Primary key.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  get nodeId(): Opt<string> {
    return toGlobalId('User', this.id);
  }

  @Field(() => String)
  @Property({ type: 'string', length: 64, unique: true })
  name!: string;

  @Authorized()
  @Field(() => Role, { nullable: true, description: "The account's role; for signed-in users only (null with an error for anonymous requests)." })
  @Enum({ items: () => Role, type: 'string', length: 16 })
  role: Opt<Role> = Role.BASIC;

  /**
   * bcrypt hash. `hidden` keeps it out of serialization and `lazy` out of ordinary selects,
   * so it is only read when a login explicitly asks for it.
   */
  @Property({ type: 'string', length: 60, hidden: true, lazy: true })
  passwordHash!: string;

  /**
   * A random stamp that every access token carries and that must still match when the token is
   * used: renewing it (password change, password reset) revokes all tokens issued before. Random
   * rather than a counter, so that an account recreated or restored from a dump never matches a
   * token of an earlier one. '' for accounts created before stamps existed.
   */
  @Property({ type: 'string', length: 32, hidden: true, default: '' })
  tokenStamp: Opt<string> = newTokenStamp();

  @OneToMany({ entity: () => Page, mappedBy: 'creator' })
  pages = new Collection<Page>(this);
}

/** A fresh token stamp: 16 random bytes, base64url. */
export function newTokenStamp(): string {
  return randomBytes(16).toString('base64url');
}
