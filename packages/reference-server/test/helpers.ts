import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '@latch/server-sdk';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@latch/server-sdk/testing';
import { pino } from 'pino';
import { startServer, type RunningServer } from '../src/index.js';

export { testDatabaseKinds };

/** A TCP port free on loopback now (for a server whose address must be known before it starts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => { server.on('error', reject); server.listen(0, '127.0.0.1', resolve); });
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A started reference server on its own data folder (PGlite) or a fresh PostgreSQL database. */
export interface TestReferenceServer {
  running: RunningServer;
  url: string;
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** Starts the reference server on an ephemeral port with `env` on top of test defaults. */
export async function startTestServer(kind: 'pglite' | 'postgres', env: NodeJS.ProcessEnv = {}): Promise<TestReferenceServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'latch-ref-'));
  const database: TestDatabase = await createTestDatabase(kind);
  const fullEnv: NodeJS.ProcessEnv = {
    PORT: '0', HOST: '127.0.0.1', LATCH_DATA_DIR: dataDir, PUBLIC_URL: 'http://localhost:3000',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...env,
  };
  const running = await startServer({ env: fullEnv, logger: pino({ level: 'silent' }), overrides: { logger: silentLogger } });
  return {
    running,
    url: running.url,
    env: fullEnv,
    async close() {
      await running.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const cliPath = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

/** Runs the CLI as a user would, from source. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions', 'latch-source', cliPath, ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
