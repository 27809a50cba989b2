// The orders page: sign in, then chapter 8's grid of orders with search, sorting by date, customer
// or total, and page numbers. Plain DOM, typed by the generated documents; state lives in the URL's
// hash so that reloads and the back button keep the page, and the token in sessionStorage.
import { OrdersPageDocument, OrdersPageSignInDocument, type OrderOrderField, type OrdersPageQuery } from '../generated/graphql.js';
import { ApiError, execute } from './api.js';

type Field = Extract<OrderOrderField, 'TIMESTAMP' | 'CUSTOMER' | 'TOTAL'>;
interface View {
  page: number;
  size: number;
  search: string;
  sort: Field;
  desc: boolean;
}

const TOKEN = 'retrofun.token';
const root = document.querySelector<HTMLElement>('#app')!;
const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

type Props<K extends keyof HTMLElementTagNameMap> = Partial<Omit<HTMLElementTagNameMap[K], 'dataset' | 'style'>> & { dataset?: Record<string, string> };

function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props<K> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  const { dataset, ...rest } = props;
  Object.assign(el, rest);
  if (dataset) Object.assign(el.dataset, dataset);
  el.append(...children);
  return el;
}

function readView(): View {
  const p = new URLSearchParams(location.hash.slice(1));
  const sort = p.get('sort');
  return {
    page: Math.max(1, Number(p.get('page')) || 1),
    size: [5, 10, 25, 50].includes(Number(p.get('size'))) ? Number(p.get('size')) : 10,
    search: p.get('q') ?? '',
    sort: sort === 'CUSTOMER' || sort === 'TOTAL' ? sort : 'TIMESTAMP',
    desc: p.get('dir') !== 'asc',
  };
}

function go(view: View): void {
  const p = new URLSearchParams({ page: String(view.page), size: String(view.size), sort: view.sort, dir: view.desc ? 'desc' : 'asc' });
  if (view.search) p.set('q', view.search);
  location.hash = p.toString();
}

function signInForm(message?: string): void {
  const name = h('input', { name: 'name', autocomplete: 'username', required: true, placeholder: 'editor' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const status = h('p', { className: 'error', role: 'alert', textContent: message ?? '' });
  const form = h('form', { className: 'signin' }, h('h1', { textContent: 'RetroFun orders' }), h('p', { textContent: 'Orders are for editors: sign in to see them.' }), h('label', {}, 'User name', name), h('label', {}, 'Password', password), h('button', { type: 'submit', textContent: 'Sign in' }), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    try {
      const { login } = await execute(OrdersPageSignInDocument, { name: name.value, password: password.value });
      if (!login) throw new ApiError('The sign-in did not succeed.', 'UNKNOWN');
      sessionStorage.setItem(TOKEN, login.token);
      void render();
    } catch (error) {
      status.textContent = error instanceof ApiError ? error.message : String(error);
    }
  });
  root.replaceChildren(form);
  name.focus();
}

function header(view: View, field: Field, label: string): HTMLTableCellElement {
  const active = view.sort === field;
  const button = h('button', { type: 'button', textContent: `${label}${active ? (view.desc ? ' ▼' : ' ▲') : ''}`, dataset: { sort: field } });
  button.addEventListener('click', () => go({ ...view, sort: field, desc: active ? !view.desc : field !== 'CUSTOMER', page: 1 }));
  return h('th', { scope: 'col', ariaSort: active ? (view.desc ? 'descending' : 'ascending') : 'none' }, button);
}

function pager(view: View, pages: number): HTMLElement {
  const numbers: (number | '…')[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - view.page) <= 2) numbers.push(p);
    else if (numbers.at(-1) !== '…') numbers.push('…');
  }
  const jump = h('input', { type: 'number', min: '1', max: String(pages), value: String(view.page), ariaLabel: 'Page number' });
  const form = h('form', { className: 'jump' }, h('label', {}, 'Go to page ', jump), h('button', { type: 'submit', textContent: 'Go' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go({ ...view, page: Math.min(pages, Math.max(1, Number(jump.value) || 1)) });
  });
  const nav = h('nav', { className: 'pager', ariaLabel: 'Pages' });
  for (const n of numbers) {
    if (n === '…') nav.append(h('span', { textContent: '…' }));
    else {
      const b = h('button', { type: 'button', textContent: String(n), disabled: n === view.page, dataset: { page: String(n) } });
      if (n === view.page) b.setAttribute('aria-current', 'page');
      b.addEventListener('click', () => go({ ...view, page: n }));
      nav.append(b);
    }
  }
  nav.append(form);
  return nav;
}

function grid(view: View, orders: OrdersPageQuery['orders'] & object): HTMLElement {
  const pages = Math.max(1, Math.ceil(orders.totalCount / view.size));
  const search = h('input', { type: 'search', name: 'search', value: view.search, placeholder: 'Customer or product', ariaLabel: 'Search orders' });
  const searchForm = h('form', { className: 'search', role: 'search' }, search, h('button', { type: 'submit', textContent: 'Search' }));
  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    go({ ...view, search: search.value.trim(), page: 1 });
  });
  const signOut = h('button', { type: 'button', className: 'signout', textContent: 'Sign out' });
  signOut.addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN);
    signInForm();
  });
  const rows = orders.nodes.map((o) =>
    h('tr', { dataset: { id: o.id } }, h('td', { textContent: date.format(new Date(o.timestamp)) }), h('td', { textContent: o.customer.name }), h('td', { className: 'num', textContent: money.format(o.total) }), h('td', { textContent: o.items.map((i) => `${i.quantity} × ${i.product.name}`).join(', ') })),
  );
  const table = h('table', {}, h('thead', {}, h('tr', {}, header(view, 'TIMESTAMP', 'Date'), header(view, 'CUSTOMER', 'Customer'), header(view, 'TOTAL', 'Total'), h('th', { scope: 'col', textContent: 'Items' }))), h('tbody', {}, ...rows));
  const summary = h('p', { className: 'summary', textContent: `${orders.totalCount} order${orders.totalCount === 1 ? '' : 's'}${view.search ? ` matching “${view.search}”` : ''} · page ${view.page} of ${pages}` });
  return h('main', {}, h('header', {}, h('h1', { textContent: 'RetroFun orders' }), searchForm, signOut), summary, orders.nodes.length ? table : h('p', { textContent: 'No orders match.' }), pager(view, pages));
}

async function render(): Promise<void> {
  const token = sessionStorage.getItem(TOKEN);
  if (!token) return signInForm();
  const view = readView();
  try {
    const { orders } = await execute(OrdersPageDocument, { first: view.size, offset: (view.page - 1) * view.size, search: view.search || null, orderBy: [{ field: view.sort, direction: view.desc ? 'DESC' : 'ASC' }] }, token);
    if (!orders) throw new ApiError('You may not read orders.', 'FORBIDDEN');
    root.replaceChildren(grid(view, orders));
  } catch (error) {
    const e = error instanceof ApiError ? error : new ApiError(String(error), 'UNKNOWN');
    if (e.code === 'UNAUTHENTICATED') {
      sessionStorage.removeItem(TOKEN);
      return signInForm('Your session has ended: sign in again.');
    }
    const retry = h('button', { type: 'button', textContent: 'Try again' });
    retry.addEventListener('click', () => void render());
    const hint = e.code === 'FORBIDDEN' ? 'Orders are for editors; this account cannot read them.' : e.message;
    root.replaceChildren(h('main', {}, h('h1', { textContent: 'RetroFun orders' }), h('div', { className: 'error', role: 'alert' }, h('p', { textContent: `The orders could not be loaded: ${hint}` }), h('p', { className: 'code', textContent: `(${e.code})` }), retry)));
  }
}

addEventListener('hashchange', () => void render());
void render();
