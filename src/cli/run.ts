import { ConfigError, loadDotEnv } from '../config.js';
import { DatabaseUnavailableError } from '../db/orm.js';

/**
 * Runs a command-line entry point: expected failures (bad configuration, unreachable database)
 * print one line; anything else prints its stack, since it is a bug.
 */
export function runCli(main: (args: string[]) => Promise<number>): void {
  loadDotEnv();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof ConfigError || error instanceof DatabaseUnavailableError) {
        console.error(`error: ${error.message}`);
      } else {
        console.error(error);
      }
      process.exitCode = 1;
    },
  );
}
