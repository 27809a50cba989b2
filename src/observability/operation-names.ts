import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type DefinitionNode, Kind, parse } from 'graphql';
import { projectRoot } from '../paths.js';

/** The documents the project ships (codegen.ts reads the same): the example operations and the orders page's. */
const DOCUMENT_FOLDERS = ['operations', 'client/orders'];

function graphqlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return graphqlFiles(full);
    return entry.name.endsWith('.graphql') ? [full] : [];
  });
}

/**
 * Operation names that get a metric label of their own: those of the documents the project ships.
 * A client chooses the names it sends, so any other name is counted as "other" (a label per
 * invented name would let one client fill every slot). A file that does not parse is skipped:
 * metrics are no reason to refuse to start.
 */
export function knownOperationNames(root = projectRoot()): Set<string> {
  const names = new Set<string>();
  for (const file of DOCUMENT_FOLDERS.flatMap((folder) => graphqlFiles(path.join(root, folder)))) {
    let definitions: readonly DefinitionNode[];
    try {
      definitions = parse(readFileSync(file, 'utf8')).definitions;
    } catch {
      continue;
    }
    for (const d of definitions) if (d.kind === Kind.OPERATION_DEFINITION && d.name) names.add(d.name.value);
  }
  return names;
}
