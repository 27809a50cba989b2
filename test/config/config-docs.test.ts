import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderConfigDocs } from '../../src/config/render.js';
import { VARIABLES } from '../../src/config/variables.js';

const root = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(file) : entry.name.endsWith('.ts') ? [file] : [];
  });
}

describe('the configuration documents', () => {
  it.each(Object.entries(renderConfigDocs()))('%s is what the table of variables generates', (file, expected) => {
    const committed = readFileSync(path.join(root, file), 'utf8');
    expect(committed === expected, `${file} differs from src/config/variables.ts: run npm run config:docs`).toBe(true);
  });

  it('name every variable the service reads from the environment', () => {
    // A variable read straight from process.env bypasses the table, its checks and its documentation.
    // LOG_LEVEL is read early by the commands, before the configuration, only to decide how to print a crash.
    const read = sources(path.join(root, 'src')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!));
    expect(read).toContain('LOG_LEVEL');
    expect(read.filter((name) => !(name in VARIABLES))).toEqual([]);
  });
});
