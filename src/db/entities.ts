import type { EntityClass } from '@mikro-orm/core';
import { Country } from '../modules/catalog/country.entity.js';
import { Manufacturer } from '../modules/catalog/manufacturer.entity.js';
import { ProductCountry } from '../modules/catalog/product-country.entity.js';
import { Product } from '../modules/catalog/product.entity.js';
import { BlogArticle } from '../modules/blog/blog-article.entity.js';
import { BlogAuthor } from '../modules/blog/blog-author.entity.js';
import { BlogSession } from '../modules/blog/blog-session.entity.js';
import { BlogUser } from '../modules/blog/blog-user.entity.js';
import { BlogView } from '../modules/blog/blog-view.entity.js';
import { Language } from '../modules/blog/language.entity.js';
import { ProductReview } from '../modules/reviews/product-review.entity.js';
import { Customer } from '../modules/sales/customer.entity.js';
import { OrderItem } from '../modules/sales/order-item.entity.js';
import { Order } from '../modules/sales/order.entity.js';
import { Page } from '../modules/wiki/page.entity.js';
import { User } from '../modules/wiki/user.entity.js';
import { Follow } from '../modules/wiki/follow.entity.js';
import { Employee } from '../modules/staff/employee.entity.js';
import { Engineer } from '../modules/staff/engineer.entity.js';
import { EngineerProduct } from '../modules/staff/engineer-product.entity.js';
import { Manager } from '../modules/staff/manager.entity.js';

/** Every entity, listed explicitly: no folder scanning, so the app, CLI and tests see the same set. */
export const entities: readonly EntityClass<object>[] = [
  Manufacturer, Country, Product, ProductCountry,
  Customer, Order, OrderItem,
  ProductReview,
  BlogAuthor, Language, BlogArticle, BlogUser, BlogSession, BlogView,
  User, Page, Follow,
  Employee, Engineer, Manager, EngineerProduct,
];
