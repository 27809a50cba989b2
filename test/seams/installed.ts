import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/process.js';

/** The installed version of a package (its package.json, which some packages do not export). */
export function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}
