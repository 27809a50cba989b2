import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import pg from 'pg';

/** A process and its descendants (a cluster's workers), from /proc. */
function tree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // gone
  }
  return [pid, ...children.flatMap(tree)];
}

/** One process's /proc/PID/stat: its command, parent, and CPU times in clock ticks (100 per second on Linux). */
function procStat(pid: number | string): { command: string; ppid: number; ticks: number; reapedTicks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command: state, ppid, … utime, stime, cutime, cstime (fields 14–17 of stat).
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    return { command: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ppid: fields[1]!, ticks: fields[11]! + fields[12]!, reapedTicks: fields[13]! + fields[14]! };
  } catch {
    return undefined; // exited between listing and reading
  }
}

/** User + system CPU time of a process and its descendants, in milliseconds (Linux /proc). */
export function cpuMs(pid: number): number {
  return (tree(pid).reduce((sum, p) => sum + (procStat(p)?.ticks ?? 0), 0) * 1000) / 100;
}

/**
 * CPU time of the local PostgreSQL server, in milliseconds: every `postgres` process's own time,
 * plus, for the postmaster, the time of the backends it has already reaped (a pool that closes
 * an idle connection mid-run would otherwise take that connection's time out of the sum). The
 * database's share of a request when the server is local, as in the published runs: statement
 * timings would miss the parsing, planning and wire work a statement costs the server, and on a
 * 2-core machine that work is taken from the services under test. Undefined when no local
 * postgres process is visible.
 */
export function postgresCpuMs(): number | undefined {
  const stats = new Map<number, NonNullable<ReturnType<typeof procStat>>>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (stat?.command === 'postgres') stats.set(Number(entry), stat);
  }
  if (!stats.size) return undefined;
  let ticks = 0;
  for (const s of stats.values()) ticks += s.ticks + (stats.has(s.ppid) ? 0 : s.reapedTicks);
  return (ticks * 1000) / 100;
}

/** Resident set size of a process and its descendants, in MiB. */
export function rssMiB(pid: number): number {
  return tree(pid).reduce((sum, p) => {
    try {
      return sum + Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))![1]) / 1024;
    } catch {
      return sum;
    }
  }, 0);
}

/** The middle value (the upper one of an even count): what the benchmarks report of repeated runs. */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface Load {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** The operation as a GET URL (`--get`): query and variables in the query string, as HTTP caches see it. */
export function getUrl(url: string, body: string): string {
  const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
  return `${url}?query=${encodeURIComponent(query)}${variables && Object.keys(variables).length ? `&variables=${encodeURIComponent(JSON.stringify(variables))}` : ''}`;
}

/** Fixed concurrency for a fixed time; only 200 answers without GraphQL errors count as served. `get`: as a GET of getUrl(). */
export async function drive(url: string, headers: Record<string, string>, body: string, connections: number, seconds: number, get = false): Promise<Load> {
  const result = await autocannon({
    url: get ? getUrl(url, body) : url,
    method: get ? 'GET' : 'POST',
    connections,
    duration: seconds,
    headers: get ? headers : { 'content-type': 'application/json', ...headers },
    ...(get ? {} : { body }),
  });
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

/** Database time through pg_stat_statements, when the extension is loaded; otherwise undefined. */
export class StatementStats {
  private constructor(private readonly client: pg.Client | undefined) {}

  static async open(url: string): Promise<StatementStats> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('create extension if not exists pg_stat_statements');
      await client.query('select pg_stat_statements_reset()');
      return new StatementStats(client);
    } catch {
      await client.end();
      return new StatementStats(undefined);
    }
  }

  get available(): boolean {
    return this.client !== undefined;
  }

  async reset(): Promise<void> {
    await this.client?.query('select pg_stat_statements_reset()');
  }

  /** Total execution time (ms) and calls since the last reset, of statements other than our own probes. */
  async totals(): Promise<{ ms: number; calls: number } | undefined> {
    if (!this.client) return undefined;
    const { rows } = await this.client.query<{ ms: string; calls: string }>(
      `select coalesce(sum(total_exec_time), 0) as ms, coalesce(sum(calls), 0) as calls from pg_stat_statements
       where query not ilike '%pg_stat_statements%' and query not in ('BEGIN', 'COMMIT', 'ROLLBACK', 'begin', 'commit', 'rollback')`,
    );
    return { ms: Number(rows[0]!.ms), calls: Number(rows[0]!.calls) };
  }

  async close(): Promise<void> {
    await this.client?.end();
  }
}
