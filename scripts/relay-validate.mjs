// npm run relay:validate: Relay's compiler over the example operations and schema.graphql, in a
// scratch folder (Relay reads graphql`` tags in source files, one operation per module named after
// it). Relay is the strictest common client: it refuses, for instance, required variables with
// defaults. Exit code: Relay's.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'retrofun-relay-'));
mkdirSync(path.join(work, 'src'));
copyFileSync(path.join(root, 'schema.graphql'), path.join(work, 'schema.graphql'));
let count = 0;
for (const dir of ['operations', 'operations/mutations', 'client/orders', 'client/live']) {
  for (const file of readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.graphql'))) {
    const text = readFileSync(path.join(root, dir, file), 'utf8').replace(/`/g, '\\`');
    writeFileSync(path.join(work, 'src', `${file.replace(/\.graphql$/, '')}.ts`), `import { graphql } from 'react-relay';\nexport default graphql\`\n${text}\n\`;\n`);
    count++;
  }
}
writeFileSync(path.join(work, 'relay.config.json'), JSON.stringify({ src: './src', schema: './schema.graphql', language: 'typescript' }));
const relay = createRequire(import.meta.url).resolve('relay-compiler/cli.js');
const run = spawnSync(process.execPath, [relay], { cwd: work, encoding: 'utf8' });
process.stdout.write(stripVTControlCharacters(run.stdout));
process.stderr.write(stripVTControlCharacters(run.stderr));
rmSync(work, { recursive: true, force: true });
console.log(`relay: ${count} documents ${run.status === 0 ? 'compiled' : 'refused'}`);
process.exit(run.status ?? 1);
