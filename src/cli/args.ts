import { parseArgs } from 'node:util';
import { ConfigError, parseDatabaseUrl, type DatabaseConfig } from '../config.js';

/** A command line the command does not understand: runCli prints it with the usage, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A refusal the operator can act on (a database never migrated, a missing file): one line, exit 1. */
export class CommandError extends Error {
  override name = 'CommandError';
}

/** Each option of a command: a flag, or an option that takes a value (`--name value`, `--name=value`). */
export type OptionKinds = Record<string, 'flag' | 'value'>;

export type OptionValues<S extends OptionKinds> = { [K in keyof S]?: S[K] extends 'flag' ? true : string };

export interface ParsedCommand<S extends OptionKinds> {
  values: OptionValues<S>;
  positionals: string[];
}

/**
 * Reads a command line strictly: an unknown option, a flag given a value, an option missing its
 * value, or more or fewer arguments than allowed is a UsageError. An argument that starts with
 * `-` is never taken for a name (a file, a user): it is an unknown option, also after `--`, so
 * that `db:export -- --help` can never write a file named `--help` (`./-name` names such a file).
 */
export function parseCommand<const S extends OptionKinds>(args: string[], options: S, positionals: { min?: number; max: number } = { max: 0 }): ParsedCommand<S> {
  const config = Object.fromEntries(Object.entries(options).map(([name, kind]) => [name, { type: kind === 'flag' ? ('boolean' as const) : ('string' as const) }]));
  // Not strict: its messages suggest `--` for a positional starting with `-`, which is refused here.
  const { tokens } = parseArgs({ args, options: config, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | true> = {};
  const found: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      if (token.value.startsWith('-')) throw new UsageError(`unknown option ${quote(token.value)}`);
      found.push(token.value);
      continue;
    }
    const kind = options[token.name];
    if (kind === undefined || !token.rawName.startsWith('--')) throw new UsageError(`unknown option ${quote(args[token.index]!)}`);
    if (kind === 'flag') {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
      values[token.name] = true;
    } else {
      // `--out --url x`: the next option is not a value (a negative number is; `--out=-x` says it is).
      if (token.value === undefined || token.value === '' || (!token.inlineValue && token.value.startsWith('-') && !/^-\d/.test(token.value))) {
        throw new UsageError(`${token.rawName} needs a value`);
      }
      values[token.name] = token.value;
    }
  }
  if (found.length > positionals.max) throw new UsageError(`unexpected argument ${quote(found[positionals.max]!)}`);
  if (found.length < (positionals.min ?? 0)) throw new UsageError('missing argument');
  return { values: values as OptionValues<S>, positionals: found };
}

/** An argument as typed, shortened: it is echoed to a terminal. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

/** The value of a `--name` option that must be a whole number in a range. */
export function wholeNumber(name: string, raw: string | undefined, fallback: number, range: { min: number; max: number }): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new UsageError(`--${name} must be a whole number from ${range.min} to ${range.max}, got ${quote(raw)}`);
  }
  return value;
}

/** A database URL given as an option: a mistake in it is a usage mistake, named after the option. */
export function databaseUrlOption(name: string, raw: string): DatabaseConfig {
  try {
    return parseDatabaseUrl(raw);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`--${name}: ${error.message}`);
    throw error;
  }
}
