import { randomBytes } from 'node:crypto';
import type { EntityData, EntityManager } from '@mikro-orm/core';
import { Factory } from '@mikro-orm/seeder';
import { Country } from '../src/modules/catalog/country.entity.js';
import { Manufacturer } from '../src/modules/catalog/manufacturer.entity.js';
import { Product } from '../src/modules/catalog/product.entity.js';
import { BlogArticle } from '../src/modules/blog/blog-article.entity.js';
import { BlogAuthor } from '../src/modules/blog/blog-author.entity.js';
import { Language } from '../src/modules/blog/language.entity.js';
import { ProductReview } from '../src/modules/reviews/product-review.entity.js';
import { Customer } from '../src/modules/sales/customer.entity.js';
import { OrderItem } from '../src/modules/sales/order-item.entity.js';
import { Order } from '../src/modules/sales/order.entity.js';
import { Page } from '../src/modules/wiki/page.entity.js';
import { Role, User } from '../src/modules/wiki/user.entity.js';

/**
 * Factories for tests: any field can be overridden, and required relations are created on demand
 * unless given. Default names carry a per-factory tag and a sequence number, so that factories
 * created in different tests never collide on the database's unique names.
 */
abstract class SequenceFactory<T extends object> extends Factory<T> {
  private seq = 0;
  protected readonly tag = randomBytes(3).toString('hex');

  constructor(em: EntityManager) {
    super(em);
  }

  protected next(): number {
    this.seq += 1;
    return this.seq;
  }

  protected override definition(input: EntityData<T> = {}): EntityData<T> {
    return { ...this.defaults(this.next(), input), ...input };
  }

  protected abstract defaults(n: number, input: EntityData<T>): EntityData<T>;
}

export class ManufacturerFactory extends SequenceFactory<Manufacturer> {
  readonly model = Manufacturer;
  protected defaults(n: number): EntityData<Manufacturer> {
    return { name: `Manufacturer ${this.tag}-${n}` };
  }
}

export class CountryFactory extends SequenceFactory<Country> {
  readonly model = Country;
  protected defaults(n: number): EntityData<Country> {
    return { name: `Country ${this.tag}-${n}` };
  }
}

export class ProductFactory extends SequenceFactory<Product> {
  readonly model = Product;
  protected defaults(n: number, input: EntityData<Product>): EntityData<Product> {
    return {
      name: `Product ${this.tag}-${n}`,
      year: 1980 + (n % 15),
      cpu: n % 2 ? '6502' : 'Z80',
      price: 100 + n,
      manufacturer: input.manufacturer ?? new ManufacturerFactory(this.em).makeOne({ name: `Maker ${this.tag}-${n}` }),
    };
  }
}

export class CustomerFactory extends SequenceFactory<Customer> {
  readonly model = Customer;
  protected defaults(n: number): EntityData<Customer> {
    return { name: `Customer ${this.tag}-${n}`, address: `${n} Retro Road`, phone: `+1 555 01${String(n).padStart(2, '0')}` };
  }
}

export class OrderFactory extends SequenceFactory<Order> {
  readonly model = Order;
  protected defaults(n: number, input: EntityData<Order>): EntityData<Order> {
    return {
      timestamp: new Date(Date.UTC(2022, 0, 1, 0, n)),
      customer: input.customer ?? new CustomerFactory(this.em).makeOne({ name: `Buyer ${this.tag}-${n}` }),
    };
  }
}

export class OrderItemFactory extends SequenceFactory<OrderItem> {
  readonly model = OrderItem;
  protected defaults(n: number, input: EntityData<OrderItem>): EntityData<OrderItem> {
    return {
      quantity: 1,
      unitPrice: 10 * n,
      order: input.order ?? new OrderFactory(this.em).makeOne(),
      product: input.product ?? new ProductFactory(this.em).makeOne({ name: `Item ${this.tag}-${n}` }),
    };
  }
}

export class ProductReviewFactory extends SequenceFactory<ProductReview> {
  readonly model = ProductReview;
  protected defaults(n: number, input: EntityData<ProductReview>): EntityData<ProductReview> {
    return {
      rating: 1 + (n % 5),
      comment: `Review ${n}`,
      timestamp: new Date(Date.UTC(2022, 1, 1, 0, n)),
      product: input.product ?? new ProductFactory(this.em).makeOne({ name: `Reviewed ${this.tag}-${n}` }),
      customer: input.customer ?? new CustomerFactory(this.em).makeOne({ name: `Reviewer ${this.tag}-${n}` }),
    };
  }
}

export class BlogAuthorFactory extends SequenceFactory<BlogAuthor> {
  readonly model = BlogAuthor;
  protected defaults(n: number): EntityData<BlogAuthor> {
    return { name: `Author ${this.tag}-${n}` };
  }
}

export class LanguageFactory extends SequenceFactory<Language> {
  readonly model = Language;
  protected defaults(n: number): EntityData<Language> {
    return { name: `Language ${this.tag}-${n}` };
  }
}

export class BlogArticleFactory extends SequenceFactory<BlogArticle> {
  readonly model = BlogArticle;
  protected defaults(n: number, input: EntityData<BlogArticle>): EntityData<BlogArticle> {
    return {
      title: `Article ${n}`,
      timestamp: new Date(Date.UTC(2022, 2, 1, 0, n)),
      author: input.author ?? new BlogAuthorFactory(this.em).makeOne({ name: `Writer ${this.tag}-${n}` }),
    };
  }
}

export class UserFactory extends SequenceFactory<User> {
  readonly model = User;
  protected defaults(n: number): EntityData<User> {
    // Not a real bcrypt hash: factories build rows, the auth module hashes real passwords.
    return { name: `user-${this.tag}-${n}`, role: Role.BASIC, passwordHash: `$2b$04$${'x'.repeat(53)}` };
  }
}

export class PageFactory extends SequenceFactory<Page> {
  readonly model = Page;
  protected defaults(n: number, input: EntityData<Page>): EntityData<Page> {
    return {
      name: `Page-${this.tag}-${n}`,
      data: `Content of page ${n}`,
      creator: input.creator ?? new UserFactory(this.em).makeOne({ name: `author-${this.tag}-${n}` }),
    };
  }
}
