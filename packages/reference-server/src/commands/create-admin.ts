import { parseArgs } from 'node:util';
import { systemContext } from '@latch/server-sdk';
import { defineCommand, UsageError } from './command.js';

/**
 * `latch-server create-admin --email E [--password P] [--name N]`: creates a super_admin account.
 * Without `--password` it prints a single-use set-password link on the configured PUBLIC_URL (the
 * running server's when one runs).
 */
export const createAdminCommand = defineCommand({
  name: 'create-admin',
  synopsis: '--email E [--password P] [--name N]',
  summary: 'create a super_admin account; without --password, print a single-use set-password link',
  parse(args) {
    let values: { email?: string; password?: string; name?: string };
    try {
      ({ values } = parseArgs({ args, options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } }, strict: true, allowPositionals: false }));
    } catch (error) {
      throw new UsageError((error as Error).message.split('\n')[0]!);
    }
    if (!values.email) throw new UsageError('create-admin needs --email');
    return { email: values.email, password: values.password, name: values.name ?? 'Administrator' };
  },
  async run(latch, options) {
    const result = await latch.provisionUser({
      email: options.email, password: options.password, displayName: options.name, roles: ['super_admin'], sendInvitation: false,
    }, systemContext('cli'));
    let stdout = `created super_admin ${result.user.email} (${result.user.id})\n`;
    if (result.invitationUrl) stdout += `set a password within 72 hours at: ${result.invitationUrl}\n`;
    return { stdout };
  },
});
