/** A structured logger (pino-compatible subset). Never pass secrets in `fields`. */
export interface Logger {
  debug(fields: Record<string, unknown>, message?: string): void;
  info(fields: Record<string, unknown>, message?: string): void;
  warn(fields: Record<string, unknown>, message?: string): void;
  error(fields: Record<string, unknown>, message?: string): void;
}

function line(level: string, fields: Record<string, unknown>, message?: string): string {
  return JSON.stringify({ level, time: new Date().toISOString(), ...fields, msg: message });
}

/** JSON lines on stderr; debug is silent. */
export const consoleLogger: Logger = {
  debug: () => {},
  info: (fields, message) => { process.stderr.write(line('info', fields, message) + '\n'); },
  warn: (fields, message) => { process.stderr.write(line('warn', fields, message) + '\n'); },
  error: (fields, message) => { process.stderr.write(line('error', fields, message) + '\n'); },
};

/** A logger that drops everything (tests). */
export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
