/**
 * A heap snapshot (scripts/bench-api/heap.ts --snapshots) by what holds the bytes: self size per
 * node type and constructor or name, largest first, with counts and the totals per type.
 *
 *   tsx scripts/bench-api/heap-summary.ts tmp/heap/after.heapsnapshot [--top 40]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ options: { top: { type: 'string', default: '40' } }, allowPositionals: true });
interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}
for (const file of positionals) {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const [TYPE, NAME, SIZE] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const types = snap.snapshot.meta.node_types[0];
  const byName = new Map<string, { bytes: number; count: number }>();
  const byType = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + TYPE]!]!;
    const size = snap.nodes[i + SIZE]!;
    // Strings and code by kind, not by their text; objects by constructor.
    const name = type === 'object' || type === 'closure' || type === 'native' || type === 'hidden' ? snap.strings[snap.nodes[i + NAME]!]!.slice(0, 60) : '';
    const key = `${type} ${name}`.trim();
    const entry = byName.get(key) ?? { bytes: 0, count: 0 };
    entry.bytes += size;
    entry.count++;
    byName.set(key, entry);
    byType.set(type, (byType.get(type) ?? 0) + size);
    total += size;
  }
  const mib = (n: number) => (n / 2 ** 20).toFixed(1);
  console.log(`${file}: ${mib(total)} MiB in ${snap.nodes.length / fields.length} nodes`);
  console.log(
    `by type: ${[...byType]
      .sort((a, b) => b[1] - a[1])
      .map(([t, b]) => `${t} ${mib(b)}`)
      .join(', ')}`,
  );
  console.log('| MiB | count | type and constructor |\n| ---: | ---: | --- |');
  for (const [key, { bytes, count }] of [...byName].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, Number(values.top))) console.log(`| ${mib(bytes)} | ${count} | ${key} |`);
}
