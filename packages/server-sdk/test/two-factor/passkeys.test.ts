import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { createTestServer, testDatabaseKinds, type TestServer } from '@latch/server-sdk/testing';
import { passkeyStoreKey } from '../../src/two-factor/storage/knex-passkey-store.js';
import { mailAfter } from './helpers.js';

const chromiumPath = '/usr/bin/chromium';

interface ApiAnswer { status: number; body: any }

/** A page on the server's origin (localhost, as WebAuthn needs) with a DevTools virtual authenticator. */
interface BrowserSession { page: Page; cdp: CDPSession; authenticatorId: string; close(): Promise<void> }

async function openBrowserSession(browser: Browser, origin: string): Promise<BrowserSession> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // A blank page at the origin: the test only needs a secure context there to call the API and WebAuthn.
  await page.route(`${origin}/`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>Latch passkeys</title>' }));
  await page.goto(`${origin}/`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { page, cdp, authenticatorId, close: () => context.close() };
}

/** Calls the API from inside the page, so the browser's cookies and Origin are used. */
function api(page: Page, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
  return page.evaluate(async ([method, path, body]) => {
    const res = await fetch(`/auth${path}`, {
      method: method as string,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }, [method, path, body] as const);
}

/** navigator.credentials.create with the server's options JSON; returns the credential's JSON. */
function createCredential(page: Page, options: unknown): Promise<any> {
  return page.evaluate(async (options) => {
    const PKC = (globalThis as any).PublicKeyCredential;
    const credential = await (navigator as any).credentials.create({ publicKey: PKC.parseCreationOptionsFromJSON(options) });
    return credential.toJSON();
  }, options);
}

/** navigator.credentials.get with the server's options JSON; returns the assertion's JSON. */
function getAssertion(page: Page, options: unknown): Promise<any> {
  return page.evaluate(async (options) => {
    const PKC = (globalThis as any).PublicKeyCredential;
    const credential = await (navigator as any).credentials.get({ publicKey: PKC.parseRequestOptionsFromJSON(options) });
    return credential.toJSON();
  }, options);
}

for (const kind of testDatabaseKinds()) {
  describe(`passkeys in Chromium on ${kind}`, () => {
    let t: TestServer;
    let browser: Browser;
    before(async () => {
      if (!existsSync(chromiumPath)) throw new Error(`Chromium is not installed at ${chromiumPath}; these tests need it: apt-get install -y chromium`);
      t = await createTestServer({ database: kind, host: 'localhost' });
      browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--headless'] });
    });
    after(async () => {
      await browser?.close();
      await t?.close();
    });

    /** Signs a new user in inside the page and registers a passkey; returns the user and the passkey. */
    async function userWithPasskey(session: BrowserSession, name = 'Work laptop') {
      const user = await t.signedInUser();
      assert.equal((await api(session.page, 'POST', '/sign-in', { email: user.email, password: user.password })).status, 200);
      const options = await api(session.page, 'POST', '/me/passkeys/options', {});
      assert.equal(options.status, 200, JSON.stringify(options.body));
      const credential = await createCredential(session.page, options.body);
      const registered = await api(session.page, 'POST', '/me/passkeys', { response: credential, name });
      assert.equal(registered.status, 201, JSON.stringify(registered.body));
      return { ...user, options: options.body, credential, passkey: registered.body.passkey };
    }

    it('registers a passkey and signs in without a password', async () => {
      const session = await openBrowserSession(browser, t.origin);
      try {
        const mark = t.mail.messages.length;
        const { email, userId, options, credential, passkey } = await userWithPasskey(session);
        assert.equal(options.rp.id, 'localhost');
        assert.equal(options.authenticatorSelection.residentKey, 'required');
        assert.ok(Buffer.from(options.challenge, 'base64url').length >= 16, 'challenges carry at least 128 bits');
        assert.equal(Buffer.from(options.user.id, 'base64url').toString('utf8'), userId, 'the user handle is the opaque account id');
        assert.equal(passkey.name, 'Work laptop');
        assert.deepEqual(Object.keys(passkey).sort(), ['backedUp', 'createdAt', 'id', 'lastUsedAt', 'name']);
        await mailAfter(t, email, mark, (m) => /Passkey added/.test(m.subject));

        const replay = await api(session.page, 'POST', '/me/passkeys', { response: credential, name: 'Again' });
        assert.equal(replay.status, 400);
        assert.equal(replay.body.code, 'invalid_passkey');

        const stored = await session.cdp.send('WebAuthn.getCredentials', { authenticatorId: session.authenticatorId });
        assert.equal(stored.credentials.length, 1);
        assert.equal(stored.credentials[0]!.isResidentCredential, true);
        assert.equal((await api(session.page, 'GET', '/me')).body.twoFactor.passkeys, 1);

        assert.equal((await api(session.page, 'POST', '/sign-out')).status, 204);
        assert.equal((await api(session.page, 'GET', '/me')).status, 401);

        const available = await session.page.evaluate(() => (globalThis as any).PublicKeyCredential.isConditionalMediationAvailable());
        assert.equal(available, true, 'Chromium offers passkey autofill');
        const signInOptions = await api(session.page, 'POST', '/sign-in/passkey/options', { email });
        assert.equal(signInOptions.status, 200);
        assert.deepEqual(signInOptions.body.allowCredentials, [], 'discoverable: usable for autofill, reveals no account');
        assert.equal(signInOptions.body.userVerification, 'required');
        assert.equal(signInOptions.body.rpId, 'localhost');
        const assertion = await getAssertion(session.page, signInOptions.body);
        const signedIn = await api(session.page, 'POST', '/sign-in/passkey', { response: assertion });
        assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
        assert.equal(signedIn.body.user.id, userId);
        assert.equal((await api(session.page, 'GET', '/me')).status, 200);

        const again = await api(session.page, 'POST', '/sign-in/passkey', { response: assertion });
        assert.equal(again.status, 400, 'an assertion works once');
        assert.equal(again.body.code, 'invalid_passkey');

        const list = await api(session.page, 'GET', '/me/passkeys');
        assert.equal(list.body.items.length, 1);
        assert.equal(list.body.items[0].id, passkey.id);
        assert.ok(list.body.items[0].lastUsedAt, 'last use is recorded');
      } finally {
        await session.close();
      }
    });

    it('completes a password sign-in with a passkey as the second step, bound to that user', async () => {
      const session = await openBrowserSession(browser, t.origin);
      try {
        const alice = await userWithPasskey(session, 'Alice key');
        await api(session.page, 'POST', '/sign-out');
        const bob = await userWithPasskey(session, 'Bob key');
        await api(session.page, 'POST', '/sign-out');

        const pending = await api(session.page, 'POST', '/sign-in', { email: bob.email, password: bob.password });
        assert.deepEqual(pending.body, { twoFactorRequired: true, methods: ['passkey'] });
        assert.equal((await api(session.page, 'GET', '/me')).status, 401, 'the pending sign-in authorizes nothing');

        const options = await api(session.page, 'POST', '/sign-in/passkey/options', {});
        assert.equal(options.body.allowCredentials.length, 1);
        assert.equal(options.body.allowCredentials[0].id, bob.credential.id);
        // A tampered client answers Bob's challenge with Alice's credential: refused.
        const forged = await getAssertion(session.page, { ...options.body, allowCredentials: [{ id: alice.credential.id, type: 'public-key' }] });
        const refused = await api(session.page, 'POST', '/sign-in/passkey', { response: forged });
        assert.equal(refused.status, 400);
        assert.equal(refused.body.code, 'invalid_passkey');
        assert.equal((await api(session.page, 'GET', '/me')).status, 401);

        const fresh = await api(session.page, 'POST', '/sign-in/passkey/options', {});
        const assertion = await getAssertion(session.page, fresh.body);
        const done = await api(session.page, 'POST', '/sign-in/passkey', { response: assertion });
        assert.equal(done.status, 200, JSON.stringify(done.body));
        assert.equal(done.body.user.id, bob.userId);
        assert.equal((await api(session.page, 'GET', '/me')).body.user.id, bob.userId);
      } finally {
        await session.close();
      }
    });

    it('refuses expired ceremonies and a signature counter that goes back', async () => {
      const session = await openBrowserSession(browser, t.origin);
      try {
        const { userId } = await userWithPasskey(session);
        await api(session.page, 'POST', '/sign-out');
        const stale = await api(session.page, 'POST', '/sign-in/passkey/options', {});
        t.clock.advance(5 * 60_000 + 1000);
        const late = await api(session.page, 'POST', '/sign-in/passkey', { response: await getAssertion(session.page, stale.body) });
        assert.equal(late.status, 400);
        assert.equal(late.body.code, 'invalid_passkey');

        const options = await api(session.page, 'POST', '/sign-in/passkey/options', {});
        assert.equal((await api(session.page, 'POST', '/sign-in/passkey', { response: await getAssertion(session.page, options.body) })).status, 200);
        await api(session.page, 'POST', '/sign-out');
        const [stored] = await t.latch.storage.store(passkeyStoreKey).listPasskeys(userId);
        assert.ok(stored!.counter >= 1, `counter ${stored!.counter}`);

        // A cloned authenticator: same key, counter behind the server's.
        const { credentials } = await session.cdp.send('WebAuthn.getCredentials', { authenticatorId: session.authenticatorId });
        const credential = credentials[0]!;
        await session.cdp.send('WebAuthn.removeCredential', { authenticatorId: session.authenticatorId, credentialId: credential.credentialId });
        await session.cdp.send('WebAuthn.addCredential', { authenticatorId: session.authenticatorId, credential: { ...credential, signCount: 0 } });
        const cloneOptions = await api(session.page, 'POST', '/sign-in/passkey/options', {});
        const cloned = await api(session.page, 'POST', '/sign-in/passkey', { response: await getAssertion(session.page, cloneOptions.body) });
        assert.equal(cloned.status, 400);
        assert.equal(cloned.body.code, 'invalid_passkey');
        const audit = await t.latch.storage.audit.search({ userId, type: 'sign_in.failed', limit: 5 });
        assert.ok(audit.items.some((e) => e.detail.reason === 'passkey_counter'), 'the regression is recorded');
      } finally {
        await session.close();
      }
    });

    it('renames and removes passkeys for their owner only, with reauthentication to remove', async () => {
      const session = await openBrowserSession(browser, t.origin);
      try {
        const { email, password, passkey } = await userWithPasskey(session);
        const other = await t.signedInUser();
        assert.equal((await other.client.patch(`/me/passkeys/${passkey.id}`, { name: 'Mine now' })).status, 404);
        assert.equal((await other.client.delete(`/me/passkeys/${passkey.id}`)).status, 404);

        const label = '<img src=x onerror=alert(1)>';
        const renamed = await api(session.page, 'PATCH', `/me/passkeys/${passkey.id}`, { name: label });
        assert.equal(renamed.status, 200);
        assert.equal(renamed.body.passkey.name, label, 'names are data, kept literally');
        assert.equal((await api(session.page, 'PATCH', `/me/passkeys/${passkey.id}`, { name: 'x'.repeat(65) })).status, 422);

        t.clock.advance(6 * 60_000);
        const stale = await api(session.page, 'DELETE', `/me/passkeys/${passkey.id}`);
        assert.equal(stale.status, 403);
        assert.equal(stale.body.code, 'reauthentication_required');
        const mark = t.mail.messages.length;
        assert.equal((await api(session.page, 'DELETE', `/me/passkeys/${passkey.id}`, { password })).status, 204);
        await mailAfter(t, email, mark, (m) => /Passkey removed/.test(m.subject));
        assert.deepEqual((await api(session.page, 'GET', '/me/passkeys')).body.items, []);
        const audit = await t.latch.storage.audit.search({ userId: other.userId, limit: 1 });
        assert.ok(audit.items.every((e) => e.type !== 'passkey.removed'));
      } finally {
        await session.close();
      }
    });

    it('caps passkeys per user and keeps a credential id to one account', async () => {
      const { client, userId } = await t.signedInUser();
      const other = await t.signedInUser();
      const store = t.latch.storage.store(passkeyStoreKey);
      const base = { publicKey: 'AAAA', counter: 0, transports: [], deviceType: 'singleDevice', backedUp: false, aaguid: null, createdAt: t.clock.now() };
      for (let i = 0; i < 10; i++) assert.ok(await store.insertPasskey({ ...base, userId, credentialId: `cap-${userId}-${i}`, name: `Key ${i}` }));
      const capped = await client.post('/me/passkeys/options', {});
      assert.equal(capped.status, 409);
      assert.equal(capped.body.code, 'limit_reached');
      assert.equal(await store.insertPasskey({ ...base, userId: other.userId, credentialId: `cap-${userId}-0`, name: 'Stolen' }), null);
      assert.equal((await client.get('/me')).body.twoFactor.passkeys, 10);
    });
  });
}
