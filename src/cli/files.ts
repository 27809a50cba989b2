import { statSync } from 'node:fs';
import path from 'node:path';
import { CommandError } from './args.js';

/** What a command reads must be there before it opens (or migrates) a database. */
export function requireExisting(file: string, kind: 'file' | 'file or folder' = 'file'): 'file' | 'folder' {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat?.isFile()) return 'file';
  if (kind === 'file or folder' && stat?.isDirectory()) return 'folder';
  throw new CommandError(`no ${kind} at ${file}`);
}

/** Where a command writes a file must be a folder that exists, and the name not a folder's. */
export function requireWritableTarget(file: string): void {
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new CommandError(`${file} is a folder: name the file to write`);
  const dir = path.dirname(path.resolve(file));
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new CommandError(`no folder ${path.dirname(file)} to write ${path.basename(file)} into`);
}
