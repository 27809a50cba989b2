import { ConfigError, loadDotEnv } from '../config.js';
import { DatabaseUnavailableError } from '../db/orm.js';
import { CommandError, UsageError } from './args.js';

type ErrorKind = new (...args: never[]) => Error;

export interface Command {
  /** Printed on stdout for `--help`/`-h`, on stderr after a usage mistake. */
  usage: string;
  /** Resolves with the exit code; throws UsageError (exit 2), an expected kind (exit 1) or a bug. */
  main: (args: string[]) => Promise<number>;
  /** The command's own error kinds whose message is meant for the operator. */
  expected?: ErrorKind[];
}

/** `--help` or `-h` anywhere before a `--`: usage and nothing else, whatever the other arguments. */
function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** Whether the operator asked for stacks (LOG_LEVEL=debug or trace, as the service's own logs). */
function debugging(): boolean {
  return ['debug', 'trace'].includes(process.env.LOG_LEVEL?.trim().toLowerCase() ?? '');
}

/**
 * What an error prints and the exit code. A bug prints the first line of its message only: the
 * lines after it may quote values (PostgreSQL's "Failing row contains (…)" holds a password hash),
 * and a stack is for whoever debugs, who asks for it with LOG_LEVEL=debug.
 */
function report(error: unknown, command: Command): number {
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}\n${command.usage}`);
    return 2;
  }
  const known = [ConfigError, DatabaseUnavailableError, CommandError, ...(command.expected ?? [])];
  if (error instanceof Error && known.some((kind) => error instanceof kind)) {
    console.error(`error: ${error.message}`);
    return 1;
  }
  if (debugging()) {
    console.error(error);
    return 1;
  }
  const name = error instanceof Error ? error.name : typeof error;
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
  console.error(`error: unexpected ${name}: ${first} (LOG_LEVEL=debug shows the stack)`);
  return 1;
}

/**
 * Runs a command-line entry point, the one place that decides what the operator sees: `--help`
 * prints the usage on stdout (exit 0); a usage mistake prints what was wrong and the usage on
 * stderr (exit 2); a refusal prints one line (exit 1); anything else, a bug, one line too.
 */
export function runCli(command: Command): void {
  const args = process.argv.slice(2);
  if (wantsHelp(args)) {
    process.stdout.write(`${command.usage}\n`);
    process.exitCode = 0;
    return;
  }
  const done = (code: number) => {
    process.exitCode = code;
  };
  (async () => {
    loadDotEnv();
    return command.main(args);
  })().then(done, (error: unknown) => done(report(error, command)));
}
