// The orders page: sign in, then chapter 8's grid of orders with search, sorting by date, customer
// or total, and page numbers. Plain DOM, typed by the generated documents; state lives in the URL's
// hash so that reloads and the back button keep the page, and the session in sessionStorage.
// Every screen offers a way forward: the grid and every error screen can sign out, and a screen
// that says the account may not read orders can sign in as someone else.
import { OrdersPageDocument, OrdersPageSignInDocument, type OrderOrderField, type OrdersPageQuery } from '../generated/graphql.js';
import { ApiError, execute } from './api.js';
import { watchNewOrders } from './live.js';
import { clearSession, readSession, saveSession, type Session } from './session.js';

type Field = Extract<OrderOrderField, 'TIMESTAMP' | 'CUSTOMER' | 'TOTAL'>;
interface View {
  page: number;
  size: number;
  search: string;
  sort: Field;
  desc: boolean;
}

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

interface SignInOptions {
  /** Why the form is back (an ended session): shown as an alert. */
  error?: string;
  /** What to do now (after signing out, or to switch accounts). */
  note?: string;
}

function signInForm(options: SignInOptions = {}): void {
  const name = h('input', { name: 'name', autocomplete: 'username', required: true, placeholder: 'editor' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const status = h('p', { className: 'error', role: 'alert', textContent: options.error ?? '' });
  const note = h('p', { className: 'note', role: 'status', textContent: options.note ?? '' });
  const form = h(
    'form',
    { className: 'signin' },
    h('h1', { textContent: 'RetroFun orders' }),
    h('p', { textContent: 'Orders are for editors: sign in to see them.' }),
    note,
    h('label', {}, 'User name', name),
    h('label', {}, 'Password', password),
    h('button', { type: 'submit', textContent: 'Sign in' }),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    try {
      const { login } = await execute(OrdersPageSignInDocument, { name: name.value, password: password.value });
      if (!login) throw new ApiError('The sign-in did not succeed.', 'UNKNOWN');
      saveSession({ token: login.token, name: login.user.name, role: login.user.role });
      void render();
    } catch (error) {
      status.textContent = error instanceof ApiError ? error.message : String(error);
    }
  });
  root.replaceChildren(form);
  name.focus();
}

/** New orders as they are placed: the grid refreshes and marks them (orderPlaced over graphql-sse). */
const live = { stop: undefined as (() => void) | undefined, token: '', fresh: new Set<string>(), on: false };

function followOrders(session: Session): void {
  if (live.stop && live.token === session.token) return;
  live.stop?.();
  live.token = session.token;
  live.stop = watchNewOrders(
    session.token,
    (id) => {
      live.fresh.add(id);
      void render();
    },
    (on) => {
      live.on = on;
      document.querySelector('.live')?.classList.toggle('on', on);
    },
  );
}

function stopFollowing(): void {
  live.stop?.();
  live.stop = undefined;
  live.fresh.clear();
}

/** Forgets the session on this tab and shows the sign-in form. */
function signOut(options: SignInOptions): void {
  stopFollowing();
  clearSession();
  signInForm(options);
}

function signOutButton(): HTMLButtonElement {
  const button = h('button', { type: 'button', className: 'signout', textContent: 'Sign out' });
  button.addEventListener('click', () => signOut({ note: 'You have signed out.' }));
  return button;
}

function account(session: Session): HTMLElement {
  const who = session.name ? `Signed in as ${session.name}` : 'Signed in';
  return h('span', { className: 'account', textContent: session.role ? `${who} (${session.role.toLowerCase()})` : who });
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

function grid(session: Session, view: View, orders: OrdersPageQuery['orders'] & object): HTMLElement {
  const pages = Math.max(1, Math.ceil(orders.totalCount / view.size));
  const search = h('input', { type: 'search', name: 'search', value: view.search, placeholder: 'Customer or product', ariaLabel: 'Search orders' });
  const searchForm = h('form', { className: 'search', role: 'search' }, search, h('button', { type: 'submit', textContent: 'Search' }));
  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    go({ ...view, search: search.value.trim(), page: 1 });
  });
  const rows = orders.nodes.map((o) =>
    h(
      'tr',
      { dataset: { id: o.id }, className: live.fresh.has(o.id) ? 'new' : '' },
      h('td', { textContent: date.format(new Date(o.timestamp)) }),
      h('td', { textContent: o.customer.name }),
      h('td', { className: 'num', textContent: money.format(o.total) }),
      h('td', { textContent: o.items.map((i) => `${i.quantity} × ${i.product.name}`).join(', ') }),
    ),
  );
  const table = h(
    'table',
    {},
    h('thead', {}, h('tr', {}, header(view, 'TIMESTAMP', 'Date'), header(view, 'CUSTOMER', 'Customer'), header(view, 'TOTAL', 'Total'), h('th', { scope: 'col', textContent: 'Items' }))),
    h('tbody', {}, ...rows),
  );
  const summary = h('p', {
    className: 'summary',
    textContent: `${orders.totalCount} order${orders.totalCount === 1 ? '' : 's'}${view.search ? ` matching “${view.search}”` : ''} · page ${view.page} of ${pages}`,
  });
  return h(
    'main',
    {},
    h(
      'header',
      {},
      h('h1', { textContent: 'RetroFun orders' }),
      searchForm,
      h('span', { className: live.on ? 'live on' : 'live', role: 'status', title: 'New orders appear as they are placed', textContent: 'live' }),
      account(session),
      signOutButton(),
    ),
    summary,
    orders.nodes.length ? table : h('p', { textContent: 'No orders match.' }),
    pager(view, pages),
  );
}

/** The account may not read orders: say which role it needs and offer another account. */
function forbidden(session: Session, error: ApiError): HTMLElement {
  const switchAccount = h('button', { type: 'button', className: 'switch', textContent: 'Sign in as someone else' });
  switchAccount.addEventListener('click', () => signOut({ note: 'Sign in with an editor or admin account.' }));
  const who = session.name ? `“${session.name}”` : 'This account';
  const role = session.role ? ` has the ${session.role.toLowerCase()} role` : ' lacks it';
  return h(
    'div',
    { className: 'error forbidden', role: 'alert' },
    h('h2', { textContent: 'This page needs the editor role' }),
    h('p', { textContent: `Orders are for editors and admins. ${who}${role}: sign in with an editor account, or ask an admin to give ${session.name ? `“${session.name}”` : 'it'} the editor role.` }),
    h('p', { className: 'code', textContent: `(${error.code})` }),
    h('p', { className: 'actions' }, switchAccount, signOutButton()),
  );
}

/** Any other failure (network, server): try again, or leave with another account. */
function failed(error: ApiError): HTMLElement {
  const retry = h('button', { type: 'button', className: 'retry', textContent: 'Try again' });
  retry.addEventListener('click', () => void render());
  return h(
    'div',
    { className: 'error', role: 'alert' },
    h('p', { textContent: `The orders could not be loaded: ${error.message}` }),
    h('p', { className: 'code', textContent: `(${error.code})` }),
    h('p', { className: 'actions' }, retry, signOutButton()),
  );
}

async function render(): Promise<void> {
  const session = readSession();
  if (!session) return signInForm();
  const view = readView();
  try {
    const { orders } = await execute(
      OrdersPageDocument,
      { first: view.size, offset: (view.page - 1) * view.size, search: view.search || null, orderBy: [{ field: view.sort, direction: view.desc ? 'DESC' : 'ASC' }] },
      session.token,
    );
    if (!orders) throw new ApiError('You may not read orders.', 'FORBIDDEN');
    root.replaceChildren(grid(session, view, orders));
    followOrders(session);
  } catch (error) {
    const e = error instanceof ApiError ? error : new ApiError(String(error), 'UNKNOWN');
    if (e.code === 'UNAUTHENTICATED') return signOut({ error: 'Your session has ended: sign in again.' });
    const screen = e.code === 'FORBIDDEN' ? forbidden(session, e) : failed(e);
    root.replaceChildren(h('main', {}, h('header', {}, h('h1', { textContent: 'RetroFun orders' }), account(session)), screen));
  }
}

addEventListener('hashchange', () => void render());
void render();
