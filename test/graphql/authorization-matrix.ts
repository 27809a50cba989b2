/**
 * Who may use each entry point of the API: every query field, every mutation and every object
 * field with a role of its own, with the least access it needs. test/graphql/authorization.test.ts
 * checks that this table names exactly those fields of the schema, and runs each as an anonymous
 * caller and as a basic, an editor and an admin user against it. Changing an entry is changing
 * who may do what: review it as such.
 *
 * An object field is reached by the least guarded path from Query; where that path needs more than
 * the field itself (a blog user's sessions, behind editor-only blog users), the entry names the
 * access the path needs.
 */
export type Access = 'public' | 'signed-in' | 'editor' | 'admin';

export const AUTHORIZATION: Readonly<Record<string, Access>> = {
  // Queries
  'Query.blogArticles': 'public',
  'Query.blogArticle': 'public',
  'Query.blogAuthors': 'public',
  'Query.languages': 'public',
  'Query.products': 'public',
  'Query.product': 'public',
  'Query.manufacturers': 'public',
  'Query.countries': 'public',
  'Query.customers': 'editor',
  'Query.customer': 'editor',
  'Query.orders': 'editor',
  'Query.order': 'editor',
  'Query.pages': 'public',
  'Query.page': 'public',
  'Query.node': 'public',
  'Query.nodes': 'public',
  'Query.salesStats': 'editor',
  'Query.reviewStats': 'public',
  'Query.pageViewStats': 'editor',
  'Query.blogViews': 'editor',
  'Query.catalogStats': 'public',
  'Query.me': 'public',
  'Query.employees': 'signed-in',
  // Mutations
  'Mutation.createManufacturer': 'editor',
  'Mutation.updateManufacturer': 'editor',
  'Mutation.deleteManufacturer': 'editor',
  'Mutation.createCountry': 'editor',
  'Mutation.updateCountry': 'editor',
  'Mutation.deleteCountry': 'editor',
  'Mutation.createProduct': 'editor',
  'Mutation.duplicateProduct': 'editor',
  'Mutation.updateProduct': 'editor',
  'Mutation.deleteProduct': 'editor',
  'Mutation.createBlogAuthor': 'editor',
  'Mutation.createLanguage': 'editor',
  'Mutation.createBlogArticle': 'editor',
  'Mutation.updateBlogArticle': 'editor',
  'Mutation.deleteBlogArticle': 'editor',
  'Mutation.addTranslation': 'editor',
  'Mutation.recordPageView': 'public',
  'Mutation.writeReview': 'editor',
  'Mutation.deleteReview': 'editor',
  'Mutation.createCustomer': 'editor',
  'Mutation.updateCustomer': 'editor',
  'Mutation.deleteCustomer': 'editor',
  'Mutation.placeOrder': 'editor',
  'Mutation.updateOrderItems': 'editor',
  'Mutation.deleteOrder': 'editor',
  'Mutation.login': 'public',
  'Mutation.changePassword': 'signed-in',
  'Mutation.createUser': 'admin',
  'Mutation.setUserRole': 'admin',
  'Mutation.deleteUser': 'admin',
  'Mutation.createPage': 'signed-in',
  'Mutation.updatePage': 'signed-in',
  'Mutation.deletePage': 'signed-in',
  'Mutation.movePage': 'signed-in',
  'Mutation.followUser': 'signed-in',
  'Mutation.unfollowUser': 'signed-in',
  'Mutation.createEngineer': 'editor',
  'Mutation.updateEngineer': 'editor',
  'Mutation.createManager': 'editor',
  'Mutation.updateManager': 'editor',
  'Mutation.deleteEmployee': 'editor',
  // Object fields with a role
  'BlogArticle.views': 'editor',
  'BlogSession.views': 'editor',
  'BlogUser.customer': 'editor',
  'BlogUser.sessions': 'editor',
  'Customer.address': 'editor',
  'Customer.blogUsers': 'editor',
  'Customer.orders': 'editor',
  'Customer.phone': 'editor',
  'User.feed': 'signed-in',
  'User.followers': 'signed-in',
  'User.following': 'signed-in',
  'User.role': 'signed-in',
};
