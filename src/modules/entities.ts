import type { EntityClass } from '@mikro-orm/core';
import { Country } from './catalog/country.entity.js';
import { Manufacturer } from './catalog/manufacturer.entity.js';
import { ProductCountry } from './catalog/product-country.entity.js';
import { Product } from './catalog/product.entity.js';
import { BlogArticle } from './blog/blog-article.entity.js';
import { BlogAuthor } from './blog/blog-author.entity.js';
import { BlogSession } from './blog/blog-session.entity.js';
import { BlogUser } from './blog/blog-user.entity.js';
import { BlogView } from './blog/blog-view.entity.js';
import { Language } from './blog/language.entity.js';
import { ProductReview } from './reviews/product-review.entity.js';
import { Customer } from './sales/customer.entity.js';
import { OrderItem } from './sales/order-item.entity.js';
import { Order } from './sales/order.entity.js';
import { Page } from './wiki/page.entity.js';
import { User } from './wiki/user.entity.js';
import { Follow } from './wiki/follow.entity.js';
import { Employee } from './staff/employee.entity.js';
import { Engineer } from './staff/engineer.entity.js';
import { EngineerProduct } from './staff/engineer-product.entity.js';
import { Manager } from './staff/manager.entity.js';
import { LiveEvent } from './live/live-event.entity.js';

/** The entities of the book's models (its tables), in the order their rows can be loaded. */
export const bookEntities: readonly EntityClass<object>[] = [
  Manufacturer,
  Country,
  Product,
  ProductCountry,
  Customer,
  Order,
  OrderItem,
  ProductReview,
  BlogAuthor,
  Language,
  BlogArticle,
  BlogUser,
  BlogSession,
  BlogView,
];

/** What the service keeps for itself, not the store's data: left out of dumps and restores (the live events' 24-hour log). */
export const operationalEntities: readonly EntityClass<object>[] = [LiveEvent];

/** The store's data: every entity a dump holds. */
export const dataEntities: readonly EntityClass<object>[] = [...bookEntities, User, Page, Follow, Employee, Engineer, Manager, EngineerProduct];

/** Every entity, listed explicitly: no folder scanning, so the app, CLI and tests see the same set. */
export const entities: readonly EntityClass<object>[] = [...dataEntities, ...operationalEntities];
