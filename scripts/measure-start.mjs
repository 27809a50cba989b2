// npm run measure:start: time from `npm start` to the first answered GraphQL request, run from the
// TypeScript sources (tsx) and from the compiled build (dist/), then from dist/ without npm (node
// bin/launch.mjs), on an already migrated and seeded SQLite database, five runs each. It rebuilds
// dist/ as part of the measurement.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RUNS = 5;
// Below Linux's ephemeral range (32768-60999): polling a port in it before the service listens
// can make the kernel pick that very port for the polling client, which then connects to itself
// (TCP simultaneous open) and leaves the port in TIME-WAIT, so the service cannot listen on it.
const PORT = 21_000;
const dir = mkdtempSync(path.join(os.tmpdir(), 'retrofun-start-'));
const template = path.join(dir, 'template.sqlite');
const query = JSON.stringify({ query: '{ products(first: 5) { nodes { name } } }' });

/** `npm start` as an operator runs it, or the node process it ends in (npm's own start is the difference). */
const NPM_START = ['npm', 'start', '--silent'];
const LAUNCH = [process.execPath, 'bin/launch.mjs', 'src/server'];

async function once(port, command = NPM_START) {
  const db = path.join(dir, `run-${port}.sqlite`);
  copyFileSync(template, db);
  const started = performance.now();
  const child = spawn(command[0], command.slice(1), { env: { ...process.env, DATABASE_URL: db, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((r) => child.on('exit', r));
  let done = false;
  exited.then(() => (done = true));
  try {
    for (;;) {
      if (done) throw new Error(`${command.join(' ')} exited: ${stderr}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query });
        if (res.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 60_000) throw new Error('no answer within 60 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

async function measure(label, basePort, command) {
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(await once(basePort + i, command));
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(32)} median ${Math.round(times[Math.floor(RUNS / 2)])} ms (min ${Math.round(times[0])}, max ${Math.round(times[RUNS - 1])})`);
}

// The template: migrated and holding the demo data, so the runs measure start-up, not seeding.
rmSync('dist', { recursive: true, force: true });
const prepare = spawnSync('npm', ['run', '--silent', 'db:migrate'], { env: { ...process.env, DATABASE_URL: template }, encoding: 'utf8' });
if (prepare.status !== 0) throw new Error(prepare.stderr);
await once(PORT).then(() => copyFileSync(path.join(dir, `run-${PORT}.sqlite`), template));
await measure('from sources (tsx)', PORT + 100);
if (spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
await measure('from dist/ (npm run build)', PORT + 200);
await measure('from dist/, node bin/launch.mjs', PORT + 300, LAUNCH);
rmSync(dir, { recursive: true, force: true });
