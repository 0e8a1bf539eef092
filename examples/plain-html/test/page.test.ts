/**
 * The plain HTML site in Chromium (playwright-core): a person signs up on the static page, opens
 * the verification link from a real SMTP sink, lands back on the page signed in, signs out, and
 * signs in again through <latch-login-form>, under a strict Content-Security-Policy.
 *
 * Needs the web-components build (`dist/cdn/latch.js`) and Chromium (/usr/bin/chromium or CHROMIUM_PATH).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { silentLogger } from '@latch/server-sdk';
import { linkIn, startSmtpSink, type SmtpSink } from '@latch/server-sdk/testing';
import { startServer } from '../src/server.js';

const email = 'plain-html@example.com';
const password = 'violet-harbor-engine-42';

describe('the plain HTML example in a browser', () => {
  let site: Awaited<ReturnType<typeof startServer>>;
  let mail: SmtpSink;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    mail = await startSmtpSink();
    site = await startServer({
      port: 0,
      latch: {
        secret: 'example-secret-that-is-long-enough-0123456789',
        logger: silentLogger,
        mail: { smtpUrl: mail.url },
        passwords: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
      },
    });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    });
    page = await (await browser.newContext()).newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // A 401 from /auth/me before signing in is expected; script errors and CSP refusals are not.
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(message.text());
    });
  });
  after(async () => {
    await browser?.close();
    await site?.close();
    await mail?.close();
  });

  it('serves the pages and the component bundle from the same origin as the API', async () => {
    const home = await fetch(`${site.origin}/`);
    assert.equal(home.status, 200);
    assert.match(home.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    const bundle = await fetch(`${site.origin}/components/latch.js`);
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
    assert.equal((await fetch(`${site.origin}/components/../package.json`)).status, 404);
    assert.equal((await fetch(`${site.origin}/auth/config`)).status, 200);
  });

  it('signs up, verifies through the emailed link, and shows the signed-in user', async () => {
    await page.goto(`${site.origin}/`);
    await page.locator('latch-login-form').getByRole('link', { name: /create an account|sign up/i }).click();
    await page.waitForURL(`${site.origin}/sign-up`);
    await page.locator('latch-signup-form #displayName').fill('Plain Page');
    await page.locator('latch-signup-form #email').fill(email);
    await page.locator('latch-signup-form #password').fill(password);
    await page.locator('latch-signup-form #password').press('Enter');
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    const link = linkIn(await mail.waitFor(email, (m) => m.text.includes('/verify-email?token=')), '/verify-email?token=');
    assert.ok(link.startsWith(`${site.origin}/verify-email?token=`), link);
    await page.goto(link);
    await page.waitForURL(`${site.origin}/`);
    await page.locator('#signed-in').getByText('Hello, Plain Page').waitFor();
    assert.equal(await page.locator('#user-email').textContent(), email);

    await page.reload();
    await page.locator('#signed-in').getByText('Hello, Plain Page').waitFor();
    assert.equal(await page.evaluate('document.cookie'), '', 'the session cookie is out of reach of scripts');
  });

  it('signs out, then signs in again through the login form', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('latch-login-form #email').waitFor();
    assert.equal(await page.locator('#signed-in').isVisible(), false);

    await page.locator('latch-login-form #email').fill(email);
    await page.locator('latch-login-form #password').fill(password);
    await page.locator('latch-login-form #password').press('Enter');
    await page.locator('#signed-in').getByText('Hello, Plain Page').waitFor();
    assert.equal(await page.locator('#sign-in').isVisible(), false, 'the form is put away');
    assert.deepEqual(problems, [], 'no script error or CSP refusal on any page');
  });
});
