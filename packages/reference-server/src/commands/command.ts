import { isLatchError, type Latch } from '@latch/server-sdk';

/** What a command prints and how it ends. */
export interface CommandOutput {
  stdout: string;
  /** Default 0. */
  exitCode?: number;
}

/**
 * A `latch-server` command that works on the database. It is split in two so it runs the same
 * whether the CLI opens the database itself or hands the work to the running server (embedded
 * PGlite allows one process): `parse` runs in the CLI process, `run` wherever the database is open.
 */
export interface DatabaseCommand<Options = unknown> {
  name: string;
  /** The argument synopsis shown by `latch-server help`, e.g. `--email E [--password P]`. */
  synopsis: string;
  summary: string;
  /**
   * Reads the arguments (and any local file they name) in the CLI process. The result crosses the
   * control channel as JSON, so it must be plain data.
   * @throws UsageError on bad arguments.
   */
  parse(args: string[]): Options | Promise<Options>;
  run(latch: Latch, options: Options): Promise<CommandOutput>;
}

/** Bad command-line arguments: one line, exit code 1, no database touched. */
export class UsageError extends Error {
  constructor(message: string) { super(message); this.name = 'UsageError'; }
}

/** Declares a command with its options type inferred from `parse`. */
export function defineCommand<Options>(command: DatabaseCommand<Options>): DatabaseCommand<Options> {
  return command;
}

/** The one line a failed command prints after `latch-server: ` (no stack, no secret). */
export function describeError(error: unknown): string {
  if (isLatchError(error)) return `${error.code}: ${error.errors?.map((e) => `${e.field}: ${e.message}`).join('; ') || error.message}`;
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
