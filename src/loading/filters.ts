import type { Dialect } from '../config.js';

/** What a filter needs to know about the database it is translated for. */
export interface FilterContext {
  dialect: Dialect;
}

/**
 * Case-insensitive substring, taken literally: `%` and `_` in the text are characters, not
 * wildcards. ILIKE on PostgreSQL with the wildcards escaped (backslash is LIKE's default escape
 * there); on SQLite, whose LIKE has no default escape (and MikroORM writes no ESCAPE clause), a
 * REGEXP with the text escaped, served by the function the SQLite connection registers.
 */
export function contains(text: string, ctx: FilterContext): Record<string, string> {
  if (ctx.dialect === 'postgresql') return { $ilike: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
  return { $re: `(?i)${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` };
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
