import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';

/**
 * Schema documentation that the decorators do not carry: what the generic parts mean wherever
 * they recur (filters, global ids, mutation inputs), and a description for every remaining type,
 * field, argument and enum value, by schema coordinate. Front-end teams read these in their
 * editors through codegen; a CI test requires one everywhere. A coordinate here that no longer
 * exists in the schema is an error, so this file cannot drift.
 */
const TEXT: Record<string, string> = {
  // Money: decimals with two places (numeric(10,2) on PostgreSQL), sent as Float.
  'Product.price': 'Current list price in pounds, a decimal with two places (sent as a Float); null until one is set.',
  'Order.total': 'Sum of quantity × unit price of the items, in pounds, two decimal places (sent as a Float).',
  'OrderItem.unitPrice': 'Price of one unit when the order was placed, in pounds, two decimal places (sent as a Float).',
  'SalesStatsRow.revenue': 'Sum of quantity × unit price, in pounds, two decimal places (sent as a Float).',
  'SalesStatsRow.averageOrderValue': 'Revenue per distinct order, in pounds (sent as a Float).',
  // Catalog
  Manufacturer: 'A maker of home computers (the book\'s manufacturers table).',
  'Manufacturer.name': 'Unique name, e.g. "Commodore".',
  Country: 'A country where computers were made.',
  'Country.name': 'Unique name, e.g. "UK".',
  'Product.name': 'Unique model name, e.g. "Amiga 500".',
  'Product.cpu': 'The processor, e.g. "68000"; null when unknown.',
  'Product.manufacturer': 'Who made it.',
  ProductOrderField: 'What products can be sorted by.',
  'ProductOrderField.NAME': 'Model name, alphabetically.',
  'ProductOrderField.YEAR': 'Year of launch.',
  'ProductOrderField.PRICE': 'Current list price; products without one come last.',
  'ProductOrderField.CPU': 'Processor name, alphabetically; unknown CPUs come last.',
  'ProductOrderField.AVERAGE_RATING': 'Mean star rating of the reviews; products without reviews come last.',
  NameOrderField: 'What named objects (manufacturers, countries, customers, authors, languages) can be sorted by.',
  'NameOrderField.NAME': 'Name, alphabetically.',
  NameFilter: 'Conditions on a name.',
  // Sales
  'Customer.name': 'Unique name.',
  'Order.customer': 'Who placed the order.',
  'OrderItem.quantity': 'Units ordered, at least 1.',
  'OrderItem.product': 'The product ordered.',
  'OrderItem.order': 'The order this line belongs to.',
  'OrderOrderField.TIMESTAMP': 'When the order was placed.',
  'OrderOrderField.CUSTOMER': "The customer's name, alphabetically.",
  'OrderOrderField.TOTAL': 'The order total (computed: sorted by position, not keyset).',
  'OrderFilter.timestamp': 'Placed within this time range.',
  // Reviews
  'ProductReview.timestamp': 'When the review was written.',
  'ProductReview.comment': 'Free text; null when the customer only rated.',
  'ProductReview.product': 'The product reviewed.',
  'ProductReview.customer': 'Who wrote it (its name is public, its contact details are not).',
  ReviewOrderField: 'What reviews can be sorted by.',
  'ReviewOrderField.TIMESTAMP': 'When the review was written.',
  'ReviewOrderField.RATING': 'Star rating.',
  'ReviewFilter.minRating': 'At least this many stars (1 to 5).',
  'ReviewFilter.maxRating': 'At most this many stars (1 to 5).',
  'ReviewFilter.timestamp': 'Written within this time range.',
  TimeRange: 'A time range; either end may be left open.',
  // Blog
  BlogAuthor: 'An author of blog articles.',
  'BlogAuthor.name': 'Unique name.',
  'BlogAuthor.articles': "The author's articles, newest first by default.",
  Language: 'A language articles are written in.',
  'Language.name': 'Unique name, e.g. "German".',
  'Language.articles': 'Articles written in this language, newest first by default.',
  'BlogArticle.title': 'Unique title.',
  'BlogArticle.author': 'Who wrote it.',
  'BlogArticle.language': 'The language it is written in; null when not recorded.',
  BlogArticleOrderField: 'What articles can be sorted by.',
  'BlogArticleOrderField.TIMESTAMP': 'Publication time.',
  'BlogArticleOrderField.TITLE': 'Title, alphabetically.',
  'BlogArticleFilter.timestamp': 'Published within this time range.',
  'BlogSession.user': 'The reader of this session.',
  'BlogView.timestamp': 'When the page was viewed.',
  'BlogView.article': 'The article viewed.',
  'BlogView.session': 'The reading session it belongs to.',
  BlogViewOrderField: 'What page views can be sorted by.',
  'BlogViewOrderField.TIMESTAMP': 'When the page was viewed.',
  BlogViewFilter: 'Conditions on page views.',
  'BlogViewFilter.timestamp': 'Viewed within this time range.',
  // Wiki
  'Page.createdAt': 'When the page was created.',
  'Page.updatedAt': 'When its text or name last changed.',
  'Page.creator': 'The staff member who created it.',
  'Page.parent': 'The page above it in the tree; null for a top-level page.',
  PageOrderField: 'What wiki pages can be sorted by.',
  'PageOrderField.NAME': 'Page name, alphabetically.',
  'PageOrderField.CREATED_AT': 'Creation time.',
  'PageOrderField.UPDATED_AT': 'Time of the last change.',
  'User.name': 'Unique user name (3 to 64 letters, digits, dots, dashes or underscores).',
  'Role.BASIC': 'Reads everything public, creates wiki pages and edits its own.',
  'Role.EDITOR': 'Also reads sales and analytics, and edits the catalog, sales, reviews, blog and any page.',
  'Role.ADMIN': 'Also manages user accounts.',
  // Root
  Query: 'Everything this service answers. Lists are Relay connections with first/after or last/before (at most 100 items a page).',
  Mutation: 'Every write: each runs as one transaction, all of it or none of it. Editors-only unless stated otherwise.',
  'Query.page(name)': 'The exact page name, e.g. "FrontPage".',
  'Query.nodes(ids)': 'Global ids, at most 100; the answer keeps their order.',
  'Query.node(id)': 'A global id of any type.',
  // Reports
  SalesStatsRow: 'One group of salesStats: its key and its figures.',
  'SalesStatsRow.key': 'The values of the groupBy dimensions for this group.',
  SalesStatsKey: 'What identifies a group of salesStats: one field per dimension asked for, the others null.',
  'SalesStatsKey.product': 'The product (PRODUCT dimension).',
  'SalesStatsKey.manufacturer': 'The manufacturer (MANUFACTURER dimension).',
  'SalesStatsKey.country': 'The country of manufacture (COUNTRY dimension; a product made in two countries counts in both).',
  'SalesStatsKey.customer': 'The customer (CUSTOMER dimension).',
  SalesStatsOrderField: 'What salesStats groups can be sorted by.',
  'SalesStatsOrderField.KEY': 'The group key, dimension by dimension.',
  'SalesStatsOrderField.ORDERS': 'Number of distinct orders.',
  'SalesStatsOrderField.UNITS': 'Units sold.',
  'SalesStatsOrderField.REVENUE': 'Revenue (quantity × unit price).',
  'SalesStatsOrderField.AVERAGE_ORDER_VALUE': 'Revenue per order.',
  SalesDimension: 'What salesStats can group by (up to 3 at once).',
  'SalesDimension.PRODUCT': 'Per product.',
  'SalesDimension.MANUFACTURER': 'Per manufacturer.',
  'SalesDimension.COUNTRY': 'Per country of manufacture.',
  'SalesDimension.CPU': 'Per processor.',
  'SalesDimension.CUSTOMER': 'Per customer.',
  'SalesDimension.YEAR': 'Per calendar year of the order (UTC).',
  'SalesDimension.MONTH': 'Per calendar month of the order (UTC).',
  'SalesDimension.DAY': 'Per day of the order (UTC).',
  ReviewStatsRow: 'One group of reviewStats: its key and its figures.',
  'ReviewStatsRow.key': 'The values of the groupBy dimensions for this group.',
  'ReviewStatsRow.count': 'Number of reviews.',
  'ReviewStatsRow.minRating': 'Lowest rating in the group.',
  'ReviewStatsRow.maxRating': 'Highest rating in the group.',
  ReviewStatsKey: 'What identifies a group of reviewStats: one field per dimension asked for, the others null.',
  'ReviewStatsKey.rating': 'The star rating (RATING dimension).',
  'ReviewStatsKey.product': 'The product (PRODUCT dimension).',
  'ReviewStatsKey.manufacturer': 'The manufacturer (MANUFACTURER dimension).',
  'ReviewStatsKey.customer': 'The reviewer (CUSTOMER dimension).',
  ReviewStatsOrderField: 'What reviewStats groups can be sorted by.',
  'ReviewStatsOrderField.KEY': 'The group key, dimension by dimension.',
  'ReviewStatsOrderField.COUNT': 'Number of reviews.',
  'ReviewStatsOrderField.AVERAGE_RATING': 'Average rating.',
  'ReviewStatsFilter.timestamp': 'Reviews written within this time range.',
  'ReviewStatsFilter.minRating': 'Reviews of at least this many stars.',
  'ReviewStatsFilter.maxRating': 'Reviews of at most this many stars.',
  ReviewDimension: 'What reviewStats can group by (up to 3 at once).',
  'ReviewDimension.PRODUCT': 'Per product.',
  'ReviewDimension.MANUFACTURER': "Per product's manufacturer.",
  'ReviewDimension.CUSTOMER': 'Per reviewer.',
  'ReviewDimension.RATING': 'Per star rating.',
  'ReviewDimension.MONTH': 'Per calendar month of the review (UTC).',
  PageViewStatsRow: 'One group of pageViewStats: its key and its figures.',
  'PageViewStatsRow.key': 'The values of the groupBy dimensions for this group.',
  'PageViewStatsRow.views': 'Number of page views.',
  PageViewStatsKey: 'What identifies a group of pageViewStats: one field per dimension asked for, the others null.',
  'PageViewStatsKey.visitorKind': 'Customer or anonymous reader (VISITOR_KIND dimension).',
  'PageViewStatsKey.article': 'The article (ARTICLE dimension).',
  'PageViewStatsKey.author': "The article's author (AUTHOR dimension).",
  'PageViewStatsKey.language': "The article's language (LANGUAGE dimension).",
  'PageViewStatsKey.product': 'The product the article is about (PRODUCT dimension).',
  VisitorKind: 'Whether a blog reader is a known customer.',
  'VisitorKind.CUSTOMER': 'A reader linked to a customer.',
  'VisitorKind.ANONYMOUS': 'A reader known only by its cookie.',
  PageViewStatsOrderField: 'What pageViewStats groups can be sorted by.',
  'PageViewStatsOrderField.KEY': 'The group key, dimension by dimension.',
  'PageViewStatsOrderField.VIEWS': 'Number of views.',
  'PageViewStatsOrderField.SESSIONS': 'Number of distinct sessions.',
  'PageViewStatsOrderField.USERS': 'Number of distinct readers.',
  PageViewDimension: 'What pageViewStats can group by (up to 3 at once).',
  'PageViewDimension.ARTICLE': 'Per article.',
  'PageViewDimension.AUTHOR': "Per article's author.",
  'PageViewDimension.LANGUAGE': "Per article's language.",
  'PageViewDimension.PRODUCT': 'Per product the article is about.',
  'PageViewDimension.DAY': 'Per day of the view (UTC).',
  'PageViewDimension.MONTH': 'Per calendar month of the view (UTC).',
  'PageViewDimension.VISITOR_KIND': 'Customers against anonymous readers.',
  'PageViewDimension.CUSTOMER': 'Per customer behind the reader (anonymous readers in one group with a null customer).',
  'PageViewStatsKey.customer': 'The customer behind the readers (CUSTOMER dimension); null for anonymous readers.',
  CatalogStatsRow: 'One group of catalogStats: its key and its figures.',
  'CatalogStatsRow.key': 'The values of the groupBy dimensions for this group.',
  'CatalogStatsRow.products': 'Number of products.',
  'CatalogStatsRow.firstYear': 'Earliest year of launch in the group.',
  'CatalogStatsRow.lastYear': 'Latest year of launch in the group.',
  CatalogStatsKey: 'What identifies a group of catalogStats: one field per dimension asked for, the others null.',
  'CatalogStatsKey.cpu': 'The processor (CPU dimension).',
  'CatalogStatsKey.year': 'The year of launch (YEAR dimension).',
  'CatalogStatsKey.manufacturer': 'The manufacturer (MANUFACTURER dimension).',
  'CatalogStatsKey.country': 'The country of manufacture (COUNTRY dimension).',
  CatalogStatsOrderField: 'What catalogStats groups can be sorted by.',
  'CatalogStatsOrderField.KEY': 'The group key, dimension by dimension.',
  'CatalogStatsOrderField.PRODUCTS': 'Number of products.',
  CatalogDimension: 'What catalogStats can group by (up to 3 at once).',
  'CatalogDimension.MANUFACTURER': 'Per manufacturer.',
  'CatalogDimension.COUNTRY': 'Per country of manufacture.',
  'CatalogDimension.CPU': 'Per processor.',
  'CatalogDimension.YEAR': 'Per year of launch.',
  // Mutations
  'Mutation.createManufacturer': 'Adds a manufacturer (editors).',
  'Mutation.updateManufacturer': 'Renames a manufacturer (editors).',
  'Mutation.createCountry': 'Adds a country (editors).',
  'Mutation.updateCountry': 'Renames a country (editors).',
  'Mutation.createProduct': 'Adds a product with its manufacturer and countries (editors).',
  'Mutation.updateProduct': 'Changes the fields given of a product; countryIds replaces its countries (editors).',
  'Mutation.createBlogAuthor': 'Adds a blog author (editors).',
  'Mutation.createLanguage': 'Adds a language (editors).',
  'Mutation.createBlogArticle': 'Publishes an article (editors).',
  'Mutation.updateBlogArticle': 'Changes the fields given of an article (editors).',
  'Mutation.deleteReview': "Deletes a customer's review of a product (editors).",
  'Mutation.createCustomer': 'Adds a customer (editors).',
  'Mutation.updateCustomer': 'Changes the fields given of a customer (editors).',
  'Mutation.updateOrderItems': "Replaces an order's lines: new products at current prices, kept lines keep their price (editors).",
  'Mutation.createUser': 'Creates a staff account (admins).',
  'Mutation.setUserRole': "Changes an account's role; it applies on the account's next request (admins).",
  'Mutation.createPage': 'Creates a wiki page, owned by you (any signed-in user).',
  // Inputs
  CreateManufacturerInput: 'A new manufacturer.',
  UpdateManufacturerInput: 'New values for a manufacturer.',
  CreateCountryInput: 'A new country.',
  UpdateCountryInput: 'New values for a country.',
  CreateProductInput: 'A new product.',
  'CreateProductInput.year': 'Year of launch.',
  'CreateProductInput.cpu': 'Processor, e.g. "Z80".',
  'UpdateProductInput.year': 'Year of launch.',
  'UpdateProductInput.price': 'Current list price, at least 0, two decimals.',
  CreateBlogAuthorInput: 'A new blog author.',
  CreateLanguageInput: 'A new language.',
  CreateBlogArticleInput: 'A new article.',
  'CreateBlogArticleInput.title': 'Unique title.',
  'UpdateBlogArticleInput.title': 'New unique title.',
  AddTranslationInput: 'A translation of an existing article.',
  'AddTranslationInput.title': 'Title of the translation (unique).',
  WriteReviewInput: "A customer's review of a product: writing it again replaces it.",
  'WriteReviewInput.comment': 'Free text; omit to only rate.',
  DeleteReviewInput: 'Which review to delete: a product and its reviewer.',
  CreateCustomerInput: 'A new customer.',
  'CreateCustomerInput.address': 'Postal address (editors only can read it).',
  'CreateCustomerInput.phone': 'Phone number (editors only can read it).',
  'UpdateCustomerInput.address': 'New postal address; empty removes it.',
  'UpdateCustomerInput.phone': 'New phone number; empty removes it.',
  'PlaceOrderInput.customer': 'A new customer to create with the order (instead of customerId).',
  CustomerDetailsInput: 'A customer created along with an order.',
  'CustomerDetailsInput.address': 'Postal address.',
  'CustomerDetailsInput.phone': 'Phone number.',
  OrderItemInput: 'One line of an order.',
  'UpdateOrderItemsInput.items': "The order's lines after the change: one per product.",
  LoginInput: 'Credentials.',
  'LoginInput.name': 'User name.',
  'LoginInput.password': 'Password (never logged).',
  ChangePasswordInput: 'Your current password and the new one.',
  'ChangePasswordInput.oldPassword': 'Your current password.',
  CreateUserInput: 'A new staff account.',
  'CreateUserInput.role': 'Its role (basic unless given).',
  SetUserRoleInput: 'An account and its new role.',
  'SetUserRoleInput.role': 'The new role.',
  CreatePageInput: 'A new wiki page.',
  'CreatePageInput.name': 'Unique page name (WikiWord style), e.g. "HowToPackAnAmiga".',
  'CreatePageInput.data': 'The page text.',
  UpdatePageInput: 'New values for a wiki page.',
  'UpdatePageInput.name': 'New unique name.',
  'UpdatePageInput.data': 'New text.',
  MovePageInput: 'A page and its new place in the tree.',
  // Payloads
  RecordPageViewPayload: 'What recordPageView returns: the view, and the ids (and token) to continue the reader.',
  'RecordPageViewPayload.view': 'The view recorded.',
  WriteReviewPayload: 'What writeReview returns.',
  'WriteReviewPayload.review': 'The review as stored.',
  PlaceOrderPayload: 'What placeOrder returns.',
  'PlaceOrderPayload.order': 'The order placed (or placed earlier with the same idempotencyKey).',
  LoginPayload: 'What login returns.',
  'LoginPayload.expiresAt': 'When the token stops working.',
  'LoginPayload.user': 'The signed-in user.',
  'ChangePasswordPayload.user': 'You, after the change.',
};

const namedOf = (type: GraphQLType): string => getNamedType(type).name;
const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** Descriptions that follow from the shape: ids, filters, inputs, deletes. */
function byRule(coordinate: string, parent: string, name: string, typeName: string): string | undefined {
  if (name.endsWith('Ids')) return `Global ids of the ${words(name.slice(0, -3))} items (e.g. from their id field).`;
  if (name.endsWith('Id')) return `Global id of the ${words(name.slice(0, -2))}.`;
  if (coordinate.endsWith('(filter)')) return 'Only the items that match every condition given.';
  if (coordinate.endsWith('(orderBy)')) return 'Sort keys, most significant first.';
  if (coordinate.endsWith('(groupBy)')) return 'The dimensions to group by: 1 to 3 distinct ones.';
  if (coordinate.endsWith('(id)')) return `Global id of the ${words(typeName)}.`;
  if (parent === 'Mutation' && coordinate.endsWith('(input)')) return `What the mutation takes: see ${typeName}.`;
  if (/^Delete\w+Input$/.test(coordinate)) return `Which ${words(coordinate.slice(6, -5))} to delete.`;
  if (/Input\.name$/.test(coordinate)) return 'The unique name.';
  return undefined;
}

/** Adds the descriptions above to the built schema, in place, and returns it. */
export function describeSchema(schema: GraphQLSchema): GraphQLSchema {
  const used = new Set<string>();
  const text = (coordinate: string, parent: string, name: string, typeName: string, current: string | null | undefined): string | undefined => {
    if (coordinate in TEXT) {
      used.add(coordinate);
      return TEXT[coordinate];
    }
    return current ?? byRule(coordinate, parent, name, typeName);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    type.description = text(type.name, '', type.name, type.name, type.description) ?? null;
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        field.description = text(coordinate, type.name, field.name, namedOf(field.type), field.description) ?? null;
        for (const arg of 'args' in field ? field.args : []) {
          arg.description = text(`${coordinate}(${arg.name})`, type.name, arg.name, namedOf(arg.type), arg.description) ?? null;
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) value.description = text(`${type.name}.${value.name}`, type.name, value.name, type.name, value.description) ?? null;
    }
  }
  const stale = Object.keys(TEXT).filter((c) => !used.has(c));
  if (stale.length) throw new Error(`descriptions.ts describes what the schema does not have: ${stale.join(', ')}`);
  return schema;
}
