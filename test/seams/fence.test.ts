import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** What only src/seams may use: a library's private, protected or @internal member, or a patch of it. */
const FENCED: { seam: string; pattern: RegExp }[] = [
  { seam: 'mikro-orm.ts: helper() is @internal (use wrap(), em.getMetadata() or primaryKey())', pattern: /\bhelper\b[^;]*from '@mikro-orm\/core'/ },
  { seam: "mikro-orm.ts: an entity wrapper's internal state", pattern: /__meta\b|__initialized\b|__helper\b|__em\b|__data\b/ },
  { seam: 'mikro-orm.ts: QueryBuilder.setPartitionLimit is @internal', pattern: /setPartitionLimit/ },
  { seam: "mikro-orm.ts: setPartitionLimit's row-number column", pattern: /'__rn'/ },
  { seam: "mikro-orm.ts: the driver's protected connection and replicas", pattern: /createReplicas|\.replicas\s*=|as unknown as \{ (connection|replicas|database)\b/ },
  { seam: "mikro-orm.ts: SqliteSchemaHelper's private methods", pattern: /SchemaHelper\.prototype|\.prototype as unknown/ },
  { seam: 'mikro-orm.ts: inlined raw fragments (chr(63))', pattern: /chr\(63\)|char\(63\)/ },
  { seam: "pg.ts: pg's private connection state", pattern: /\.parsedStatements|submittedNamedStatements/ },
  { seam: "node-cluster.ts: node:cluster's internal messages", pattern: /NODE_CLUSTER|internalMessage/ },
  {
    seam: "type-graphql.ts: TypeGraphQL's metadata storage",
    pattern:
      /getMetadataStorage\b[^;]*from 'type-graphql'|getMetadataStorage\(\)\.(objectTypes|fields|fieldResolvers|queries|mutations|authorizedFields|authorizedResolver|middlewares|resolverMiddlewares)/,
  },
  { seam: "class-validator.ts: class-validator's metadata storage", pattern: /getTargetValidationMetadatas/ },
  { seam: "apollo-express.ts: the Express integration's res.send wrapped", pattern: /\bres\.send\s*(\?\?)?=(?!=)/ },
  {
    seam: "ws.ts: frames written under a ws WebSocket, its send and close wrapped, ws's private members",
    pattern:
      /\b(ws|socket|webSocket|websocket)\.(send|close)\s*(\?\?)?=(?!=)|\bWebSocket\.prototype\b|defineProperty\([^,]+,\s*['"](send|close)['"]|\btextFrames\b|\._(socket|sender|receiver)\b|\bsendFrame\b/,
  },
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return full === path.join(SRC, 'seams') ? [] : sources(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('library seams are fenced in src/seams', () => {
  it('no file outside src/seams uses a fenced member', () => {
    const found: string[] = [];
    for (const file of sources(SRC)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const { seam, pattern } of FENCED) if (pattern.test(line)) found.push(`${path.relative(SRC, file)}:${i + 1} belongs in src/seams/${seam}`);
        });
    }
    expect(found, 'move these uses into src/seams (one file per library, with a contract test in test/seams)').toEqual([]);
  });

  it('finds a fenced use when there is one (the scan reads the files it should)', () => {
    expect(sources(SRC).length).toBeGreaterThan(50);
    expect(FENCED.some(({ pattern }) => pattern.test('qb.setPartitionLimit({ partitionBy: "a", limit: 1 })'))).toBe(true);
    for (const line of ['ws.send = (...args) => send(...args);', "Object.defineProperty(ws, 'close', { value })", 'socket.write(textFrames(list));', 'ws._sender.sendFrame(list);'])
      expect(
        FENCED.some(({ pattern }) => pattern.test(line)),
        line,
      ).toBe(true);
  });
});
