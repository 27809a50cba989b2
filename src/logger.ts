import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

/** Structured JSON logs; secrets are redacted wherever they might appear. */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'retrofun-graphql' },
    redact: {
      paths: ['password', '*.password', 'passwordHash', '*.passwordHash', 'token', '*.token', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
