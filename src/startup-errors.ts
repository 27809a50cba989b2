import { ConfigError } from './config.js';
import { DatabaseUnavailableError } from './db/orm.js';

/** A port the service could not listen on, named by the variable that chose it. */
export class ListenError extends Error {
  override name = 'ListenError';

  constructor(variable: 'PORT' | 'METRICS_PORT', cause: NodeJS.ErrnoException & { address?: string; port?: number }) {
    const port = cause.port === undefined ? variable : `port ${cause.port}${cause.address ? ` on ${cause.address}` : ''}`;
    const messages: Record<string, string> = {
      EADDRINUSE: `${port} is already in use (EADDRINUSE): stop what listens there or set another ${variable}`,
      EACCES: `${port} needs privileges this process lacks (EACCES): set a ${variable} above 1023`,
      EADDRNOTAVAIL: `cannot listen on ${port}: no such address on this machine (EADDRNOTAVAIL): check HOST`,
    };
    super(messages[cause.code ?? ''] ?? `cannot listen on ${port} (${variable}): ${cause.message}`, { cause });
  }
}

/** `listen`, with a failure to listen (a server's 'error' at start) turned into a ListenError. */
export async function listenOn<T>(variable: 'PORT' | 'METRICS_PORT', listen: () => Promise<T>): Promise<T> {
  try {
    return await listen();
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    // A cluster worker's bind goes through its primary: syscall 'bind' rather than 'listen'.
    if (e.syscall === 'listen' || e.syscall === 'bind') throw new ListenError(variable, e);
    throw error;
  }
}

/**
 * The one line an operator gets for a start-up failure the service expects (configuration, the
 * database, a port), or undefined for anything else (a bug: its stack is worth reading).
 */
export function startupFailureLine(error: unknown): string | undefined {
  const expected = error instanceof ConfigError || error instanceof DatabaseUnavailableError || error instanceof ListenError;
  return expected ? error.message : undefined;
}

/** A cluster worker's report to its primary of why it could not start. */
export interface StartupFailed {
  retrofun: 'startup-failed';
  reason: string;
}

export function isStartupFailed(message: unknown): message is StartupFailed {
  const m = message as Partial<StartupFailed> | null;
  return m?.retrofun === 'startup-failed' && typeof m.reason === 'string';
}
