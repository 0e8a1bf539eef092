/**
 * End to end: a person uses the reference server's pages in Chromium (playwright-core) — signs up,
 * opens the verification link from the mail, sets up an authenticator app with a code computed
 * from the secret the page shows, signs out, signs in again with a code, creates an API key, adds
 * an SSH key, and signs out a session on another device. A screenshot of every open page is saved
 * under test-results/e2e/ when a step fails.
 *
 * Needs the web-components build (`/components/latch.js`) and Chromium (/usr/bin/chromium or
 * CHROMIUM_PATH).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { pino } from 'pino';
import { silentLogger } from '@latch/server-sdk';
import { startServer, type RunningServer } from '../src/index.js';
import { screenshotSteps } from './browser-steps.js';
import { freePort } from './helpers.js';

const artifacts = fileURLToPath(new URL('../test-results/e2e/', import.meta.url));
const password = 'quiet-lantern-harbor-58';
const email = `e2e.${Date.now().toString(36)}@example.com`;

let running: RunningServer;
let browser: Browser;
let base: string;
let dataDir: string;
const contexts: BrowserContext[] = [];


/** RFC 6238 (SHA-1, 6 digits, 30 s), from the base32 secret the page shows. */
function totp(secret: string, at = Date.now()): { code: string; step: number } {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const step = Math.floor(at / 30_000);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[19]! & 0xf;
  return { code: String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0'), step };
}

/** A code from a time step after `usedStep` (the server refuses a code twice), waiting if needed. */
async function freshTotp(secret: string, usedStep: number): Promise<{ code: string; step: number }> {
  while (Math.floor(Date.now() / 30_000) <= usedStep) await new Promise((r) => setTimeout(r, 250));
  return totp(secret);
}

/** The newest link containing `needle` in a mail to `to`, from the development mailbox. */
async function mailLink(to: string, needle: string): Promise<string> {
  for (let i = 0; i < 150; i++) {
    const answer = await fetch(`${base}/dev/mailbox?format=json`);
    if (answer.ok) {
      const body = await answer.json() as any;
      const messages: any[] = Array.isArray(body) ? body : body.items ?? body.messages ?? [];
      for (const m of messages) {
        const recipients = String(m.to ?? m.toAddress ?? '');
        const link = String(m.text ?? '').match(/https?:\/\/\S+/g)?.find((l) => l.includes(needle));
        if (recipients.includes(to) && link) return link;
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${to} with a ${needle} link`);
}

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

/** Runs one step of the story; on failure saves a screenshot of every open page. */
const step = screenshotSteps(contexts, artifacts);

before(async () => {
  const port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'latch-e2e-'));
  base = `http://localhost:${port}`;
  running = await startServer({
    env: { PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: base, LATCH_DATA_DIR: dataDir },
    logger: pino({ level: 'silent' }),
    overrides: { logger: silentLogger },
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
});

after(async () => {
  await browser?.close();
  await running?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('a person signs up, verifies, secures the account and manages keys and sessions in the browser', { timeout: 180_000 }, async () => {
  const page = await newPage();

  await step('sign up', async () => {
    await page.goto(`${base}/sign-up`);
    await page.locator('latch-signup-form #displayName').fill('Erin Example');
    await page.locator('latch-signup-form #email').fill(email);
    await page.locator('latch-signup-form #password').fill(password);
    await page.locator('latch-signup-form #password').press('Enter');
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  });

  await step('open the verification link', async () => {
    await page.goto(await mailLink(email, '/verify-email?token='));
    await page.waitForURL(`${base}/settings`);
    await page.locator('latch-profile-panel [part=email]').filter({ hasText: email }).waitFor();
  });

  const { secret, usedStep, backupCode } = await step('set up an authenticator app', async () => {
    const panel = page.locator('latch-two-factor-panel');
    await panel.getByRole('button', { name: 'Set up' }).click();
    // A sign-in under five minutes old is proof enough; otherwise the panel asks for the password.
    const prompt = panel.locator('dialog[open]');
    const qr = panel.locator('img[part=qr-code]');
    await Promise.race([qr.waitFor(), prompt.waitFor()]);
    if (await prompt.isVisible()) {
      await prompt.locator('#reauth-password').fill(password);
      await prompt.locator('#reauth-password').press('Enter');
    }
    await qr.waitFor();
    const shown = (await panel.locator('[part=secret]').textContent())!.replace(/\s+/g, '');
    const { code, step } = totp(shown);
    await panel.getByLabel('Code from the app').fill(code);
    await panel.getByLabel('Code from the app').press('Enter');
    await panel.locator('[part=backup-codes] li').first().waitFor();
    const firstBackup = (await panel.locator('[part=backup-codes] li').first().textContent())!.trim();
    await panel.getByRole('button', { name: 'I have saved them' }).click();
    await panel.locator('[data-factor=totp] .badge.on').waitFor();
    return { secret: shown, usedStep: step, backupCode: firstBackup };
  });

  await step('sign out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/sign-in`);
  });

  await step('sign in again with a code from the app', async () => {
    await page.locator('latch-login-form #email').fill(email);
    await page.locator('latch-login-form #password').fill(password);
    await page.locator('latch-login-form #password').press('Enter');
    const codeField = page.locator('latch-login-form #code');
    await codeField.waitFor();
    const { code } = await freshTotp(secret, usedStep);
    await codeField.fill(code);
    await codeField.press('Enter');
    await page.waitForURL(`${base}/settings`);
  });

  await step('create an API key', async () => {
    const panel = page.locator('latch-api-keys-panel');
    await panel.getByLabel('Key name').fill('Deploy script');
    await panel.getByRole('button', { name: 'Create key' }).click();
    const shownSecret = (await panel.locator('[part=secret]').textContent())!.trim();
    assert.match(shownSecret, /^latch_/);
    await panel.locator('[part=item]').filter({ hasText: 'Deploy script' }).waitFor();
    const me = await fetch(`${base}/auth/me`, { headers: { authorization: `Bearer ${shownSecret}` } });
    assert.equal(me.status, 200, 'the new key authenticates');
    await panel.getByRole('button', { name: 'Done' }).click();
  });

  await step('add an SSH key', async () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    const field = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
    const blob = Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]);
    const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
    const panel = page.locator('latch-ssh-keys-panel');
    await panel.getByLabel('Name', { exact: true }).fill('Laptop');
    await panel.getByLabel('Public key').fill(`ssh-ed25519 ${blob.toString('base64')} erin@laptop`);
    await panel.getByRole('button', { name: 'Add key' }).click();
    await panel.locator('[part=fingerprint]').filter({ hasText: fingerprint }).waitFor();
    assert.match((await panel.locator('[part=item]').textContent())!, /ssh-ed25519/);
  });

  const other = await newPage();
  await step('sign in on another device with a backup code', async () => {
    await other.goto(`${base}/sign-in`);
    await other.locator('latch-login-form #email').fill(email);
    await other.locator('latch-login-form #password').fill(password);
    await other.locator('latch-login-form #password').press('Enter');
    await other.locator('latch-login-form #code').waitFor();
    await other.getByRole('button', { name: 'Use a backup code' }).click();
    await other.locator('latch-login-form #code').fill(backupCode);
    await other.locator('latch-login-form #code').press('Enter');
    await other.waitForURL(`${base}/settings`);
  });

  await step('sign out the other session', async () => {
    await page.reload();
    const panel = page.locator('latch-sessions-panel');
    await panel.locator('[part=item]').nth(1).waitFor();
    assert.equal(await panel.locator('[part=current-badge]').count(), 1);
    const sessions = await panel.locator('[part=item]').count();
    await panel.locator('[part=item]').filter({ hasNot: page.locator('[part=current-badge]') }).last().getByRole('button', { name: 'Sign out' }).click();
    await panel.getByText('That session was signed out.').waitFor();
    assert.equal(await panel.locator('[part=item]').count(), sessions - 1);
    // The other device's next page load finds no session.
    let signedOut = false;
    for (let i = 0; i < 40 && !signedOut; i++) {
      await other.goto(`${base}/settings`);
      await other.waitForURL(/\/(sign-in|settings)$/);
      await other.waitForTimeout(500);
      signedOut = other.url() === `${base}/sign-in`;
    }
    assert.ok(signedOut, 'the revoked device is sent to sign in');
  });
});
