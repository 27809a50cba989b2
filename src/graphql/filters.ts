/**
 * Filter helpers shared by the modules' filter inputs.
 * Note: in `contains` the LIKE wildcards % and _ keep their meaning.
 */
export function contains(text: string): { $ilike: string } {
  return { $ilike: `%${text}%` };
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
