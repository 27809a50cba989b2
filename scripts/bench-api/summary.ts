import { median } from './measure.js';

/** One measured run: one operation on one target (the service once per strategy). */
export interface Row {
  operation: string;
  target: string;
  rps: number;
  p50: number;
  p99: number;
  statements: number | null;
  cpuMsPerRequest: number;
  /** CPU time of the local PostgreSQL server's processes per request (null when it is not local). */
  pgCpuMsPerRequest: number | null;
  dbMsPerRequest: number | null;
  errors: number;
  rssMiB: number;
}

/** Median per operation and target over the repeats. */
export function summarize(rows: readonly Row[]): Row[] {
  const keys = [...new Set(rows.map((r) => `${r.operation}\u0000${r.target}`))];
  return keys.map((k) => {
    const group = rows.filter((r) => `${r.operation}\u0000${r.target}` === k);
    const pick = (f: keyof Row) => median(group.map((r) => Number(r[f] ?? NaN)));
    return {
      ...group[0]!,
      rps: pick('rps'),
      p50: pick('p50'),
      p99: pick('p99'),
      cpuMsPerRequest: pick('cpuMsPerRequest'),
      pgCpuMsPerRequest: group[0]!.pgCpuMsPerRequest === null ? null : pick('pgCpuMsPerRequest'),
      dbMsPerRequest: group[0]!.dbMsPerRequest === null ? null : pick('dbMsPerRequest'),
      errors: group.reduce((a, r) => a + r.errors, 0),
    };
  });
}

export function printTable(summary: readonly Row[]): void {
  console.log('| operation | target | req/s | p50 ms | p99 ms | statements | CPU ms/req | PostgreSQL CPU ms/req | DB ms/req | errors |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of summary)
    console.log(
      `| ${r.operation} | ${r.target} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.statements ?? '–'} | ${r.cpuMsPerRequest} | ${r.pgCpuMsPerRequest ?? '–'} | ${r.dbMsPerRequest ?? '–'} | ${r.errors} |`,
    );
}

const ratio = (a: number, b: number | undefined): string => (b ? (a / b).toFixed(2) : '–');

/**
 * Each service strategy against each peer in the run, per operation: req/s over the peer's (above
 * 1: the service serves more) and service CPU per request over the peer's (below 1: it costs less).
 */
export function printRatios(summary: readonly Row[], peers: readonly string[]): void {
  if (!peers.length) return;
  const head = peers.flatMap((p) => [`req/s ÷ ${p}`, `CPU/req ÷ ${p}`]);
  console.log(`\n| operation | service | ${head.join(' | ')} |`);
  console.log(`| --- | --- | ${head.map(() => '---:').join(' | ')} |`);
  for (const r of summary.filter((s) => s.target.startsWith('service'))) {
    const peer = (p: string) => summary.find((s) => s.operation === r.operation && s.target === p);
    const cells = peers.flatMap((p) => [ratio(r.rps, peer(p)?.rps), ratio(r.cpuMsPerRequest, peer(p)?.cpuMsPerRequest)]);
    console.log(`| ${r.operation} | ${r.target.replace('service ', '')} | ${cells.join(' | ')} |`);
  }
}
