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
