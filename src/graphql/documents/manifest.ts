import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { ConfigError } from '../../config/errors.js';
import { projectRoot } from '../../paths.js';
import type { CheckedManifest } from './bundled-checks.js';
import { canonicalId, ID_FORMS, idMatches, parseDocumentId } from './ids.js';
import { measureDocument, type DocumentMeasure } from './measure.js';

/** The service's own manifest: every operation in operations/ and client/, written by `npm run documents:manifest`. */
export const OWN_MANIFEST = path.join(projectRoot(), 'client', 'generated', 'persisted-documents.json');

/** A manifest that cannot be trusted as it is: the message is one line naming its file (and the document). */
export class ManifestError extends ConfigError {
  override name = 'ManifestError';
}

export interface TrustedDocument extends DocumentMeasure {
  /** The id as its manifest spells it. */
  id: string;
  text: string;
  /** The manifest it came from, relative to the working directory. */
  file: string;
}

/** Every trusted document, by canonical id (src/graphql/documents/ids.ts). */
export type TrustedDocuments = ReadonlyMap<string, TrustedDocument>;

/** The manifests to load: the service's own, then every `*.json` of PERSISTED_DOCUMENTS_DIR in name order. */
export function manifestFiles(dir: string | undefined): string[] {
  if (dir === undefined) return [OWN_MANIFEST];
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch (error) {
    throw new ManifestError(`PERSISTED_DOCUMENTS_DIR ${dir} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return [OWN_MANIFEST, ...names.sort().map((name) => path.join(dir, name))];
}

/** A file as an operator reads it: relative under the working directory, else absolute. */
function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : path.resolve(file);
}

/** A manifest's entries: a JSON object mapping ids to document texts, the client preset's persisted-documents.json. */
export function readManifest(file: string): [string, string][] {
  return readManifestText(file).entries;
}

/** A manifest's entries, and its text (whose digest the build's checks are made of). */
function readManifestText(file: string): { entries: [string, string][]; text: string } {
  const shown = shownPath(file);
  let parsed: unknown;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? `is not JSON: ${error.message}` : `cannot be read (${(error as NodeJS.ErrnoException).code})`;
    throw new ManifestError(`persisted documents manifest ${shown} ${reason}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ManifestError(`persisted documents manifest ${shown} is not a JSON object mapping ids to documents`);
  const entries = Object.entries(parsed);
  const bad = entries.find(([, value]) => typeof value !== 'string');
  if (bad) throw new ManifestError(`persisted documents manifest ${shown}: the document of ${bad[0]} is not a string`);
  return { entries: entries as [string, string][], text };
}

const sha256Of = (text: string) => createHash('sha256').update(text).digest('hex');

export interface LoadOptions {
  /** PERSISTED_DOCUMENTS_DIR. */
  dir?: string;
  /** Only these files (schema:breaking's --documents), instead of the service's own and the directory's. */
  files?: string[];
  /**
   * The build's checks of the service's own manifest (bundled-checks.ts): when its text is the one
   * the build checked, its documents' measures are taken from here instead of validated and
   * measured again. Only for the schema that build bundled.
   */
  checked?: CheckedManifest;
}

function parseDocument(text: string, where: string): DocumentNode {
  try {
    return parse(text);
  } catch (error) {
    throw new ManifestError(`${where} is not a GraphQL document: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** A document as its manifest holds it, its id checked against its text and its text parsed. */
export interface ReadDocument {
  id: string;
  canonical: string;
  text: string;
  document: DocumentNode;
  /** The manifest, relative to the working directory. */
  file: string;
  /** Its first operation's name, or `anonymous`. */
  name: string;
}

/** Every document of the manifests, each id the digest of its text (else a ManifestError naming the file). */
export function readDocuments(options: LoadOptions = {}): ReadDocument[] {
  const read: ReadDocument[] = [];
  for (const file of options.files ?? manifestFiles(options.dir)) {
    const shown = shownPath(file);
    for (const [rawId, text] of readManifest(file)) {
      const id = parseDocumentId(rawId);
      if (!id) throw new ManifestError(`persisted documents manifest ${shown}: ${JSON.stringify(rawId.slice(0, 80))} is not an id: ids are ${ID_FORMS}`);
      if (!idMatches(id, text)) throw new ManifestError(`persisted documents manifest ${shown}: ${rawId} is not the ${id.algorithm} of its document (PERSISTED_QUERY_HASH_MISMATCH)`);
      const document = parseDocument(text, `persisted documents manifest ${shown}: document ${rawId}`);
      const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
      read.push({ id: rawId, canonical: canonicalId(id), text, document, file: shown, name: operation?.name?.value ?? 'anonymous' });
    }
  }
  return read;
}

/**
 * Reads, checks and measures every trusted document. Each id must be the digest of its text, each
 * text must hold an operation valid against the schema, and none may cost more than the limit with
 * its variables at their largest: a manifest that breaks any of these is refused as a whole, with
 * a one-line ManifestError naming the file and the document, so that the service does not start.
 */
export function loadTrustedDocuments(schema: GraphQLSchema, options: LoadOptions & { costLimit: number }): Map<string, TrustedDocument> {
  const documents = new Map<string, TrustedDocument>();
  const checked = options.files ? undefined : ownManifestAsChecked(options.checked);
  const trust = (measure: DocumentMeasure, where: string, entry: { id: string; canonical: string; text: string; file: string }) => {
    if (measure.cost !== undefined && measure.cost > options.costLimit) {
      throw new ManifestError(`${where} costs ${measure.cost} at its largest pages, above QUERY_COST_LIMIT ${options.costLimit}`);
    }
    documents.set(entry.canonical, { ...measure, id: entry.id, text: entry.text, file: entry.file });
  };
  if (checked) for (const entry of checked) trust(entry.measure, whereOf({ ...entry, name: entry.measure.name }), entry);
  for (const d of readDocuments({ ...options, files: options.files ?? manifestFiles(options.dir).slice(checked ? 1 : 0) })) trust(validMeasure(schema, d), whereOf(d), d);
  return documents;
}

const whereOf = (d: Pick<ReadDocument, 'file' | 'name' | 'id'>) => `persisted documents manifest ${d.file}: document ${d.name} (${d.id})`;

/** A read document's measure, once it validates against the schema (else a ManifestError naming it). */
function validMeasure(schema: GraphQLSchema, d: ReadDocument): DocumentMeasure {
  const errors = validate(schema, d.document);
  if (errors.length) throw new ManifestError(`${whereOf(d)} does not validate against the schema: ${errors[0]!.message}`);
  return measureDocument(schema, d.document);
}

/**
 * The service's own manifest with the build's measures, when its text is the one the build
 * checked (same SHA-256, every id measured); undefined otherwise, and it is checked as any other.
 */
function ownManifestAsChecked(checked: CheckedManifest | undefined): { id: string; canonical: string; text: string; file: string; measure: DocumentMeasure }[] | undefined {
  if (!checked) return undefined;
  const { entries, text: manifest } = readManifestText(OWN_MANIFEST);
  if (sha256Of(manifest) !== checked.sha256) return undefined;
  const file = shownPath(OWN_MANIFEST);
  const read = [];
  for (const [id, text] of entries) {
    const parsed = parseDocumentId(id);
    const measure = checked.measures[id];
    // JSON has no Infinity: a cost that did not survive the build's JSON is checked again.
    if (!parsed || !measure || (measure.cost !== undefined && !Number.isFinite(measure.cost))) return undefined;
    read.push({ id, canonical: canonicalId(parsed), text, file, measure });
  }
  return read;
}

/** What the build records of the service's own manifest (bin/bundle-server.mjs): its digest and every document's measure. */
export function checkOwnManifest(schema: GraphQLSchema): CheckedManifest {
  const sha256 = sha256Of(readManifestText(OWN_MANIFEST).text);
  const measures: Record<string, DocumentMeasure> = {};
  for (const d of readDocuments({ files: [OWN_MANIFEST] })) measures[d.id] = validMeasure(schema, d);
  return { sha256, measures };
}
