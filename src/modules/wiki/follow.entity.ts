import { DateTimeType, PrimaryKeyProp, type Opt } from '@mikro-orm/core';
import { Check, Entity, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { User } from './user.entity.js';

/**
 * One user following another (the notes' self-referential many-to-many), as an entity so that the
 * followed side gets its own index ("followers of X" would otherwise scan the key) and so that
 * the connections read it the way Country.products reads products_countries.
 */
@Entity({ tableName: 'users_follows' })
@Check({ name: 'ck_users_follows_not_self', expression: 'follower_id <> followed_id' })
export class Follow {
  [PrimaryKeyProp]?: ['follower', 'followed'];

  @ManyToOne({ entity: () => User, primary: true, deleteRule: 'cascade', updateRule: 'cascade' })
  follower!: User;

  @ManyToOne({ entity: () => User, primary: true, deleteRule: 'cascade', updateRule: 'cascade', index: true })
  followed!: User;

  @Property({ type: DateTimeType })
  createdAt: Opt<Date> = new Date();
}
