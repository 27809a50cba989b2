import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text as streamText } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entities } from '../../src/modules/entities.js';
import { Product } from '../../src/modules/catalog/product.entity.js';
import { utf8Lines } from '../../src/modules/data/csv-text.js';
import { openMigratedOrm, type TestOrm } from '../support/orm.js';
import { runEntry } from '../support/process.js';

const HEADER = 'country,manufacturer,name,cpu,year\n';

/**
 * `npm run db:import` on files that are not UTF-8 text (issue 26, point 7): Latin-1 became U+FFFD
 * without a word, a NUL byte got a stack. Both are refused with the file and line, in one line.
 */
describe('npm run db:import refuses bytes that are not UTF-8 text', () => {
  let dir: string;
  let t: TestOrm;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'retrofun-csv-text-'));
    t = await openMigratedOrm();
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rows = async () => {
    const em = t.orm.em.fork();
    return (await Promise.all(entities.map((e) => em.count(e, {})))).reduce((a, b) => a + b, 0);
  };
  const importing = async (content: Buffer) => {
    const sub = mkdtempSync(path.join(dir, 'case-'));
    writeFileSync(path.join(sub, 'products.csv'), content);
    return runEntry('src/cli/import', ['--file', path.join(sub, 'products.csv')], { DATABASE_URL: t.db.config.url, LOG_LEVEL: 'silent' });
  };

  it.each([
    [
      'Latin-1 (é as one byte)',
      Buffer.concat([Buffer.from(`${HEADER}UK,Acorn,BBC Micro,6502,1981\nFrance,Thomson,`), Buffer.from([0x4d, 0xe9, 0x74, 0x72, 0x6f]), Buffer.from(',6809,1985\n')]),
      'products.csv:3: is not valid UTF-8 text (save the file as UTF-8)',
    ],
    ['a NUL byte', Buffer.from(`${HEADER}UK,Acorn,BBC\u0000Micro,6502,1981\n`), 'products.csv:2: holds a NUL byte'],
  ])('%s: one line naming the file and line, exit 1, nothing written', async (_, content, message) => {
    const run = await importing(content);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([`import failed, nothing of this file was written — ${message}`]);
    expect(await rows()).toBe(0);
  });

  it('imports UTF-8 text, also with a character split between two reads', async () => {
    const run = await importing(Buffer.from(`\ufeff${HEADER}France,Thomson,Mégamo 7,6809,1985\n`));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((await t.orm.em.fork().findOneOrFail(Product, { year: 1985 })).name).toBe('Mégamo 7');
    const bytes = Buffer.from('a,é\nb,ü');
    const split = Readable.from([bytes.subarray(0, 3), bytes.subarray(3, 4), bytes.subarray(4)]).pipe(utf8Lines());
    expect(await streamText(split)).toBe('a,é\nb,ü');
  });
});
