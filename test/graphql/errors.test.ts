import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../src/errors.js';
import { createErrorFormatter } from '../../src/graphql/errors.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe('error formatting', () => {
  it('masks unexpected errors for clients and logs them with the same id', async () => {
    const { logger, lines } = capture();
    const format = createErrorFormatter(logger);
    const original = new Error('connection to 10.0.0.5 failed: password authentication failed for user "shop"');
    const wrapped = new GraphQLError(original.message, { originalError: original, path: ['products'] });
    const out = format({ message: original.message, path: ['products'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrapped);
    expect(out.message).not.toContain('password');
    expect(out.extensions?.code).toBe(ErrorCode.INTERNAL_SERVER_ERROR);
    const errorId = out.extensions?.errorId as string;
    expect(out.message).toContain(errorId);
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ errorId, level: 50 });
    expect((lines[0]!.err as { message: string }).message).toBe(original.message);
  });

  it('passes coded client errors through, without stack traces', () => {
    const { logger, lines } = capture();
    const error = new AppError(ErrorCode.NOT_FOUND, 'No product with id "x"', { argument: 'id' });
    const out = createErrorFormatter(logger)({ message: error.message, extensions: { ...error.extensions, stacktrace: ['at x'] } }, error);
    expect(out).toEqual({ message: 'No product with id "x"', extensions: { code: 'NOT_FOUND', argument: 'id' } });
    expect(lines).toHaveLength(0);
  });
});
