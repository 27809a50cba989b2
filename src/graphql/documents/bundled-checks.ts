import type { DocumentMeasure } from './measure.js';

/**
 * The service's own manifest as the build checked it: the SHA-256 of the file's text, and each
 * document's measure by its id. A manifest whose text has that digest holds the very documents
 * the build validated against the schema the same build bundled, so the start can take their
 * measures instead of validating and measuring them again (35 documents: ~0.1 s of each start).
 */
export interface CheckedManifest {
  sha256: string;
  measures: Record<string, DocumentMeasure>;
}

/**
 * Undefined here, where the service runs from its sources or tsc's files and checks the manifest
 * at every start. The server's bundle (bin/bundle-server.mjs) replaces this module with the
 * checks the build made.
 */
export const bundledChecks: CheckedManifest | undefined = undefined;
