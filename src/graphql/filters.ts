import type { Dialect } from '../config.js';

/** What a filter needs to know about the database it is translated for. */
export interface FilterContext {
  dialect: Dialect;
}

/**
 * Case-insensitive substring: ILIKE on PostgreSQL, LIKE on SQLite (case-insensitive there for
 * ASCII, and SQLite has no ILIKE). The LIKE wildcards % and _ keep their meaning.
 */
export function contains(text: string, ctx: FilterContext): Record<string, string> {
  return ctx.dialect === 'postgresql' ? { $ilike: `%${text}%` } : { $like: `%${text}%` };
}

/** A range condition from optional bounds, or undefined when neither is given. */
export function range<T>(from: T | null | undefined, to: T | null | undefined): Record<string, T> | undefined {
  const cond: Record<string, T> = {};
  if (from != null) cond.$gte = from;
  if (to != null) cond.$lte = to;
  return Object.keys(cond).length ? cond : undefined;
}

/** Drops undefined entries so that absent filters add no condition. */
export function compact(where: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(where).filter(([, v]) => v !== undefined));
}
