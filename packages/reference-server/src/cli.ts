#!/usr/bin/env node
import { ConfigError, createLatch, silentLogger } from '@latch/server-sdk';
import { databaseCommands, databaseCommand, UsageError, type DatabaseCommand } from './commands/index.js';
import { describeError } from './commands/command.js';
import { callControl } from './control/client.js';
import { readSettings, EnvError, type ServerSettings } from './env.js';

/** One command of the usage text: synopsis, then the summary in a column (on the next line when the synopsis is long). */
const column = (left: string, right: string) => (left.length > 38 ? `  ${left}\n  ${''.padEnd(38)} ${right}` : `  ${left.padEnd(38)} ${right}`);
const usage = [
  'Usage: latch-server <command>',
  '',
  'Commands:',
  column('start', 'start the server (environment: see docs/configuration.md)'),
  ...databaseCommands.map((c) => column(`${c.name} ${c.synopsis}`.trim(), c.summary)),
  column('doctor', 'check the deployment\'s settings, database, mail and clock (exit 1 on a FAIL)'),
  column('help', 'show this text'),
  '',
  'Database commands work while the server runs: on embedded PGlite they run inside the running',
  'server (found through the data folder, LATCH_DATA_DIR), on PostgreSQL on their own connection.',
].join('\n');

/** One-line failure and a non-zero exit. */
function fail(message: string): never {
  process.stderr.write(`latch-server: ${message}\n`);
  process.exit(1);
}

const inUse = (error: unknown) => error instanceof ConfigError && /is in use by process/.test(error.message);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `command` in the server running on the embedded database, if one answers; null when none does. */
async function runInServer(settings: ServerSettings, command: DatabaseCommand, options: unknown): Promise<{ stdout: string; exitCode: number } | null> {
  if (settings.latch.database?.url) return null;
  const answer = await callControl(settings.dataDir, 'POST', `/commands/${command.name}`, { options });
  if (!answer) return null;
  if (answer.status !== 200) fail(String(answer.body?.error ?? `the running server answered ${answer.status}`));
  return answer.body;
}

/** Opens Latch in this process (migrating it), runs `command`, closes. */
async function runHere(settings: ServerSettings, command: DatabaseCommand, options: unknown): Promise<{ stdout: string; exitCode: number }> {
  const latch = await createLatch({ ...settings.latch, logger: silentLogger, mail: { ...settings.latch.mail, startWorker: false } });
  try {
    const output = await command.run(latch, options);
    return { stdout: output.stdout, exitCode: output.exitCode ?? 0 };
  } finally {
    await latch.close({ drainTimeoutMs: 5000 });
  }
}

async function runDatabaseCommand(command: DatabaseCommand, args: string[]): Promise<number> {
  const options = await command.parse(args);
  const settings = readSettings();
  let output = await runInServer(settings, command, options);
  if (!output) {
    try {
      output = await runHere(settings, command, options);
    } catch (error) {
      if (!inUse(error)) throw error;
      // A server that is still starting holds the database before its control channel opens.
      for (let waited = 0; !output && waited < 15_000; waited += 500) {
        await sleep(500);
        output = await runInServer(settings, command, options);
      }
      if (!output) throw new Error(`${(error as Error).message} (and it does not answer on its control socket: restart it with this version of latch-server)`);
    }
  }
  process.stdout.write(output.stdout);
  return output.exitCode;
}

async function main(argv: string[]): Promise<number | 'running'> {
  const [name, ...rest] = argv;
  if (name === 'start') {
    if (rest.length) fail(`start takes no arguments, got "${rest.join(' ')}"`);
    // Loaded here only: the one-shot commands start faster without the HTTP server's modules.
    const [{ createLogger }, { startServer }] = await Promise.all([import('./logger.js'), import('./server.js')]);
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
    return 'running';
  }
  if (name === 'doctor') {
    if (rest.length) fail(`doctor takes no arguments, got "${rest.join(' ')}"`);
    const { runDoctor } = await import('./commands/doctor.js');
    const report = await runDoctor(process.env);
    process.stdout.write(report.text);
    return report.failed ? 1 : 0;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage + '\n');
    return 0;
  }
  if (name === undefined) fail(`a command is needed: start, ${databaseCommands.map((c) => c.name).join(', ')} or doctor (try: latch-server help)`);
  const command = databaseCommand(name);
  if (!command) fail(`unknown command "${name}" (try: latch-server help)`);
  return runDatabaseCommand(command, rest);
}

main(process.argv.slice(2)).then((result) => {
  // One-shot commands end here even if a library left a handle open; `start` keeps running.
  if (result !== 'running') process.exit(result);
}, (error) => {
  if (error instanceof EnvError || error instanceof UsageError) fail(error.message);
  fail(describeError(error));
});
