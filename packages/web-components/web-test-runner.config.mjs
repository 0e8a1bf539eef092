// Component tests: Chromium through Playwright, TypeScript through esbuild, and a real Latch
// (PGlite, SMTP sink) on the same origin as the test pages (see test/server-plugin.ts).
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { latchServerPlugin } from './test/server-plugin.ts';

const freePort = () => new Promise((resolve, reject) => {
  const server = createServer();
  server.on('error', reject);
  server.listen(0, 'localhost', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});

/** Ends the run with one `components: N passed, N failed` line that the root test script sums up. */
function countReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      const walk = (suite) => {
        for (const test of suite?.tests ?? []) {
          if (test.skipped) continue;
          if (test.passed) passed++; else failed++;
        }
        for (const child of suite?.suites ?? []) walk(child);
      };
      for (const session of sessions) {
        walk(session.testResults);
        // A file that failed to load or run has errors but no failed test: count it as a failure.
        if (!session.passed && !(session.testResults?.tests?.length || session.testResults?.suites?.length)) failed++;
      }
      console.log(`components: ${passed} passed, ${failed} failed`);
    },
  };
}

const port = Number(process.env.LATCH_WTR_PORT) || await freePort();
const latch = latchServerPlugin({ port });
const components = readdirSync(new URL('./src/components', import.meta.url))
  .filter((name) => readdirSync(new URL(`./src/components/${name}`, import.meta.url)).some((f) => f.endsWith('.test.ts')));

export default {
  rootDir: '.',
  port,
  hostname: 'localhost',
  nodeResolve: { exportConditions: ['production', 'browser'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 240_000,
  browserStartTimeout: 60_000,
  groups: [
    ...components.map((name) => ({ name, files: `src/components/${name}/*.test.ts` })),
    { name: 'locales', files: 'src/locales/*.test.ts' },
    { name: 'cdn', files: 'test/cdn.test.ts' },
  ],
  middleware: [latch.koaMiddleware()],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    latch,
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
      },
    }),
  ],
  testFramework: { config: { timeout: 30_000 } },
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter()],
};
