import { parseArgs } from 'node:util';
import { ConfigError, loadDotEnv } from '../config.js';
import { DatabaseUnavailableError } from '../db/orm.js';

/**
 * Runs a command-line entry point: expected failures (bad configuration, unreachable database,
 * and the command's own `expected` kinds) print one line and exit 1; anything else prints its
 * stack, since it is a bug.
 */
export function runCli(main: (args: string[]) => Promise<number>, expected: (new (...args: never[]) => Error)[] = []): void {
  loadDotEnv();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const known = error instanceof ConfigError || error instanceof DatabaseUnavailableError || expected.some((kind) => error instanceof kind);
      if (known && error instanceof Error) {
        console.error(`error: ${error.message}`);
      } else {
        console.error(error);
      }
      process.exitCode = 1;
    },
  );
}

/**
 * `--name value` options of a command, all of them strings; undefined (after printing what went
 * wrong and the usage) when the arguments are not understood or a required one is missing.
 */
export function parseOptions<K extends string>(args: string[], names: readonly K[], required: readonly K[], usage: string): Partial<Record<K, string>> | undefined {
  let values: Partial<Record<K, string>>;
  try {
    const options = Object.fromEntries(names.map((n) => [n, { type: 'string' as const }]));
    values = parseArgs({ args, options, strict: true, allowPositionals: false }).values as Partial<Record<K, string>>;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return undefined;
  }
  if (required.some((n) => !values[n])) {
    console.error(usage);
    return undefined;
  }
  return values;
}
