/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A new wiki page. */
export type CreatePageInput = {
  /** The page text. */
  data: string;
  /** Unique page name (WikiWord style), e.g. "HowToPackAnAmiga". */
  name: string;
  /** Parent page; omitted for a top-level page. */
  parentId?: string | number | null | undefined;
};

/** A new product. */
export type CreateProductInput = {
  /** Global ids of the country items (e.g. from their id field). */
  countryIds?: Array<string | number>;
  /** Processor, e.g. "Z80". */
  cpu?: string | null | undefined;
  /** Global id of the manufacturer. */
  manufacturerId: string | number;
  /** The unique name. */
  name: string;
  /** Current list price, at least 0, two decimals. */
  price: number;
  /** Year of launch. */
  year: number;
};

/** A customer created along with an order. */
export type CustomerDetailsInput = {
  /** Postal address. */
  address?: string | null | undefined;
  /** The unique name. */
  name: string;
  /** Phone number. */
  phone?: string | null | undefined;
};

/** Sort direction. */
export type OrderDirection =
  /** Smallest, earliest or A first (nulls last). */
  | 'ASC'
  /** Largest, latest or Z first (nulls last). */
  | 'DESC';

/** One line of an order. */
export type OrderItemInput = {
  /** Global id of the product. */
  productId: string | number;
  /** 1 to 1000. */
  quantity: number;
};

/** One sort key; orderBy takes several, the most significant first. */
export type OrderOrder = {
  /** Ascending (default) or descending. */
  direction?: OrderDirection;
  /** What to sort by. */
  field: OrderOrderField;
};

/** Order sort keys: TIMESTAMP, the customer's name (CUSTOMER), the order total (TOTAL). CUSTOMER and TOTAL page by position. */
export type OrderOrderField =
  /** The customer's name, alphabetically. */
  | 'CUSTOMER'
  /** When the order was placed. */
  | 'TIMESTAMP'
  /** The order total (computed: sorted by position, not keyset). */
  | 'TOTAL';

/** Give either customerId or customer (a new customer). */
export type PlaceOrderInput = {
  /** A new customer to create with the order (instead of customerId). */
  customer?: CustomerDetailsInput | null | undefined;
  /** Global id of the customer. */
  customerId?: string | number | null | undefined;
  /** Makes retries safe: placing an order again with the same key returns the first order instead of a new one. 8 to 64 characters of [A-Za-z0-9_-]. */
  idempotencyKey?: string | null | undefined;
  /** 1 to 50 lines, each product once. */
  items: Array<OrderItemInput>;
};

/** Pass back the sessionId/userId and the readerToken returned earlier to keep counting the same reader. */
export type RecordPageViewInput = {
  /** The article read. */
  articleId: string | number;
  /** The secret returned once when the reader was created; required with sessionId or userId. */
  readerToken?: string | null | undefined;
  /** Continue this session (needs readerToken). */
  sessionId?: string | number | null | undefined;
  /** Continue this reader in a new session (needs readerToken). */
  userId?: string | number | null | undefined;
};

/** Wiki role: basic < editor < admin. */
export type Role =
  /** Also manages user accounts. */
  | 'ADMIN'
  /** Reads everything public, creates wiki pages and edits its own. */
  | 'BASIC'
  /** Also reads sales and analytics, and edits the catalog, sales, reviews, blog and any page. */
  | 'EDITOR';

/** Whether a blog reader is a known customer. */
export type VisitorKind =
  /** A reader known only by its cookie. */
  | 'ANONYMOUS'
  /** A reader linked to a customer. */
  | 'CUSTOMER';

/** A customer's review of a product: writing it again replaces it. */
export type WriteReviewInput = {
  /** Free text; omit to only rate. */
  comment?: string | null | undefined;
  /** Global id of the customer. */
  customerId: string | number;
  /** Global id of the product. */
  productId: string | number;
  /** 1 to 5 stars. */
  rating: number;
};

export type OrderPlacedSubscriptionVariables = Exact<{
  customerId?: string | number | null | undefined;
  after?: string | null | undefined;
}>;


export type OrderPlacedSubscription = { orderPlaced: { id: string, timestamp: string, total: number, customer: { id: string, name: string }, items: Array<{ quantity: number, product: { id: string, name: string } }> } };

export type ReviewAddedSubscriptionVariables = Exact<{
  productId?: string | number | null | undefined;
  after?: string | null | undefined;
}>;


export type ReviewAddedSubscription = { reviewAdded: { rating: number, comment: string | null, timestamp: string, product: { id: string, name: string } } };

export type ProductChangedSubscriptionVariables = Exact<{
  id?: string | number | null | undefined;
  after?: string | null | undefined;
}>;


export type ProductChangedSubscription = { productChanged: { id: string, name: string, price: number | null, manufacturer: { name: string } } };

export type OrdersPageQueryVariables = Exact<{
  first: number;
  offset: number;
  search?: string | null | undefined;
  orderBy?: Array<OrderOrder> | OrderOrder | null | undefined;
}>;


export type OrdersPageQuery = { orders: { totalCount: number, nodes: Array<{ id: string, timestamp: string, total: number, customer: { id: string, name: string }, items: Array<{ id: string, quantity: number, product: { id: string, name: string } }> }> } | null };

export type OrdersPageSignInMutationVariables = Exact<{
  name: string;
  password: string;
}>;


export type OrdersPageSignInMutation = { login: { token: string, user: { id: string, name: string, role: Role | null } } | null };

export type OrdersPageLiveSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type OrdersPageLiveSubscription = { orderPlaced: { id: string } };

export type ArticleViewsQueryVariables = Exact<{ [key: string]: never; }>;


export type ArticleViewsQuery = { blogArticles: { nodes: Array<{ id: string, title: string, views: { totalCount: number, nodes: Array<{ id: string, timestamp: string, session: { id: string, user: { id: string, customer: { id: string, name: string } | null } } }> } | null }> } };

export type ArticlesWithTranslationsQueryVariables = Exact<{ [key: string]: never; }>;


export type ArticlesWithTranslationsQuery = { blogArticles: { totalCount: number, nodes: Array<{ id: string, title: string, timestamp: string, viewCount: number, author: { id: string, name: string }, language: { id: string, name: string } | null, product: { id: string, name: string } | null, translations: Array<{ id: string, title: string, viewCount: number, language: { id: string, name: string } | null }> }> } };

export type AuthorsAndLanguagesQueryVariables = Exact<{ [key: string]: never; }>;


export type AuthorsAndLanguagesQuery = { blogAuthors: { nodes: Array<{ id: string, name: string, articles: { totalCount: number, nodes: Array<{ id: string, title: string }> } }> }, languages: { nodes: Array<{ id: string, name: string, articles: { totalCount: number, nodes: Array<{ id: string, title: string, translationOf: { id: string, title: string } | null }> } }> } };

export type BestReviewedQueryVariables = Exact<{ [key: string]: never; }>;


export type BestReviewedQuery = { products: { nodes: Array<{ id: string, name: string, averageRating: number | null, reviewCount: number }> } };

export type CatalogReportQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogReportQuery = { byManufacturer: Array<{ products: number, firstYear: number, lastYear: number, key: { manufacturer: { id: string, name: string } | null } }>, byCpu: Array<{ products: number, firstYear: number, lastYear: number, key: { cpu: string | null } }> };

export type CountriesProductsQueryVariables = Exact<{ [key: string]: never; }>;


export type CountriesProductsQuery = { countries: { nodes: Array<{ id: string, name: string, products: { totalCount: number, nodes: Array<{ id: string, name: string, manufacturer: { id: string, name: string } }> } }> } };

export type CustomerHistoryQueryVariables = Exact<{ [key: string]: never; }>;


export type CustomerHistoryQuery = { customers: { nodes: Array<{ id: string, name: string, orders: { totalCount: number, nodes: Array<{ id: string, timestamp: string, total: number, items: Array<{ id: string, quantity: number, product: { id: string, name: string } }> }> } | null, reviews: { nodes: Array<{ id: string, rating: number, product: { id: string, name: string } }> } }> } | null };

export type LanguageQuestionsQueryVariables = Exact<{ [key: string]: never; }>;


export type LanguageQuestionsQuery = { languages: { nodes: Array<{ id: string, name: string, articles: { totalCount: number } }> }, untranslated: { totalCount: number, nodes: Array<{ id: string, title: string }> }, families: { nodes: Array<{ id: string, title: string, viewCount: number, viewCountWithTranslations: number, translations: Array<{ id: string, title: string, viewCount: number }> }> } };

export type ManufacturersTopProductsQueryVariables = Exact<{ [key: string]: never; }>;


export type ManufacturersTopProductsQuery = { manufacturers: { totalCount: number, nodes: Array<{ id: string, name: string, products: { totalCount: number, nodes: Array<{ id: string, name: string, year: number }> } }> } };

export type NodeLookupQueryVariables = Exact<{ [key: string]: never; }>;


export type NodeLookupQuery = { nodes: Array<
    | { __typename: 'BlogArticle', id: string }
    | { __typename: 'BlogAuthor', id: string }
    | { __typename: 'BlogSession', id: string }
    | { __typename: 'BlogUser', id: string }
    | { __typename: 'BlogView', id: string }
    | { __typename: 'Country', id: string }
    | { __typename: 'Customer', id: string }
    | { __typename: 'Engineer', id: string }
    | { __typename: 'Language', id: string }
    | { __typename: 'Manager', id: string }
    | { __typename: 'Manufacturer', id: string, name: string }
    | { __typename: 'Order', id: string }
    | { __typename: 'OrderItem', id: string }
    | { __typename: 'Page', id: string }
    | { __typename: 'Product', id: string, name: string }
    | { __typename: 'ProductReview', id: string }
    | { __typename: 'User', id: string }
   | null> };

export type OrdersByCustomerAndTotalQueryVariables = Exact<{ [key: string]: never; }>;


export type OrdersByCustomerAndTotalQuery = { orders: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, total: number, customer: { id: string, name: string } }> } | null };

export type OrdersSearchQueryVariables = Exact<{
  search: string;
}>;


export type OrdersSearchQuery = { orders: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, timestamp: string, total: number, customer: { id: string, name: string }, items: Array<{ id: string, quantity: number, product: { id: string, name: string } }> }> } | null };

export type PageViewsReportQueryVariables = Exact<{ [key: string]: never; }>;


export type PageViewsReportQuery = { byReader: Array<{ views: number, sessions: number, users: number, key: { visitorKind: VisitorKind | null, language: { id: string, name: string } | null } }> | null, byArticle: Array<{ views: number, sessions: number, users: number, key: { article: { id: string, title: string, author: { id: string, name: string } } | null } }> | null };

export type ProductDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type ProductDetailQuery = { product: { id: string, databaseId: number, name: string, year: number, cpu: string | null, price: number | null, averageRating: number | null, reviewCount: number, manufacturer: { id: string, name: string }, countries: Array<{ id: string, name: string }>, reviews: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, rating: number, comment: string | null, timestamp: string, customer: { id: string, name: string } }> } } | null };

export type ProductSearchQueryVariables = Exact<{ [key: string]: never; }>;


export type ProductSearchQuery = { products: { totalCount: number, nodes: Array<{ id: string, name: string, year: number, manufacturer: { id: string, name: string } }> }, commodore: { totalCount: number, nodes: Array<{ id: string, name: string }> } };

export type ProductsWithRelationsQueryVariables = Exact<{
  n: number;
}>;


export type ProductsWithRelationsQuery = { products: { nodes: Array<{ id: string, name: string, manufacturer: { id: string, name: string }, countries: Array<{ id: string, name: string }>, reviews: { nodes: Array<{ id: string, rating: number, customer: { id: string, name: string } }> } }> } };

export type RecentOrdersQueryVariables = Exact<{ [key: string]: never; }>;


export type RecentOrdersQuery = { orders: { totalCount: number, nodes: Array<{ id: string, timestamp: string, total: number, customer: { id: string, name: string }, items: Array<{ id: string, quantity: number, unitPrice: number, product: { id: string, name: string } }> }> } | null };

export type ReviewsByProductQueryVariables = Exact<{ [key: string]: never; }>;


export type ReviewsByProductQuery = { reviewStats: Array<{ count: number, averageRating: number, minRating: number, maxRating: number, key: { product: { id: string, name: string } | null } }>, ratings: Array<{ count: number, key: { rating: number | null } }> };

export type SalesByManufacturerAndCountryQueryVariables = Exact<{ [key: string]: never; }>;


export type SalesByManufacturerAndCountryQuery = { byManufacturer: Array<{ orders: number, revenue: number, key: { manufacturer: { id: string, name: string } | null } }> | null, byCountryYear: Array<{ revenue: number, key: { period: string | null, country: { id: string, name: string } | null } }> | null };

export type SalesByMonthQueryVariables = Exact<{ [key: string]: never; }>;


export type SalesByMonthQuery = { salesStats: Array<{ orders: number, units: number, revenue: number, key: { period: string | null } }> | null };

export type SalesTopProductsQueryVariables = Exact<{ [key: string]: never; }>;


export type SalesTopProductsQuery = { salesStats: Array<{ orders: number, units: number, revenue: number, averageOrderValue: number, key: { product: { id: string, name: string, manufacturer: { id: string, name: string } } | null } }> | null };

export type StaffQueryVariables = Exact<{ [key: string]: never; }>;


export type StaffQuery = { employees: { totalCount: number, nodes: Array<
      | { __typename: 'Engineer', id: string, specialty: string, name: string, hiredOn: string, certifiedProducts: { totalCount: number, nodes: Array<{ id: string, name: string }> }, manager: { id: string, name: string } | null, user: { id: string, name: string } | null }
      | { __typename: 'Manager', id: string, department: string, name: string, hiredOn: string, reports: { totalCount: number, nodes: Array<
            | { id: string, name: string }
            | { id: string, name: string }
          > }, manager: { id: string, name: string } | null, user: { id: string, name: string } | null }
    > }, managers: { totalCount: number, nodes: Array<
      | { id: string, name: string }
      | { id: string, department: string, name: string }
    > } };

export type WikiPagesQueryVariables = Exact<{ [key: string]: never; }>;


export type WikiPagesQuery = { pages: { totalCount: number, nodes: Array<{ id: string, name: string, creator: { id: string, name: string, role: Role | null }, parent: { id: string, name: string } | null, children: { totalCount: number, nodes: Array<{ id: string, name: string }> } }> }, page: { id: string, name: string, data: string, createdAt: string, creator: { id: string, name: string, pages: { totalCount: number, nodes: Array<{ id: string, name: string }> } } } | null };

export type CreatePageMutationVariables = Exact<{
  input: CreatePageInput;
}>;


export type CreatePageMutation = { createPage: { page: { id: string, name: string, creator: { id: string, name: string }, parent: { id: string, name: string } | null } } | null };

export type CreateProductMutationVariables = Exact<{
  input: CreateProductInput;
}>;


export type CreateProductMutation = { createProduct: { product: { id: string, name: string, price: number | null, manufacturer: { id: string, name: string }, countries: Array<{ id: string, name: string }> } } | null };

export type LoginMutationVariables = Exact<{
  name: string;
  password: string;
}>;


export type LoginMutation = { login: { token: string, expiresAt: string, user: { id: string, name: string, role: Role | null } } | null };

export type PlaceOrderMutationVariables = Exact<{
  input: PlaceOrderInput;
}>;


export type PlaceOrderMutation = { placeOrder: { replayed: boolean, order: { id: string, timestamp: string, total: number, customer: { id: string, name: string }, items: Array<{ id: string, quantity: number, unitPrice: number, product: { id: string, name: string } }> } } | null };

export type RecordPageViewMutationVariables = Exact<{
  input: RecordPageViewInput;
}>;


export type RecordPageViewMutation = { recordPageView: { sessionId: string, userId: string, readerToken: string | null, view: { id: string, timestamp: string, article: { id: string, title: string, viewCount: number } } } | null };

export type WriteReviewMutationVariables = Exact<{
  input: WriteReviewInput;
}>;


export type WriteReviewMutation = { writeReview: { created: boolean, review: { id: string, rating: number, comment: string | null, product: { id: string, name: string, averageRating: number | null, reviewCount: number }, customer: { id: string, name: string } } } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const OrderPlacedDocument = new TypedDocumentString(`
    subscription OrderPlaced($customerId: ID, $after: String) {
  orderPlaced(customerId: $customerId, after: $after) {
    id
    timestamp
    total
    customer {
      id
      name
    }
    items {
      quantity
      product {
        id
        name
      }
    }
  }
}
    `, {"hash":"sha256:de273b13acb82565518918f987c5921554ad12d6a13933c578779914af6b19d2"}) as unknown as TypedDocumentString<OrderPlacedSubscription, OrderPlacedSubscriptionVariables>;
export const ReviewAddedDocument = new TypedDocumentString(`
    subscription ReviewAdded($productId: ID, $after: String) {
  reviewAdded(productId: $productId, after: $after) {
    rating
    comment
    timestamp
    product {
      id
      name
    }
  }
}
    `, {"hash":"sha256:9ba24439a51b4ffeef2354ca0841c3630651814eb9d1f47ec2858e5f90d07372"}) as unknown as TypedDocumentString<ReviewAddedSubscription, ReviewAddedSubscriptionVariables>;
export const ProductChangedDocument = new TypedDocumentString(`
    subscription ProductChanged($id: ID, $after: String) {
  productChanged(id: $id, after: $after) {
    id
    name
    price
    manufacturer {
      name
    }
  }
}
    `, {"hash":"sha256:dfcdfe853473f8bb65c84a75c8c885062ddc24986e575d7d2defd911d3afce8c"}) as unknown as TypedDocumentString<ProductChangedSubscription, ProductChangedSubscriptionVariables>;
export const OrdersPageDocument = new TypedDocumentString(`
    query OrdersPage($first: Int!, $offset: Int!, $search: String, $orderBy: [OrderOrder!]) {
  orders(first: $first, offset: $offset, search: $search, orderBy: $orderBy) {
    totalCount
    nodes {
      id
      timestamp
      total
      customer {
        id
        name
      }
      items {
        id
        quantity
        product {
          id
          name
        }
      }
    }
  }
}
    `, {"hash":"sha256:69b5734855789b15b5ea12d162cff8dc1fe4f89caf5d3d2a534f0f7c0fa78f31"}) as unknown as TypedDocumentString<OrdersPageQuery, OrdersPageQueryVariables>;
export const OrdersPageSignInDocument = new TypedDocumentString(`
    mutation OrdersPageSignIn($name: String!, $password: String!) {
  login(input: {name: $name, password: $password}) {
    token
    user {
      id
      name
      role
    }
  }
}
    `, {"hash":"sha256:ab1e9598437fa0af0bd8a33375a72da15f6c253473a1e325cd7bb73ec9bf4427"}) as unknown as TypedDocumentString<OrdersPageSignInMutation, OrdersPageSignInMutationVariables>;
export const OrdersPageLiveDocument = new TypedDocumentString(`
    subscription OrdersPageLive {
  orderPlaced {
    id
  }
}
    `, {"hash":"sha256:e8a307a639950dfaca2716933b95f42401ffddef61438d796d3ac3d3f919f6f8"}) as unknown as TypedDocumentString<OrdersPageLiveSubscription, OrdersPageLiveSubscriptionVariables>;
export const ArticleViewsDocument = new TypedDocumentString(`
    query ArticleViews {
  blogArticles(first: 3, orderBy: [{field: TIMESTAMP, direction: ASC}]) {
    nodes {
      id
      title
      views(first: 3) {
        totalCount
        nodes {
          id
          timestamp
          session {
            id
            user {
              id
              customer {
                id
                name
              }
            }
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:ca1c569dde64c6bafd60023d44d216eabd71664456a088d96fcb66de4cd38eba"}) as unknown as TypedDocumentString<ArticleViewsQuery, ArticleViewsQueryVariables>;
export const ArticlesWithTranslationsDocument = new TypedDocumentString(`
    query ArticlesWithTranslations {
  blogArticles(filter: {isTranslation: false}) {
    totalCount
    nodes {
      id
      title
      timestamp
      author {
        id
        name
      }
      language {
        id
        name
      }
      product {
        id
        name
      }
      viewCount
      translations {
        id
        title
        language {
          id
          name
        }
        viewCount
      }
    }
  }
}
    `, {"hash":"sha256:f36d033ec498ec528d6244f5c57a07f63f5bcc2cfb54e5328eb7a525ce13c3cf"}) as unknown as TypedDocumentString<ArticlesWithTranslationsQuery, ArticlesWithTranslationsQueryVariables>;
export const AuthorsAndLanguagesDocument = new TypedDocumentString(`
    query AuthorsAndLanguages {
  blogAuthors {
    nodes {
      id
      name
      articles(first: 2) {
        totalCount
        nodes {
          id
          title
        }
      }
    }
  }
  languages {
    nodes {
      id
      name
      articles(first: 5) {
        totalCount
        nodes {
          id
          title
          translationOf {
            id
            title
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:e9a60f0a580d2441dedb6cba753c1680bd49a4341ca56abcf075aa3c8d730188"}) as unknown as TypedDocumentString<AuthorsAndLanguagesQuery, AuthorsAndLanguagesQueryVariables>;
export const BestReviewedDocument = new TypedDocumentString(`
    query BestReviewed {
  products(first: 30) {
    nodes {
      id
      name
      averageRating
      reviewCount
    }
  }
}
    `, {"hash":"sha256:aa92c45c7f22e7c6091c52366566bf716bd06d8b09bdda957ebc8f7897ce77a1"}) as unknown as TypedDocumentString<BestReviewedQuery, BestReviewedQueryVariables>;
export const CatalogReportDocument = new TypedDocumentString(`
    query CatalogReport {
  byManufacturer: catalogStats(
    groupBy: [MANUFACTURER]
    orderBy: [{field: PRODUCTS, direction: DESC}]
    first: 5
  ) {
    key {
      manufacturer {
        id
        name
      }
    }
    products
    firstYear
    lastYear
  }
  byCpu: catalogStats(groupBy: [CPU]) {
    key {
      cpu
    }
    products
    firstYear
    lastYear
  }
}
    `, {"hash":"sha256:5b5c66d3cf558108bcd7c8e4281daf91a830e2b681d3697d12cb295559119200"}) as unknown as TypedDocumentString<CatalogReportQuery, CatalogReportQueryVariables>;
export const CountriesProductsDocument = new TypedDocumentString(`
    query CountriesProducts {
  countries {
    nodes {
      id
      name
      products(first: 5) {
        totalCount
        nodes {
          id
          name
          manufacturer {
            id
            name
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:99ca1d6fb3f2fe2d6f01c1afb6132bbe57a0800c54e9aad306ec295d19d78192"}) as unknown as TypedDocumentString<CountriesProductsQuery, CountriesProductsQueryVariables>;
export const CustomerHistoryDocument = new TypedDocumentString(`
    query CustomerHistory {
  customers(first: 5) {
    nodes {
      id
      name
      orders(first: 2) {
        totalCount
        nodes {
          id
          timestamp
          total
          items {
            id
            quantity
            product {
              id
              name
            }
          }
        }
      }
      reviews(first: 2) {
        nodes {
          id
          rating
          product {
            id
            name
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:d0ef7bb4fa9d08de25684131ad1cb4399daf3665479e38b946eb89e548ab4dd8"}) as unknown as TypedDocumentString<CustomerHistoryQuery, CustomerHistoryQueryVariables>;
export const LanguageQuestionsDocument = new TypedDocumentString(`
    query LanguageQuestions {
  languages {
    nodes {
      id
      name
      articles {
        totalCount
      }
    }
  }
  untranslated: blogArticles(filter: {missingTranslationInto: "TGFuZ3VhZ2U6Mg"}) {
    totalCount
    nodes {
      id
      title
    }
  }
  families: blogArticles(filter: {isTranslation: false}) {
    nodes {
      id
      title
      viewCount
      viewCountWithTranslations
      translations {
        id
        title
        viewCount
      }
    }
  }
}
    `, {"hash":"sha256:712a04297c90f81af1cffaeeedefb00c78cd812e828fe4400d99e6b79626ffec"}) as unknown as TypedDocumentString<LanguageQuestionsQuery, LanguageQuestionsQueryVariables>;
export const ManufacturersTopProductsDocument = new TypedDocumentString(`
    query ManufacturersTopProducts {
  manufacturers(first: 20) {
    totalCount
    nodes {
      id
      name
      products(first: 3, orderBy: [{field: YEAR, direction: DESC}]) {
        totalCount
        nodes {
          id
          name
          year
        }
      }
    }
  }
}
    `, {"hash":"sha256:2100d9e25303bb9f0249471c7446fadf45c9f2f5c22d3a76d10e28d36c28cd86"}) as unknown as TypedDocumentString<ManufacturersTopProductsQuery, ManufacturersTopProductsQueryVariables>;
export const NodeLookupDocument = new TypedDocumentString(`
    query NodeLookup {
  nodes(
    ids: ["UHJvZHVjdDox", "UHJvZHVjdDoy", "TWFudWZhY3R1cmVyOjE", "UHJvZHVjdDo5OTk5OTk"]
  ) {
    __typename
    id
    ... on Product {
      id
      name
    }
    ... on Manufacturer {
      id
      name
    }
  }
}
    `, {"hash":"sha256:c2a798c7d97bfa699cd61600856017d8e494f44098763a0077fca4b85820b129"}) as unknown as TypedDocumentString<NodeLookupQuery, NodeLookupQueryVariables>;
export const OrdersByCustomerAndTotalDocument = new TypedDocumentString(`
    query OrdersByCustomerAndTotal {
  orders(
    first: 10
    orderBy: [{field: CUSTOMER, direction: ASC}, {field: TOTAL, direction: DESC}]
  ) {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      customer {
        id
        name
      }
      total
    }
  }
}
    `, {"hash":"sha256:633cd0c8def09b67c90c37f1184c58b58fed1da4205e910410331167268ec1f5"}) as unknown as TypedDocumentString<OrdersByCustomerAndTotalQuery, OrdersByCustomerAndTotalQueryVariables>;
export const OrdersSearchDocument = new TypedDocumentString(`
    query OrdersSearch($search: String!) {
  orders(search: $search, orderBy: [{field: TOTAL, direction: DESC}], first: 10) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      timestamp
      total
      customer {
        id
        name
      }
      items {
        id
        quantity
        product {
          id
          name
        }
      }
    }
  }
}
    `, {"hash":"sha256:75b65d6a1239cc6df0bf4e10084043fac93e9bae286ab136b91709e75caa5bda"}) as unknown as TypedDocumentString<OrdersSearchQuery, OrdersSearchQueryVariables>;
export const PageViewsReportDocument = new TypedDocumentString(`
    query PageViewsReport {
  byReader: pageViewStats(groupBy: [VISITOR_KIND, LANGUAGE]) {
    key {
      visitorKind
      language {
        id
        name
      }
    }
    views
    sessions
    users
  }
  byArticle: pageViewStats(groupBy: [ARTICLE], first: 5) {
    key {
      article {
        id
        title
        author {
          id
          name
        }
      }
    }
    views
    sessions
    users
  }
}
    `, {"hash":"sha256:70e588c1b8d4ff267341a8c65764c70cb664ad32cada07516280e329e61f55cc"}) as unknown as TypedDocumentString<PageViewsReportQuery, PageViewsReportQueryVariables>;
export const ProductDetailDocument = new TypedDocumentString(`
    query ProductDetail($id: ID!) {
  product(id: $id) {
    id
    databaseId
    name
    year
    cpu
    price
    manufacturer {
      id
      name
    }
    countries {
      id
      name
    }
    averageRating
    reviewCount
    reviews(first: 5) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        rating
        comment
        timestamp
        customer {
          id
          name
        }
      }
    }
  }
}
    `, {"hash":"sha256:91d4d435b7704b2080b1a9a7b33b9f300ffab8fc0ca404b3080725f19de29336"}) as unknown as TypedDocumentString<ProductDetailQuery, ProductDetailQueryVariables>;
export const ProductSearchDocument = new TypedDocumentString(`
    query ProductSearch {
  products(
    filter: {cpu: "Z80", yearFrom: 1980, yearTo: 1985}
    orderBy: [{field: YEAR, direction: ASC}, {field: NAME, direction: ASC}]
  ) {
    totalCount
    nodes {
      id
      name
      year
      manufacturer {
        id
        name
      }
    }
  }
  commodore: products(filter: {nameContains: "amiga"}) {
    totalCount
    nodes {
      id
      name
    }
  }
}
    `, {"hash":"sha256:0065de6092577746cbf29050620695ca0a038f92e46ff1a53caa4414fae75182"}) as unknown as TypedDocumentString<ProductSearchQuery, ProductSearchQueryVariables>;
export const ProductsWithRelationsDocument = new TypedDocumentString(`
    query ProductsWithRelations($n: Int!) {
  products(first: $n, orderBy: [{field: NAME, direction: ASC}]) {
    nodes {
      id
      name
      manufacturer {
        id
        name
      }
      countries {
        id
        name
      }
      reviews(first: 3) {
        nodes {
          id
          rating
          customer {
            id
            name
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:66a4d919a4dc15c1d8e68778d4dd74a037490c30c61f29b58aef41f9565017f0"}) as unknown as TypedDocumentString<ProductsWithRelationsQuery, ProductsWithRelationsQueryVariables>;
export const RecentOrdersDocument = new TypedDocumentString(`
    query RecentOrders {
  orders(first: 10) {
    totalCount
    nodes {
      id
      timestamp
      total
      customer {
        id
        name
      }
      items {
        id
        quantity
        unitPrice
        product {
          id
          name
        }
      }
    }
  }
}
    `, {"hash":"sha256:33e64d6f83ac63a1e3e68322f207ca8c7698960e3a336fb823d496913eaf6011"}) as unknown as TypedDocumentString<RecentOrdersQuery, RecentOrdersQueryVariables>;
export const ReviewsByProductDocument = new TypedDocumentString(`
    query ReviewsByProduct {
  reviewStats(
    groupBy: [PRODUCT]
    orderBy: [{field: COUNT, direction: DESC}]
    first: 10
  ) {
    key {
      product {
        id
        name
      }
    }
    count
    averageRating
    minRating
    maxRating
  }
  ratings: reviewStats(
    groupBy: [RATING]
    orderBy: [{field: KEY, direction: DESC}]
  ) {
    key {
      rating
    }
    count
  }
}
    `, {"hash":"sha256:8fd67851d93ffa0f715ed03e1528913e517763341a85c39177fe1220ae971610"}) as unknown as TypedDocumentString<ReviewsByProductQuery, ReviewsByProductQueryVariables>;
export const SalesByManufacturerAndCountryDocument = new TypedDocumentString(`
    query SalesByManufacturerAndCountry {
  byManufacturer: salesStats(groupBy: [MANUFACTURER]) {
    key {
      manufacturer {
        id
        name
      }
    }
    orders
    revenue
  }
  byCountryYear: salesStats(
    groupBy: [COUNTRY, YEAR]
    orderBy: [{field: KEY, direction: ASC}]
  ) {
    key {
      country {
        id
        name
      }
      period
    }
    revenue
  }
}
    `, {"hash":"sha256:c0bba3cc31424e555ab6494c5cb325948705a81a033504f9427bb4aa8768b1dd"}) as unknown as TypedDocumentString<SalesByManufacturerAndCountryQuery, SalesByManufacturerAndCountryQueryVariables>;
export const SalesByMonthDocument = new TypedDocumentString(`
    query SalesByMonth {
  salesStats(groupBy: [MONTH], orderBy: [{field: KEY, direction: ASC}]) {
    key {
      period
    }
    orders
    units
    revenue
  }
}
    `, {"hash":"sha256:5f3ef6bee55603e194bf758035ca26b064f89202e80e75da821a0b56deebb974"}) as unknown as TypedDocumentString<SalesByMonthQuery, SalesByMonthQueryVariables>;
export const SalesTopProductsDocument = new TypedDocumentString(`
    query SalesTopProducts {
  salesStats(
    groupBy: [PRODUCT]
    orderBy: [{field: REVENUE, direction: DESC}]
    first: 10
  ) {
    key {
      product {
        id
        name
        manufacturer {
          id
          name
        }
      }
    }
    orders
    units
    revenue
    averageOrderValue
  }
}
    `, {"hash":"sha256:20ce7dfbab3e13ac8ed90b58d48a9a3f6f3698c5a8c0222b771e3211df4ca8f2"}) as unknown as TypedDocumentString<SalesTopProductsQuery, SalesTopProductsQueryVariables>;
export const StaffDocument = new TypedDocumentString(`
    query Staff {
  employees(first: 20) {
    totalCount
    nodes {
      __typename
      id
      name
      hiredOn
      manager {
        id
        name
      }
      user {
        id
        name
      }
      ... on Engineer {
        id
        specialty
        certifiedProducts(first: 5) {
          totalCount
          nodes {
            id
            name
          }
        }
      }
      ... on Manager {
        id
        department
        reports(first: 10) {
          totalCount
          nodes {
            id
            name
          }
        }
      }
    }
  }
  managers: employees(kind: MANAGER) {
    totalCount
    nodes {
      id
      name
      ... on Manager {
        id
        department
      }
    }
  }
}
    `, {"hash":"sha256:380bff820dbf49540003f162ade8032f3fa30600bebfd44668d7230ec627f4d0"}) as unknown as TypedDocumentString<StaffQuery, StaffQueryVariables>;
export const WikiPagesDocument = new TypedDocumentString(`
    query WikiPages {
  pages {
    totalCount
    nodes {
      id
      name
      creator {
        id
        name
        role
      }
      parent {
        id
        name
      }
      children(first: 5) {
        totalCount
        nodes {
          id
          name
        }
      }
    }
  }
  page(name: "FrontPage") {
    id
    name
    data
    createdAt
    creator {
      id
      name
      pages(first: 5) {
        totalCount
        nodes {
          id
          name
        }
      }
    }
  }
}
    `, {"hash":"sha256:2bca94967d54ea7ba2cd98945c01b1bb1b2c440443d5828dc33ee4c68ed78c7a"}) as unknown as TypedDocumentString<WikiPagesQuery, WikiPagesQueryVariables>;
export const CreatePageDocument = new TypedDocumentString(`
    mutation CreatePage($input: CreatePageInput!) {
  createPage(input: $input) {
    page {
      id
      name
      creator {
        id
        name
      }
      parent {
        id
        name
      }
    }
  }
}
    `, {"hash":"sha256:49e7f05b592ae8d74ad2f5119ba3498ddbb0e05f3f3f1c8fc5da63af7143f182"}) as unknown as TypedDocumentString<CreatePageMutation, CreatePageMutationVariables>;
export const CreateProductDocument = new TypedDocumentString(`
    mutation CreateProduct($input: CreateProductInput!) {
  createProduct(input: $input) {
    product {
      id
      name
      price
      manufacturer {
        id
        name
      }
      countries {
        id
        name
      }
    }
  }
}
    `, {"hash":"sha256:aabe4ddd748ebde57ef9a6e83628f5479d9c623f0587c547befb6dad40490c8c"}) as unknown as TypedDocumentString<CreateProductMutation, CreateProductMutationVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($name: String!, $password: String!) {
  login(input: {name: $name, password: $password}) {
    token
    expiresAt
    user {
      id
      name
      role
    }
  }
}
    `, {"hash":"sha256:73d4250e1ddd2e1bd5acabf4f62721d3302c3962baae98d769c5a240c0b7c3ae"}) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const PlaceOrderDocument = new TypedDocumentString(`
    mutation PlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    replayed
    order {
      id
      timestamp
      total
      customer {
        id
        name
      }
      items {
        id
        quantity
        unitPrice
        product {
          id
          name
        }
      }
    }
  }
}
    `, {"hash":"sha256:a1567275c609d4f410011277e0d3a094babb917780cd20346b877aab9fcec838"}) as unknown as TypedDocumentString<PlaceOrderMutation, PlaceOrderMutationVariables>;
export const RecordPageViewDocument = new TypedDocumentString(`
    mutation RecordPageView($input: RecordPageViewInput!) {
  recordPageView(input: $input) {
    sessionId
    userId
    readerToken
    view {
      id
      timestamp
      article {
        id
        title
        viewCount
      }
    }
  }
}
    `, {"hash":"sha256:8ada3d1aaf6c0c6bb9f01e5453e6fad4eb813db4ac2dadf2dc8ab1596cda65c1"}) as unknown as TypedDocumentString<RecordPageViewMutation, RecordPageViewMutationVariables>;
export const WriteReviewDocument = new TypedDocumentString(`
    mutation WriteReview($input: WriteReviewInput!) {
  writeReview(input: $input) {
    created
    review {
      id
      rating
      comment
      product {
        id
        name
        averageRating
        reviewCount
      }
      customer {
        id
        name
      }
    }
  }
}
    `, {"hash":"sha256:02be233c6050d82389da345c16cd5e5f9d2a2c68d6148f153d8f3b59938ec96a"}) as unknown as TypedDocumentString<WriteReviewMutation, WriteReviewMutationVariables>;