import type { EntityManager } from '@mikro-orm/sql';
import { dialectOf } from '../../db/dialect.js';

/** Months created ahead of the current one, by the migration, the start-up and db:maintain. */
export const MONTHS_AHEAD = 3;

export interface MaintainOptions {
  /** Partitions for this month and this many after it (default MONTHS_AHEAD). */
  monthsAhead?: number;
  /** Also give every month with rows in the default partition its own partition, moving the rows. */
  splitDefault?: boolean;
  /** "This month" (tests); default now. */
  now?: Date;
  /** Give up after this long waiting for another maintainer or a lock on blog_views (default: wait). */
  lockTimeoutMs?: number;
}

export interface MaintainResult {
  /** Partitions created, e.g. blog_views_2026_12. */
  created: string[];
  /** Rows moved out of the default partition into their month's new partition. */
  moved: number;
  /** Partitions blog_views has now, the default one included (0: not partitioned, or SQLite). */
  partitions: number;
}

// Any constant: only one maintainer at a time (several instances or workers starting at once).
const LOCK = 7_240_611;

/** A UTC month as 'YYYY_MM', its partition's name and its bounds. */
function month(year: number, monthIndex: number): { name: string; from: string; to: string } {
  const start = new Date(Date.UTC(year, monthIndex, 1));
  const end = new Date(Date.UTC(year, monthIndex + 1, 1));
  const label = `${start.getUTCFullYear()}_${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
  return { name: `blog_views_${label}`, from: start.toISOString(), to: end.toISOString() };
}

/**
 * PostgreSQL's monthly page-view partitions (docs/operations.md, "Partitioned page views"): creates this month's
 * and the coming months' partitions, and with splitDefault gives each month found in the default
 * partition (rows inserted before their month existed: a bulk load, an import of old data) its own
 * partition, moving its rows there. A new partition is built beside the table, filled, then
 * attached, which locks the parent only briefly (SHARE UPDATE EXCLUSIVE) and keeps inserts going.
 * Nothing on SQLite, or where blog_views is not partitioned yet.
 */
export async function maintainViewPartitions(em: EntityManager, options: MaintainOptions = {}): Promise<MaintainResult> {
  const result: MaintainResult = { created: [], moved: 0, partitions: 0 };
  if (dialectOf(em) !== 'postgresql') return result;
  return em.fork().transactional(async (tx) => {
    if (options.lockTimeoutMs !== undefined) await tx.execute(`set local lock_timeout = ${Math.max(1, Math.round(options.lockTimeoutMs))}`);
    await tx.execute(`select pg_advisory_xact_lock(${LOCK})`);
    const partitioned = await tx.execute<{ n: number }[]>(`select count(*)::int as n from pg_partitioned_table where partrelid = to_regclass('blog_views')`);
    if (!partitioned[0]?.n) return result;
    const existing = new Set(
      (await tx.execute<{ name: string }[]>(`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'blog_views'::regclass`)).map((r) => r.name),
    );
    const hasDefault = existing.has('blog_views_default');
    const now = options.now ?? new Date();
    const wanted = Array.from({ length: (options.monthsAhead ?? MONTHS_AHEAD) + 1 }, (_, k) => month(now.getUTCFullYear(), now.getUTCMonth() + k));
    if (options.splitDefault && hasDefault) {
      const months = await tx.execute<{ y: number; m: number }[]>(
        `select distinct extract(year from "timestamp" at time zone 'UTC')::int as y, extract(month from "timestamp" at time zone 'UTC')::int as m from "blog_views_default" order by 1, 2`,
      );
      wanted.push(...months.map((r) => month(r.y, r.m - 1)));
    }
    for (const m of wanted) {
      if (existing.has(m.name)) continue;
      // Rows of this month already in the default partition move with it: attaching refuses otherwise.
      await tx.execute(`create table "${m.name}" (like "blog_views" including defaults)`);
      const moved = !hasDefault
        ? []
        : await tx.execute<{ n: number }[]>(
            `with moved as (delete from "blog_views_default" where "timestamp" >= '${m.from}' and "timestamp" < '${m.to}' returning *),
              kept as (insert into "${m.name}" select * from moved returning 1)
         select count(*)::int as n from kept`,
          );
      await tx.execute(`alter table "blog_views" attach partition "${m.name}" for values from ('${m.from}') to ('${m.to}')`);
      existing.add(m.name);
      result.created.push(m.name);
      result.moved += moved[0]?.n ?? 0;
    }
    result.partitions = existing.size;
    return result;
  });
}
