import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

/**
 * A runner of named steps for a browser story: a failing step saves a full-page screenshot of
 * every open page of `contexts` into `artifacts` (CI keeps them) before it fails the test.
 */
export function screenshotSteps(contexts: readonly BrowserContext[], artifacts: string) {
  return async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      mkdirSync(artifacts, { recursive: true });
      let n = 0;
      for (const context of contexts) {
        for (const page of context.pages()) {
          const path = join(artifacts, `${name.replace(/[^a-z0-9]+/gi, '-')}-${++n}.png`);
          await page.screenshot({ path, fullPage: true }).catch(() => {});
          console.error(`screenshot: ${path} (${page.url()})`);
        }
      }
      throw error;
    }
  };
}
