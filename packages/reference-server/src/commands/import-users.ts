import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { importRowErrors, maxImportBatch, systemContext, type FirebaseHashParameters, type ImportedUser } from '@latch/server-sdk';
import { defineCommand, UsageError } from './command.js';

/** What `import` hands to wherever the database is open: the file's rows, already checked. */
export interface ImportCommandOptions {
  /** The file's name, for the report. */
  file: string;
  /** Each row with its line number in the file. */
  rows: Array<{ line: number; user: ImportedUser }>;
  invite: boolean;
  firebase?: FirebaseHashParameters;
}

const firebaseFlags = ['firebase-signer-key', 'firebase-salt-separator', 'firebase-rounds', 'firebase-mem-cost'] as const;

/** The Firebase project's parameters from the four `--firebase-*` options: all of them or none. */
function firebaseParameters(values: Partial<Record<(typeof firebaseFlags)[number], string>>): FirebaseHashParameters | undefined {
  const given = firebaseFlags.filter((flag) => values[flag] !== undefined);
  if (given.length === 0) return undefined;
  if (given.length < firebaseFlags.length) {
    throw new UsageError(`the Firebase parameters go together: also give ${firebaseFlags.filter((f) => !given.includes(f)).map((f) => `--${f}`).join(', ')}`);
  }
  const whole = (flag: (typeof firebaseFlags)[number]) => {
    const text = values[flag]!;
    if (!/^[0-9]{1,2}$/.test(text)) throw new UsageError(`--${flag} must be a whole number, got "${text}"`);
    return Number(text);
  };
  return {
    signerKey: values['firebase-signer-key']!, saltSeparator: values['firebase-salt-separator']!,
    rounds: whole('firebase-rounds'), memCost: whole('firebase-mem-cost'),
  };
}

/** Reads a JSON Lines file: one account object a line, blank lines ignored; the first bad line stops it. */
function readRows(path: string): ImportCommandOptions['rows'] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const rows: ImportCommandOptions['rows'] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const source = raw.trim();
    if (source === '') continue;
    const line = i + 1;
    let user: unknown;
    try {
      user = JSON.parse(source);
    } catch {
      throw new UsageError(`${path}:${line}: not valid JSON`);
    }
    if (typeof user !== 'object' || user === null || Array.isArray(user)) throw new UsageError(`${path}:${line}: not a JSON object`);
    const errors = importRowErrors(user);
    if (errors.length > 0) throw new UsageError(`${path}:${line}: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
    rows.push({ line, user: user as ImportedUser });
  }
  if (rows.length === 0) throw new UsageError(`${path} has no users`);
  return rows;
}

/**
 * `latch-server import FILE.jsonl [--invite] [--firebase-signer-key K --firebase-salt-separator S
 * --firebase-rounds R --firebase-mem-cost M]`: imports accounts from another system, one JSON
 * object a line (`{ email, displayName?, emailVerified?, passwordHash?, roles?, kind?,
 * hashParameters? }`). The whole file is checked before anything is imported; it then goes in
 * batches of 1,000, one transaction each, through the SDK's import. Existing emails are skipped,
 * so running it again after a failure is safe. Prints each skipped line with its reason, then the
 * counts.
 */
export const importUsersCommand = defineCommand<ImportCommandOptions>({
  name: 'import',
  synopsis: 'FILE [--invite] [--firebase-*]',
  summary: 'import accounts from a JSON Lines file, skipping existing emails (docs/guides/migrating-users.md)',
  parse(args) {
    let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
    try {
      parsed = parseArgs({
        args, allowPositionals: true, strict: true,
        options: { invite: { type: 'boolean' }, ...Object.fromEntries(firebaseFlags.map((flag) => [flag, { type: 'string' as const }])) },
      });
    } catch (error) {
      throw new UsageError((error as Error).message.split('\n')[0]!);
    }
    if (parsed.positionals.length !== 1) throw new UsageError('import needs exactly one FILE (JSON Lines, one account a line)');
    const path = parsed.positionals[0]!;
    const firebase = firebaseParameters(parsed.values as Partial<Record<(typeof firebaseFlags)[number], string>>);
    return { file: basename(path), rows: readRows(path), invite: parsed.values.invite === true, firebase };
  },
  async run(latch, options) {
    const lines: string[] = [];
    const totals = { created: 0, skipped: 0, invited: 0 };
    for (let start = 0; start < options.rows.length; start += maxImportBatch) {
      const batch = options.rows.slice(start, start + maxImportBatch);
      // Each batch is one transaction: after a failure, the batches before it are in and a second run skips them.
      const result = await latch.importUsers({ users: batch.map((r) => r.user), sendInvitations: options.invite, firebase: options.firebase }, systemContext('cli'));
      for (const skip of result.skipped) lines.push(`${options.file}:${batch[skip.index]!.line}: skipped ${skip.email}: ${skip.reason}${skip.reason === 'exists' ? '' : ` (${skip.message})`}`);
      totals.created += result.created;
      totals.skipped += result.skipped.length;
      totals.invited += result.invited;
    }
    lines.push(`imported ${options.file}: ${totals.created} created, ${totals.skipped} skipped, ${totals.invited} invited`);
    return { stdout: lines.join('\n') + '\n' };
  },
});
