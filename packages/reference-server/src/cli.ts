#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { createLatch, isLatchError, silentLogger, systemContext } from '@latch/server-sdk';
import { readSettings, EnvError } from './env.js';
import { createLogger } from './logger.js';
import { startServer } from './server.js';

const usage = `Usage: latch-server <command>

Commands:
  start                                  start the server (environment: see docs/configuration.md)
  migrate                                bring the database schema up to date and exit
  create-admin --email E [--password P] [--name N]
                                         create a super_admin account; without --password,
                                         print a single-use set-password link
  authorized-keys USER                   print USER's SSH keys (id or email) in authorized_keys format
  help                                   show this text`;

/** One-line failure and a non-zero exit. */
function fail(message: string): never {
  process.stderr.write(`latch-server: ${message}\n`);
  process.exit(1);
}

async function withLatch<T>(work: (latch: Awaited<ReturnType<typeof createLatch>>) => Promise<T>): Promise<T> {
  const settings = readSettings();
  const latch = await createLatch({ ...settings.latch, logger: silentLogger, mail: { ...settings.latch.mail, startWorker: false } });
  try {
    return await work(latch);
  } finally {
    await latch.close({ drainTimeoutMs: 5000 });
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start': {
      if (rest.length) fail(`start takes no arguments, got "${rest.join(' ')}"`);
      const logger = createLogger();
      const running = await startServer({ logger });
      logger.info({ url: running.url, publicUrl: running.latch.config.publicUrl, database: running.latch.database.kind, mailbox: running.settings.devMailbox ? `${running.latch.config.publicUrl}/dev/mailbox` : undefined }, 'Latch is ready');
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        running.close().then(() => process.exit(0), (error) => { logger.error({ err: error }, 'shutdown failed'); process.exit(1); });
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
      return;
    }
    case 'migrate': {
      if (rest.length) fail(`migrate takes no arguments, got "${rest.join(' ')}"`);
      await withLatch(async () => {});
      process.stdout.write('database is up to date\n');
      return;
    }
    case 'create-admin': {
      let values: { email?: string; password?: string; name?: string };
      try {
        ({ values } = parseArgs({ args: rest, options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } }, strict: true, allowPositionals: false }));
      } catch (error) {
        fail((error as Error).message.split('\n')[0]!);
      }
      if (!values.email) fail('create-admin needs --email');
      const result = await withLatch((latch) => latch.provisionUser({
        email: values.email!, password: values.password, displayName: values.name ?? 'Administrator', roles: ['super_admin'], sendInvitation: false,
      }, systemContext('cli')));
      process.stdout.write(`created super_admin ${result.user.email} (${result.user.id})\n`);
      if (result.invitationUrl) process.stdout.write(`set a password within 72 hours at: ${result.invitationUrl}\n`);
      return;
    }
    case 'authorized-keys': {
      if (rest.length !== 1) fail('authorized-keys needs exactly one USER (id or email)');
      const { authorizedKeysCommand } = await import('./commands/authorized-keys.js');
      const text = await withLatch((latch) => authorizedKeysCommand(latch, rest[0]!));
      process.stdout.write(text);
      return;
    }
    case undefined:
      fail('a command is needed: start, migrate, create-admin or authorized-keys (try: latch-server help)');
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(usage + '\n');
      return;
    default:
      fail(`unknown command "${command}" (try: latch-server help)`);
  }
}

main(process.argv.slice(2)).then(() => {
  // One-shot commands end here even if a library left a handle open; `start` keeps running.
  if (process.argv[2] !== 'start') process.exit(0);
}, (error) => {
  if (error instanceof EnvError) fail(error.message);
  if (isLatchError(error)) fail(`${error.code}: ${error.errors?.map((e) => `${e.field}: ${e.message}`).join('; ') || error.message}`);
  fail(error instanceof Error ? error.message.split('\n')[0]! : String(error));
});
