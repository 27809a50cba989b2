/**
 * Where the CPU went in a V8 .cpuprofile (node --cpu-prof): self time grouped by layer —
 * node_modules package, this project's code, Node internals, garbage collection, idle.
 * Usage: tsx scripts/bench-api/profile-summary.ts <file.cpuprofile> [top N functions]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
const profile = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));

function layer(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)' || functionName === '(program)') return functionName;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:') || url === '') return 'node internals';
  return `project: ${url.replace(/^.*?\/(src|scripts|dist)\//, '$1/')}`;
}

const layers = new Map<string, number>();
const functions = new Map<string, number>();
let total = 0;
for (const [id, us] of self) {
  const node = byId.get(id)!;
  const name = layer(node);
  if (name !== '(idle)') total += us;
  layers.set(name, (layers.get(name) ?? 0) + us);
  const fn = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*node_modules\//, '')}:${node.callFrame.lineNumber + 1}`;
  functions.set(fn, (functions.get(fn) ?? 0) + us);
}
const pct = (us: number) => `${((100 * us) / total).toFixed(1)}%`.padStart(6);
console.log(`on-CPU ${(total / 1000).toFixed(0)} ms (idle excluded)\n\nby layer:`);
for (const [name, us] of [...layers].sort((a, b) => b[1] - a[1]).slice(0, 25)) if (name !== '(idle)') console.log(`${pct(us)}  ${name}`);
console.log('\nhottest functions (self time):');
for (const [name, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 25))) console.log(`${pct(us)}  ${name}`);

// Inclusive time of the request path's main steps (a function's own time plus its callees').
const children = new Map<number, number[]>();
for (const n of profile.nodes as (ProfileNode & { children?: number[] })[]) children.set(n.id, n.children ?? []);
const inclusive = new Map<number, number>();
const inc = (id: number): number => {
  if (inclusive.has(id)) return inclusive.get(id)!;
  const v = (self.get(id) ?? 0) + (children.get(id) ?? []).reduce((a, c) => a + inc(c), 0);
  inclusive.set(id, v);
  return v;
};
const steps = new Map<string, number>();
const seen = new Set<string>();
function walk(id: number, stack: Set<string>): void {
  const node = byId.get(id)!;
  const name = `${node.callFrame.functionName} (${node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*\/(src|scripts|dist)\//, '$1/')})`;
  // Count each step once per stack (recursion would double it).
  if (!stack.has(name)) steps.set(name, (steps.get(name) ?? 0) + inc(id));
  const next = new Set(stack).add(name);
  for (const c of children.get(id) ?? []) walk(c, next);
  seen.add(name);
}
const root = profile.nodes[0]!.id;
walk(root, new Set());
console.log('\nhighest inclusive time (a function and its callees):');
for (const [name, us] of [...steps]
  .sort((a, b) => b[1] - a[1])
  .filter(([n]) => !/^\(root\)|^ \(|^\(program\)|^\(idle\)/.test(n))
  .slice(0, Number(process.argv[4] ?? 40)))
  console.log(`${pct(us)}  ${name}`);
