import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/process.js';

/**
 * bin/launch.mjs in a project of its own, whose dist/ holds stand-ins that say which file ran:
 * the build's stamp names the bundles (bin/bundle-server.mjs: the server's and the CLIs'), and
 * launch must start an entry's bundle when the stamp names one, and tsc's file for any other entry
 * point (here src/cli/user, which these stamps leave out). No tsx there, so no sources to prefer.
 */
describe('bin/launch.mjs starts what the build says', () => {
  const project = mkdtempSync(path.join(os.tmpdir(), 'retrofun-launch-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  mkdirSync(path.join(project, 'bin'));
  for (const file of ['launch.mjs', 'require-node.cjs']) copyFileSync(path.join(ROOT, 'bin', file), path.join(project, 'bin', file));
  const standIn = (file: string) => {
    mkdirSync(path.dirname(path.join(project, 'dist', file)), { recursive: true });
    writeFileSync(path.join(project, 'dist', file), `console.log(JSON.stringify({ file: ${JSON.stringify(file)}, argv: process.argv.slice(1), sourceMaps: process.sourceMapsEnabled }));\n`);
  };
  for (const file of ['server.js', 'src/server.js', 'src/cli/user.js']) standIn(file);
  const stamp = (bundles?: Record<string, string>) => writeFileSync(path.join(project, 'dist', '.build.json'), JSON.stringify({ builtAt: new Date().toISOString(), bundles }));
  const launch = (...args: string[]) => {
    const run = spawnSync(process.execPath, [path.join(project, 'bin', 'launch.mjs'), ...args], { cwd: project, encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).toBe('');
    return JSON.parse(run.stdout) as { file: string; argv: string[]; sourceMaps: boolean };
  };

  it("starts the server's bundle, with its arguments, and without Node's source maps", () => {
    stamp({ 'src/server': 'server.js' });
    expect(launch('src/server', '--flag', 'x')).toEqual({ file: 'server.js', argv: [path.join(project, 'dist', 'server.js'), '--flag', 'x'], sourceMaps: false });
  });

  it("starts tsc's file for an entry point the build did not bundle, with source maps", () => {
    stamp({ 'src/server': 'server.js' });
    expect(launch('src/cli/user', 'list')).toEqual({ file: 'src/cli/user.js', argv: [path.join(project, 'dist', 'src', 'cli', 'user.js'), 'list'], sourceMaps: true });
  });

  it("starts tsc's file for the server when the build names no bundle (a build from before bundling)", () => {
    stamp();
    expect(launch('src/server').file).toBe('src/server.js');
  });
});
