/// <reference lib="dom" />
/**
 * npm run test:browser: the playground and the orders page in a real Chromium (Debian's, driven by
 * playwright-core: no browser download). Boots the service on a temporary SQLite database with the
 * demo data, adds orders so that a search spans pages, then clicks through as a person would and
 * checks what the pages show against the API. Saves screenshots to docs/screenshots/.
 */
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { bootstrap } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

const file = path.join(os.tmpdir(), `retrofun-browser-${process.pid}.sqlite`);
const config = loadConfig({ ...process.env, NODE_ENV: 'development', DATABASE_URL: file, LOG_LEVEL: 'silent', BCRYPT_ROUNDS: '4', JWT_SECRET: randomBytes(32).toString('hex') });
const app = await bootstrap({ config, port: 0 });
const base = app.url.replace('/graphql', '');
const checks: string[] = [];
const check = (what: string, fn: () => void) => {
  fn();
  checks.push(what);
  console.log(`  ✓ ${what}`);
};

async function gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown };
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

// Enough Amiga orders for two pages of ten.
const token = (await gql<{ login: { token: string } }>(`mutation { login(input: { name: "editor", password: "editor" }) { token } }`)).login.token;
const amiga = (await gql<{ products: { nodes: { id: string }[] } }>(`{ products(first: 1, filter: { nameContains: "Amiga 500" }) { nodes { id } } }`)).products.nodes[0]!.id;
const customers = (await gql<{ customers: { nodes: { id: string }[] } }>(`{ customers(first: 8) { nodes { id } } }`, {}, token)).customers.nodes;
for (let i = 0; i < 12; i++) {
  await gql(
    `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }`,
    { input: { customerId: customers[i % customers.length]!.id, items: [{ productId: amiga, quantity: 1 + (i % 4) }] } },
    token,
  );
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const outside: string[] = [];
async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(base) && !url.startsWith('blob:') && !url.startsWith('data:')) outside.push(url);
  });
  return page;
}

try {
  console.log('playground');
  const play = await newPage();
  await play.goto(`${base}/`, { waitUntil: 'load', timeout: 60_000 });
  check('GET / leads to the playground at /graphql', () => assert.equal(new URL(play.url()).pathname, '/graphql'));
  await play.waitForSelector('.graphiql-execute-button', { timeout: 60_000 });
  await play.click('.graphiql-execute-button');
  // The default document holds two operations: GraphiQL asks which one to run.
  const choice = play.getByText('ProductsWithManufacturer', { exact: true }).last();
  if (await choice.isVisible().catch(() => false)) await choice.click();
  await play.waitForFunction(() => document.querySelector('.result-window')?.textContent?.includes('totalCount'), null, { timeout: 15_000 });
  const top = (await play.locator('.result-window').innerText()).replace(/\s+/g, ' ');
  await play.screenshot({ path: 'docs/screenshots/playground.png' });
  // The result is a Monaco editor, which renders only the lines in view: go to its end to read the extensions.
  await play.locator('.result-window').click();
  await play.keyboard.press('Control+End');
  await play.waitForFunction(() => document.querySelector('.result-window')?.textContent?.includes('statements'), null, { timeout: 10_000 });
  const bottom = (await play.locator('.result-window').innerText()).replace(/\s+/g, ' ');
  check('a query runs and its answer shows extensions.sql', () => {
    assert.match(top, /"totalCount": 28/);
    assert.match(bottom, /"sql": \{ "statements": \d+, "strategy": "eager" \}/);
  });

  console.log('orders page');
  const orders = await newPage();
  await orders.goto(`${base}/orders`, { waitUntil: 'load', timeout: 60_000 });
  await orders.waitForSelector('form.signin');
  const errorsShown = await orders.locator('div.error').count();
  check('an anonymous visitor sees the sign-in form, not an error', () => assert.equal(errorsShown, 0));
  await orders.fill('input[name=name]', 'editor');
  await orders.fill('input[name=password]', 'editor');
  await orders.click('form.signin button[type=submit]');
  await orders.waitForSelector('table');
  await orders.fill('input[name=search]', 'Amiga');
  await orders.click('form.search button');
  await orders.waitForFunction(() => document.querySelector('.summary')?.textContent?.includes('matching “Amiga”'));
  await orders.click('th button[data-sort=TOTAL]');
  await orders.waitForFunction(() => document.querySelector('th[aria-sort=descending] button[data-sort=TOTAL]'));
  await orders.click('.pager button[data-page="2"]');
  await orders.waitForFunction(() => document.querySelector('.summary')?.textContent?.includes('page 2 of'));
  const shown = await orders.$$eval('tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  const api = await gql<{ orders: { totalCount: number; nodes: { customer: { name: string }; total: number }[] } }>(
    `{ orders(first: 10, offset: 10, search: "Amiga", orderBy: [{ field: TOTAL, direction: DESC }]) { totalCount nodes { customer { name } total } } }`,
    {},
    token,
  );
  const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
  check(`page 2 of the Amiga orders by total shows what the API returns (${api.orders.nodes.length} of ${api.orders.totalCount})`, () => {
    assert.ok(api.orders.totalCount > 10);
    assert.deepEqual(
      shown.map((r) => [r[1], r[2]]),
      api.orders.nodes.map((n) => [n.customer.name, money.format(n.total)]),
    );
    assert.ok(shown.every((r) => /Amiga/.test(r[3] ?? '')));
  });
  await orders.click('.pager button[data-page="1"]');
  await orders.waitForFunction(() => document.querySelector('.summary')?.textContent?.includes('page 1 of'));
  await orders.screenshot({ path: 'docs/screenshots/orders.png' });
  await orders.fill('.jump input', '2');
  await orders.click('.jump button');
  await orders.waitForFunction(() => document.querySelector('.summary')?.textContent?.includes('page 2 of'));
  const afterJump = await orders.$$eval('tbody tr td:nth-child(2)', (cells) => cells.map((c) => c.textContent ?? ''));
  check('jump-to-page goes to page 2', () =>
    assert.deepEqual(
      afterJump,
      shown.map((r) => r[1]),
    ),
  );

  // Every screen offers a way forward. The service out of reach: try again, or sign out.
  await orders.route('**/graphql', (route) => route.abort('connectionrefused'));
  await orders.fill('.jump input', '1');
  await orders.click('.jump button');
  await orders.waitForSelector('div.error button.retry');
  const unreachable = { message: await orders.locator('div.error').innerText(), ways: await orders.locator('div.error button').allInnerTexts() };
  check('an unreachable service shows what happened, with Try again and Sign out', () => {
    assert.match(unreachable.message, /cannot be reached/);
    assert.deepEqual(unreachable.ways, ['Try again', 'Sign out']);
  });
  await orders.unroute('**/graphql');
  await orders.click('div.error button.retry');
  await orders.waitForSelector('table');

  // A basic account may not read orders: a screen that names the role it needs and offers another account.
  await orders.click('button.signout');
  await orders.waitForSelector('form.signin');
  const signedOut = { note: await orders.locator('form.signin .note').innerText(), token: await orders.evaluate(() => sessionStorage.getItem('retrofun.token')) };
  check('Sign out forgets the token and says so', () => assert.deepEqual(signedOut, { note: 'You have signed out.', token: null }));
  await orders.fill('input[name=name]', 'basic');
  await orders.fill('input[name=password]', 'basic');
  await orders.click('form.signin button[type=submit]');
  await orders.waitForSelector('div.forbidden');
  const message = await orders.locator('div.forbidden').innerText();
  check('a basic account sees that orders need the editor role, and which role it has', () => {
    assert.match(message, /This page needs the editor role/);
    assert.match(message, /“basic” has the basic role/);
    assert.match(message, /Orders are for editors/);
  });
  await orders.screenshot({ path: 'docs/screenshots/orders-forbidden.png' });
  await orders.reload({ waitUntil: 'load' });
  await orders.waitForSelector('div.forbidden');
  const ways = await orders.locator('div.forbidden button').allInnerTexts();
  check('after a reload the same screen still offers Sign in as someone else and Sign out', () => assert.deepEqual(ways, ['Sign in as someone else', 'Sign out']));
  await orders.click('div.forbidden button.switch');
  await orders.waitForSelector('form.signin');
  const switching = await orders.locator('form.signin .note').innerText();
  check('Sign in as someone else leads to the sign-in form', () => assert.match(switching, /editor or admin account/));
  await orders.fill('input[name=name]', 'editor');
  await orders.fill('input[name=password]', 'editor');
  await orders.click('form.signin button[type=submit]');
  await orders.waitForSelector('table');
  const after = { account: await orders.locator('.account').innerText(), rows: await orders.locator('tbody tr').count() };
  check('…and an editor signed in there sees the orders', () => {
    assert.equal(after.account, 'Signed in as editor (editor)');
    assert.ok(after.rows > 0);
  });
  // New orders appear as they are placed (orderPlaced over graphql-sse), marked, without a reload.
  await orders.waitForSelector('.live.on');
  const placed = await gql<{ placeOrder: { order: { id: string } } }>(
    `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }`,
    { input: { customerId: customers[0]!.id, items: [{ productId: amiga, quantity: 7 }] } },
    token,
  );
  const newId = placed.placeOrder.order.id;
  await orders.waitForSelector(`tbody tr.new[data-id="${newId}"]`, { timeout: 10_000 });
  const firstRow = await orders.locator('tbody tr').first().getAttribute('data-id');
  check('an order placed elsewhere appears at the top of the grid as it is placed, marked new', () => assert.equal(firstRow, newId));
  check('nothing was loaded from outside this service', () => assert.deepEqual(outside, []));
} finally {
  await browser.close();
  await app.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}
console.log(`browser: ${checks.length} checks passed`);
