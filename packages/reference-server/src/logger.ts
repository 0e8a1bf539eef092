import { pino, type Logger as Pino } from 'pino';

/** JSON logs on stdout. Paths are logged without query strings, which may carry tokens. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Pino {
  return pino({
    level,
    base: { service: 'latch' },
    redact: { paths: ['password', 'newPassword', 'currentPassword', 'token', 'code', 'secret', '*.password', '*.token', 'headers.cookie', 'headers.authorization'], censor: '[redacted]' },
  });
}
