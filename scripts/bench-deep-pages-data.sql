-- The scale-100 row counts (seeders/scaled/plan.ts) generated in SQL, for bench:deep-pages on a
-- database migrated by `npm run db:migrate -- up --create-database`: the ORM seed (`npm run db:seed
-- -- --scale 100`) inserted about 5,000 page views a second on the shared machine on 2026-12-07
-- (load 11–15), over half an hour for the views alone. Values are random, not Faker's; what the
-- pages read (row counts, keys, timestamps, an order's items) has the seed's shape.
-- psql -v ON_ERROR_STOP=1 -f scripts/bench-deep-pages-data.sql "$BENCH_PG_URL"
begin;
truncate countries, manufacturers, products, customers, orders, orders_items, blog_authors, languages, blog_articles, blog_users, blog_sessions, blog_views restart identity cascade;
select setseed(0.31);
insert into countries (name) select 'Country ' || i from generate_series(1, 25) i;
insert into manufacturers (name) select 'Manufacturer ' || i from generate_series(1, 75) i;
insert into products (name, manufacturer_id, year, cpu, price)
  select 'Product ' || lpad(i::text, 3, '0'), 1 + i % 75, 1975 + i % 20, case when i % 7 = 0 then null else 'CPU ' || i % 9 end, case when i % 5 = 0 then null else 100 + i end
  from generate_series(1, 150) i;
insert into customers (id, name) select gen_random_uuid(), 'Customer ' || i from generate_series(1, 270000) i;
insert into orders (id, "timestamp", customer_id)
  select gen_random_uuid(), timestamptz '2016-01-01 00:00:00+00' + random() * interval '3650 days', c.id
  from (select id, row_number() over () as n from customers) c, generate_series(1, 2) k
  where k = 1 or c.n % 27 < 20;
insert into orders_items (product_id, order_id, unit_price, quantity)
  select p, o.id, 100 + p, 1 + p % 3 from orders o, lateral (select distinct 1 + floor(random() * 150)::int as p from generate_series(1, 2) where o.id is not null) ps;
insert into blog_authors (name) select 'Author ' || i from generate_series(1, 16) i;
insert into languages (name) select 'Language ' || i from generate_series(1, 6) i;
insert into blog_articles (title, author_id, product_id, "timestamp", language_id)
  select 'Article ' || i, 1 + i % 16, 1 + i % 150, timestamptz '2020-01-01 00:00:00+00' + i * interval '5 days', 1 + i % 6 from generate_series(1, 200) i;
insert into blog_users (id) select gen_random_uuid() from generate_series(1, 500000);
insert into blog_sessions (id, user_id) select gen_random_uuid(), u.id from blog_users u, generate_series(1, 3);
insert into blog_views (article_id, session_id, "timestamp")
  select 1 + floor(random() * 200)::int, s.id, timestamptz '2024-01-01 00:00:00+00' + random() * interval '730 days'
  from blog_sessions s, generate_series(1, 7) k
  where k < 7 or random() < 0.6667;
commit;
vacuum analyze;
