/** Row counts of the scalable dataset: scale 1 is about the book's data plus 100,000 page views. */
export interface ScalePlan {
  countries: number;
  manufacturers: number;
  products: number;
  customers: number;
  orders: number;
  reviews: number;
  authors: number;
  languages: number;
  articles: number;
  blogUsers: number;
  sessions: number;
  views: number;
  managers: number;
  engineers: number;
}

export function planFor(scale: number): ScalePlan {
  return {
    countries: 25,
    manufacturers: 75,
    products: 150,
    customers: 2_700 * scale,
    orders: 4_700 * scale,
    reviews: 1_400 * scale,
    authors: 16,
    languages: 6,
    articles: 200,
    blogUsers: 5_000 * scale,
    sessions: 15_000 * scale,
    views: 100_000 * scale,
    managers: 4 * scale,
    engineers: 20 * scale,
  };
}
