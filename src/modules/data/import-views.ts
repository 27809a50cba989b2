import type { EntityManager } from '@mikro-orm/sql';
import { BlogArticle } from '../blog/blog-article.entity.js';
import { BlogSession } from '../blog/blog-session.entity.js';
import { BlogUser } from '../blog/blog-user.entity.js';
import { BlogView } from '../blog/blog-view.entity.js';
import { Customer } from '../sales/customer.entity.js';
import { ImportError, text, timestamp, uuid } from './csv.js';
import { byName, type CsvImporter } from './import-stats.js';

const CHUNK = 4_000;

async function inChunks<T>(keys: string[], load: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += CHUNK) out.push(...(await load(keys.slice(i, i + CHUNK))));
  return out;
}

async function existingViews(tx: EntityManager, sessions: string[]): Promise<Set<string>> {
  const views = await inChunks(sessions, (part) => tx.find(BlogView, { session: { $in: part } }, { fields: ['article', 'session', 'timestamp'] }));
  return new Set(views.map((v) => `${v.session.id}|${v.article.id}|${v.timestamp.getTime()}`));
}

/**
 * views.csv: title,user,customer,session,timestamp — readers and sessions by uuid (created when
 * new), articles by title, customers by name. A view already recorded (same session, article and
 * time) is skipped. Views are written with multi-row INSERTs.
 */
export const viewsImporter: CsvImporter = {
  file: 'views.csv',
  columns: ['title', 'user', 'customer', 'session', 'timestamp'],
  async run(tx, rows, progress) {
    const articles = new Map<string, BlogArticle>();
    for (const a of await tx.find(BlogArticle, {}, { orderBy: { id: 'asc' } })) if (!articles.has(a.title)) articles.set(a.title, a);
    const parsed = rows.map((row) => {
      const title = text(row, 'title', 128)!;
      const article = articles.get(title);
      if (!article) throw new ImportError(row.file, row.line, 'title', `no article titled "${title}"`);
      return { row, article, user: uuid(row, 'user'), session: uuid(row, 'session'), customer: text(row, 'customer', 64, false), at: timestamp(row, 'timestamp') };
    });
    const customers = byName(await tx.find(Customer, { name: { $in: [...new Set(parsed.flatMap((p) => (p.customer ? [p.customer] : [])))] } }));
    const users = new Map((await inChunks([...new Set(parsed.map((p) => p.user))], (part) => tx.find(BlogUser, { id: { $in: part } }))).map((u) => [u.id, u]));
    const sessions = new Map((await inChunks([...new Set(parsed.map((p) => p.session))], (part) => tx.find(BlogSession, { id: { $in: part } }))).map((s) => [s.id, s]));
    for (const p of parsed) {
      const customer = p.customer ? customers.get(p.customer) : null;
      if (p.customer && !customer) throw new ImportError(p.row.file, p.row.line, 'customer', `unknown customer "${p.customer}"`);
      let user = users.get(p.user);
      if (!user) users.set(p.user, (user = tx.create(BlogUser, { id: p.user, customer: customer ?? null })));
      const session = sessions.get(p.session);
      if (!session) sessions.set(p.session, tx.create(BlogSession, { id: p.session, user }));
      else if (session.user.id !== p.user) throw new ImportError(p.row.file, p.row.line, 'session', `session ${p.session} belongs to another user`);
    }
    await tx.flush();
    const known = await existingViews(tx, [...sessions.keys()]);
    const fresh = parsed.filter((p) => {
      const key = `${p.session}|${p.article.id}|${p.at.getTime()}`;
      if (known.has(key)) return false;
      known.add(key);
      return true;
    });
    for (let i = 0; i < fresh.length; i += CHUNK) {
      const part = fresh.slice(i, i + CHUNK);
      await tx.insertMany(BlogView, part.map((p) => ({ article: p.article.id, session: p.session, timestamp: p.at })) as never[]);
      progress.advance(part.length);
    }
    progress.advance(rows.length - fresh.length);
    return fresh.length;
  },
};
