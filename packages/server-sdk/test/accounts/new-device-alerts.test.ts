import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createTestServer, strongPassword, testDatabaseKinds, tokenIn, uniqueEmail, TestClient, type RequestOptions, type TestResponse, type TestServer,
} from '@latch/server-sdk/testing';
import { addressPrefix } from '../../src/accounts/device-class.js';
import { enableTotp, otpauthCode, signInPending } from '../two-factor/helpers.js';

const firefoxLinux = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const firefoxLinuxNewer = 'Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0';
const chromeWindows = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const safariMac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const day = 86_400_000;

/** A browser on one network: every request carries its User-Agent and, through the trusted proxy, its address. */
class DeviceClient extends TestClient {
  constructor(t: TestServer, private readonly device: { userAgent: string; ip: string }) {
    super(t.baseUrl, t.origin);
  }

  override request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<TestResponse<T>> {
    return super.request<T>(method, path, { ...options, headers: { 'user-agent': this.device.userAgent, 'x-forwarded-for': this.device.ip, ...options.headers } });
  }
}

const newDeviceMail = (m: { subject: string }) => /New sign-in from/.test(m.subject);

for (const kind of testDatabaseKinds()) {
  describe(`new-device sign-in alerts on ${kind}`, () => {
    let t: TestServer;
    before(async () => {
      t = await createTestServer({
        database: kind,
        config: { security: { trustProxy: true }, rateLimit: { signInFailuresPerEmail: { limit: 100, windowSeconds: 900 } } },
      });
    });
    after(() => t.close());

    const device = (userAgent: string, ip: string) => new DeviceClient(t, { userAgent, ip });

    /** Signs up and verifies from `on`; returns the account. */
    async function signUpOn(on: DeviceClient) {
      const email = uniqueEmail('device');
      assert.equal((await on.post('/sign-up', { email, password: strongPassword, displayName: 'Dana' })).status, 201);
      const token = tokenIn(await t.mail.waitFor(email, (m) => m.text.includes('/verify-email?token=')), '/verify-email');
      const verified = await on.post('/verify-email', { token });
      assert.equal(verified.status, 200, verified.text);
      return { email, userId: verified.body.user.id as string };
    }

    async function signIn(on: DeviceClient, email: string) {
      const res = await on.post('/sign-in', { email, password: strongPassword });
      assert.equal(res.status, 200, res.text);
    }

    /** How many new-device alerts to `email` were queued (the outbox is written with the sign-in). */
    async function alertCount(email: string): Promise<number> {
      return (await t.latch.storage.outbox.listRecent(10_000)).filter((m) => m.toAddress === email && m.template === 'newDeviceSignIn').length;
    }

    /** The `n`th new-device alert that reached `email` through SMTP. */
    async function alertMail(email: string, n = 1) {
      await t.mail.waitFor(email, (m) => newDeviceMail(m) && t.mail.for(email).filter(newDeviceMail).length >= n);
      return t.mail.for(email).filter(newDeviceMail)[n - 1]!;
    }

    const newDeviceEvents = async (userId: string) =>
      (await t.latch.storage.audit.search({ userId, type: 'session.new_device', limit: 50 })).items;

    it('does not alert on the first sign-in from the sign-up device, nor on later ones (browser updates included)', async () => {
      const home = device(firefoxLinux, '198.51.100.7');
      const { email, userId } = await signUpOn(home);
      await signIn(home, email);
      await signIn(device(firefoxLinuxNewer, '198.51.100.200'), email);
      assert.equal(await alertCount(email), 0);
      assert.equal((await newDeviceEvents(userId)).length, 0);
    });

    it('alerts once about a new browser, naming browser, OS, address and time, with links to the settings', async () => {
      const { email, userId } = await signUpOn(device(firefoxLinux, '198.51.100.7'));
      const office = device(chromeWindows, '198.51.100.7');
      await signIn(office, email);
      assert.equal(await alertCount(email), 1);
      const mail = await alertMail(email);
      assert.match(mail.subject, /New sign-in from Chrome 126 on Windows 10/);
      assert.match(mail.text, /Browser: Chrome 126/);
      assert.match(mail.text, /Operating system: Windows 10/);
      assert.match(mail.text, /Address: 198\.51\.100\.7/);
      assert.ok(mail.text.includes(`Time: ${t.clock.now().toISOString().slice(0, 16).replace('T', ' ')} UTC`), mail.text);
      assert.ok(mail.text.includes(`${t.origin}/settings#secure-account`), 'a link to secure the account');
      assert.ok(mail.text.includes(`${t.origin}/settings `) || mail.text.includes(`${t.origin}/settings\n`), 'a link to the settings');

      const activity = await office.get('/me/activity');
      const entry = activity.body.items.find((e: { type: string }) => e.type === 'session.new_device');
      assert.ok(entry, 'the activity lists it');
      assert.equal(entry.ip, '198.51.100.7');
      assert.deepEqual({ browser: entry.detail.browser, os: entry.detail.os, network: entry.detail.network }, { browser: 'Chrome 126', os: 'Windows 10', network: '198.51.100.0/24' });
      assert.equal((await newDeviceEvents(userId)).length, 1);
    });

    it('sends one alert for a burst of sign-ins from the same new device class', async () => {
      const { email } = await signUpOn(device(firefoxLinux, '198.51.100.7'));
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => device(safariMac, `203.0.113.${i + 1}`).post('/sign-in', { email, password: strongPassword })));
      assert.deepEqual(results.map((r) => r.status), Array(10).fill(200));
      assert.equal(await alertCount(email), 1);
    });

    it('alerts again about a class unseen for longer than the look-back window', async () => {
      const { email } = await signUpOn(device(firefoxLinux, '198.51.100.7'));
      const cafe = device(chromeWindows, '192.0.2.10');
      await signIn(cafe, email);
      assert.equal(await alertCount(email), 1);
      t.clock.advance(89 * day);
      await signIn(cafe, email);
      assert.equal(await alertCount(email), 1, 'seen 89 days ago: still known');
      t.clock.advance(91 * day);
      await signIn(cafe, email);
      assert.equal(await alertCount(email), 2, 'unseen for 91 days: new again');
    });

    it('groups IPv6 addresses by /48', async () => {
      const { email } = await signUpOn(device(firefoxLinux, '2001:db8:aa:1::5'));
      await signIn(device(firefoxLinux, '2001:db8:aa:ffff:1234::9'), email);
      assert.equal(await alertCount(email), 0, 'same /48');
      await signIn(device(firefoxLinux, '2001:db8:ab:1::5'), email);
      assert.equal(await alertCount(email), 1, 'another /48');
      assert.match((await alertMail(email)).text, /Address: 2001:db8:ab:1::5/);
    });

    it('alerts only once the second factor is proven', async () => {
      const home = device(firefoxLinux, '198.51.100.7');
      const { email } = await signUpOn(home);
      const { secret } = await enableTotp(t, home, strongPassword);
      const pending = await signInPending(t, email, strongPassword);
      assert.equal(await alertCount(email), 0, 'no alert for a password alone');
      t.clock.advance(30_000);
      assert.equal((await pending.post('/sign-in/two-factor', { method: 'totp', code: otpauthCode(secret, t.clock.now()) })).status, 200);
      assert.equal(await alertCount(email), 1);
    });

    it('starts tracking an account that has no device on record without alerting', async () => {
      const email = uniqueEmail('provisioned');
      await t.latch.provisionUser({ email, displayName: 'Pat', password: strongPassword });
      await signIn(device(safariMac, '192.0.2.50'), email);
      assert.equal(await alertCount(email), 0, 'the first tracked sign-in sets the baseline');
      await signIn(device(chromeWindows, '192.0.2.50'), email);
      assert.equal(await alertCount(email), 1);
    });
  });
}

describe('device address prefixes', () => {
  const lengths = { ipv4Prefix: 24, ipv6Prefix: 48 };
  it('keeps the configured leading bits', () => {
    assert.equal(addressPrefix('203.0.113.77', lengths), '203.0.113.0/24');
    assert.equal(addressPrefix('203.0.113.77', { ipv4Prefix: 16, ipv6Prefix: 48 }), '203.0.0.0/16');
    assert.equal(addressPrefix('::ffff:192.0.2.9', lengths), '192.0.2.0/24');
    assert.equal(addressPrefix('2001:db8:1:ffff:abcd::9', lengths), '2001:db8:1::/48');
    assert.equal(addressPrefix('2001:DB8:1:2:3:4:5:6', { ipv4Prefix: 24, ipv6Prefix: 50 }), '2001:db8:1::/50');
    assert.equal(addressPrefix('2001:db8:1:c000::1', { ipv4Prefix: 24, ipv6Prefix: 50 }), '2001:db8:1:c000::/50');
    assert.equal(addressPrefix('fe80::1%eth0', { ipv4Prefix: 24, ipv6Prefix: 64 }), 'fe80::/64');
    assert.equal(addressPrefix('not an address', lengths), null);
    assert.equal(addressPrefix(null, lengths), null);
  });
});
