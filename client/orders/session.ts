import type { Role } from '../generated/graphql.js';

/** Who is signed in on this tab: the token and, for the screens, the account's name and role at sign-in. */
export interface Session {
  token: string;
  name: string | null;
  role: Role | null;
}

const TOKEN = 'retrofun.token';
const ACCOUNT = 'retrofun.account';

/** sessionStorage keeps a session across reloads of this tab and forgets it when the tab closes. */
export function readSession(): Session | null {
  const token = sessionStorage.getItem(TOKEN);
  if (!token) return null;
  let account: { name?: unknown; role?: unknown } = {};
  try {
    account = JSON.parse(sessionStorage.getItem(ACCOUNT) ?? '{}') as typeof account;
  } catch {
    // A damaged entry costs only the name on the screens, never the session.
  }
  return { token, name: typeof account.name === 'string' ? account.name : null, role: typeof account.role === 'string' ? (account.role as Role) : null };
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(TOKEN, session.token);
  sessionStorage.setItem(ACCOUNT, JSON.stringify({ name: session.name, role: session.role }));
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(ACCOUNT);
}
