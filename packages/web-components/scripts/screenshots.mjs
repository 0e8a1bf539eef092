#!/usr/bin/env node
// Takes the documentation screenshots (docs/guides/images/*.png) by driving the demo pages in
// Chromium as a person would. Needs a build and /usr/bin/chromium (or CHROMIUM_PATH).
//
//   node --import tsx --conditions latch-source scripts/screenshots.mjs [outdir]
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startDemoServer } from './demo-server.mjs';

const outDir = process.argv[2] ?? fileURLToPath(new URL('../../../docs/guides/images/', import.meta.url));
mkdirSync(outDir, { recursive: true });
const demo = await startDemoServer({ port: Number(process.env.PORT ?? 3199) });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});

const password = 'violet-harbor-engine-42';
const email = `ada.${Date.now()}@example.com`;

async function mailLink(to, needle) {
  for (let i = 0; i < 100; i++) {
    const mails = await (await fetch(`${demo.url}/dev/mailbox`)).json();
    const mail = mails.find((m) => m.to.includes(to) && m.text.includes(needle));
    const link = mail?.text.match(/https?:\/\/\S+/g)?.find((l) => l.includes(needle));
    if (link) return link;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} with ${needle}`);
}

async function shot(page, name, locator) {
  await page.waitForTimeout(300);
  await (locator ?? page).screenshot({ path: `${outDir}/${name}.png`, ...(locator ? {} : { fullPage: true }) });
  console.log(`${name}.png`);
}

try {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport: { width: 520, height: 640 }, colorScheme: scheme, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${demo.url}/sign-in`);
    await page.locator('latch-login-form #email').waitFor();
    await shot(page, `sign-in-${scheme}`, page.locator('main'));
    await context.close();
  }

  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`${demo.url}/sign-up`);
  await page.locator('latch-signup-form #displayName').fill('Ada Lovelace');
  await page.locator('latch-signup-form #email').fill(email);
  await page.locator('latch-signup-form #password').pressSequentially('ada2024', { delay: 20 });
  await page.locator('latch-signup-form .reasons').waitFor();
  await shot(page, 'sign-up-strength-360', page.locator('main'));
  await page.locator('latch-signup-form #password').fill(password);
  await page.locator('latch-signup-form #password').press('Enter');
  await page.getByText('Check your email').waitFor();
  await page.goto(await mailLink(email, '/verify-email'));
  await page.waitForURL('**/settings');
  await page.locator('latch-two-factor-panel [data-factor=totp] button').waitFor();
  await shot(page, 'settings-360');

  await context.close();
  const wide = await browser.newContext({ viewport: { width: 900, height: 900 }, deviceScaleFactor: 1 });
  const desk = await wide.newPage();
  await desk.goto(`${demo.url}/sign-in`);
  await desk.locator('latch-login-form #email').fill(email);
  await desk.locator('latch-login-form #password').fill(password);
  await desk.locator('latch-login-form #password').press('Enter');
  await desk.waitForURL('**/settings');
  await desk.locator('latch-two-factor-panel [data-factor=totp] button').click();
  await desk.locator('latch-two-factor-panel img[part=qr-code]').waitFor();
  await shot(desk, 'two-factor-setup', desk.locator('latch-two-factor-panel'));
  await desk.locator('latch-api-keys-panel #name').fill('CI deploys');
  await desk.locator('latch-api-keys-panel #name').press('Enter');
  await desk.locator('latch-api-keys-panel [part=secret]').waitFor();
  await shot(desk, 'api-key-created', desk.locator('latch-api-keys-panel'));
  await shot(desk, 'sessions', desk.locator('latch-sessions-panel'));

  const dark = await browser.newContext({ viewport: { width: 900, height: 900 }, colorScheme: 'dark', deviceScaleFactor: 1 });
  const darkPage = await dark.newPage();
  await darkPage.goto(`${demo.url}/sign-in`);
  await darkPage.addScriptTag({ type: 'module', url: '/components/locales/fr.js' });
  await darkPage.evaluate(() => { document.documentElement.lang = 'fr'; });
  await darkPage.locator('latch-login-form').getByText('Mot de passe', { exact: true }).waitFor();
  await darkPage.locator('latch-login-form #email').fill(email);
  await darkPage.locator('latch-login-form #password').fill('wrong-password');
  await darkPage.locator('latch-login-form #password').press('Enter');
  await darkPage.locator('latch-login-form [role=alert]').filter({ hasText: /./ }).waitFor();
  await shot(darkPage, 'sign-in-error-fr-dark', darkPage.locator('main'));

  const themed = await browser.newContext({ viewport: { width: 520, height: 640 }, deviceScaleFactor: 1 });
  const themedPage = await themed.newPage();
  await themedPage.goto(`${demo.url}/sign-in`);
  await themedPage.addStyleTag({ content: `
    latch-login-form {
      --latch-color-primary: #7c3aed; --latch-color-focus: #7c3aed; --latch-radius: 0;
      --latch-font-family: Georgia, serif; border: 2px solid #7c3aed; padding: 1.5rem; display: block;
    }
    latch-login-form::part(submit-button) { text-transform: uppercase; letter-spacing: 0.05em; }
  ` });
  await themedPage.locator('latch-login-form #email').waitFor();
  await shot(themedPage, 'sign-in-themed', themedPage.locator('main'));
} finally {
  await browser.close();
  await demo.close();
}
