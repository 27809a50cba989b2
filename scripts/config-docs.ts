// npm run config:docs writes .env.example and docs/configuration.md from the table of variables
// (src/config/variables.ts); npm run config:check (--check) exits 1 when either file differs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderConfigDocs } from '../src/config/render.js';
import { projectRoot } from '../src/paths.js';

const check = process.argv.includes('--check');
const stale: string[] = [];
for (const [file, text] of Object.entries(renderConfigDocs())) {
  const target = path.join(projectRoot(), file);
  const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
  if (current === text) continue;
  if (check) stale.push(file);
  else {
    writeFileSync(target, text);
    console.log(`wrote ${file}`);
  }
}
if (stale.length) {
  console.error(`${stale.join(' and ')} differ from src/config/variables.ts: run npm run config:docs`);
  process.exit(1);
}
