import { Collection, type Opt } from '@mikro-orm/core';
import { Entity, Enum, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Page } from './page.entity.js';

export enum Role {
  BASIC = 'basic',
  EDITOR = 'editor',
  ADMIN = 'admin',
}

/** A staff account of the wiki (the Pyramid tutorial's User). */
@Entity({ tableName: 'users' })
export class User {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 64, unique: true })
  name!: string;

  @Enum({ items: () => Role, type: 'string', length: 16 })
  role: Opt<Role> = Role.BASIC;

  /**
   * bcrypt hash. `hidden` keeps it out of serialization and `lazy` out of ordinary selects,
   * so it is only read when a login explicitly asks for it.
   */
  @Property({ type: 'string', length: 60, hidden: true, lazy: true })
  passwordHash!: string;

  @OneToMany({ entity: () => Page, mappedBy: 'creator' })
  pages = new Collection<Page>(this);
}
