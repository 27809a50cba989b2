import { createReadStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { BadTextError, utf8Lines } from './csv-text.js';

/** A bad row or file: the message names the file, the line and the column. */
export class ImportError extends Error {
  override name = 'ImportError';

  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly column: string | null,
    detail: string,
  ) {
    super(`${path.basename(file)}${line !== null ? `:${line}` : ''}${column ? ` (column ${column})` : ''}: ${detail}`);
  }
}

/** One data row with the line it started on (the header is line 1). */
export interface CsvRow {
  line: number;
  file: string;
  values: Record<string, string>;
}

/** Reads a whole CSV file, matching columns by header name in any order; every required column must be present. */
export async function readCsv(file: string, required: readonly string[]): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  const csv = parse({ columns: (header: string[]) => header.map((h) => h.trim()), bom: true, skip_empty_lines: true, info: true, relax_column_count: false });
  // pipeline, not pipe: an unreadable file or bad text fails the iteration below, not the process.
  const parser = pipeline(createReadStream(file), utf8Lines(), csv, () => undefined);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (rows.length === 0) {
        const missing = required.filter((c) => !(c in record));
        if (missing.length) throw new ImportError(file, 1, missing[0]!, `missing column(s) ${missing.join(', ')}`);
      }
      rows.push({ line: info.lines, file, values: record });
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    if (error instanceof BadTextError) throw new ImportError(file, error.line, null, error.message);
    const line = (error as { lines?: number }).lines ?? null;
    throw new ImportError(file, line, null, (error as Error).message);
  }
  return rows;
}

export function text(row: CsvRow, column: string, max: number, required = true): string | null {
  const value = (row.values[column] ?? '').trim();
  if (!value) {
    if (required) throw new ImportError(row.file, row.line, column, 'is empty');
    return null;
  }
  if (value.length > max) throw new ImportError(row.file, row.line, column, `is longer than ${max} characters`);
  return value;
}

export function integer(row: CsvRow, column: string, min: number, max: number): number {
  const raw = (row.values[column] ?? '').trim();
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < min || value > max) throw new ImportError(row.file, row.line, column, `"${raw}" is not a whole number from ${min} to ${max}`);
  return value;
}

export function decimal(row: CsvRow, column: string, min: number): number {
  const raw = (row.values[column] ?? '').trim();
  const value = Number(raw);
  if (!/^-?\d+(\.\d+)?$/.test(raw) || value < min) throw new ImportError(row.file, row.line, column, `"${raw}" is not a number of at least ${min}`);
  return Math.round(value * 100) / 100;
}

/** `YYYY-MM-DD HH:MM:SS`, UTC. */
export function timestamp(row: CsvRow, column: string): Date {
  const raw = (row.values[column] ?? '').trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?$/.exec(raw);
  const date = match ? new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${match[7] ?? ''}Z`) : new Date(NaN);
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 19).replace('T', ' ') !== raw.slice(0, 19).replace('T', ' ')) {
    throw new ImportError(row.file, row.line, column, `"${raw}" is not a timestamp YYYY-MM-DD HH:MM:SS`);
  }
  return date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuid(row: CsvRow, column: string): string {
  const raw = (row.values[column] ?? '').trim();
  if (!UUID.test(raw)) throw new ImportError(row.file, row.line, column, `"${raw}" is not a uuid`);
  return raw.toLowerCase();
}
