import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { HOTP, Secret } from 'otpauth';
import type { ReceivedMail, TestClient, TestServer } from '@latch/server-sdk/testing';

/** The challenge and session cookie names on an http test server. */
export const challengeCookie = 'latch_challenge';
export const sessionCookie = 'latch_session';

/**
 * A TOTP code computed by Debian's `oathtool`, an implementation independent of the SDK's.
 * Fails with a clear message when the tool is missing (`apt-get install -y oathtool`).
 */
export function oathtool(secret: string, at: Date, digits = 6): string {
  const result = spawnSync('oathtool', ['--totp', '--base32', `--digits=${digits}`, `--now=@${Math.floor(at.getTime() / 1000)}`, secret], { encoding: 'utf8' });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error('oathtool is not installed; these tests need it: apt-get install -y oathtool');
  }
  if (result.status !== 0) throw new Error(`oathtool failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** A TOTP code for `at` moved by `offsetSteps` 30-second steps, computed with otpauth directly. */
export function otpauthCode(secret: string, at: Date, offsetSteps = 0): string {
  const counter = Math.floor(at.getTime() / 1000 / 30) + offsetSteps;
  return HOTP.generate({ secret: Secret.fromBase32(secret), counter, digits: 6, algorithm: 'SHA1' });
}

/** Waits for a mail to `email` that arrives after `mark` (`t.mail.messages.length` taken before the action). */
export function mailAfter(t: TestServer, email: string, mark: number, match: (m: ReceivedMail) => boolean = () => true): Promise<ReceivedMail> {
  return t.mail.waitFor(email, (m) => t.mail.messages.indexOf(m) >= mark && match(m));
}

/** The six-digit code in a sign-in or confirmation code mail. */
export function codeIn(mail: ReceivedMail): string {
  const match = /code is (\d{6})/.exec(mail.text);
  assert.ok(match, `no code in mail "${mail.subject}"`);
  return match[1]!;
}

/** Signs in with a password on a new client; asserts a pending second step and returns the client. */
export async function signInPending(t: TestServer, email: string, password: string, expectedMethods?: string[]): Promise<TestClient> {
  const client = t.client();
  const res = await client.post('/sign-in', { email, password });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.twoFactorRequired, true, 'a second step is required');
  if (expectedMethods) assert.deepEqual(res.body.methods, expectedMethods);
  assert.ok(client.cookies.get(challengeCookie), 'a challenge cookie is set');
  assert.equal(client.cookies.get(sessionCookie), undefined, 'no session before the second step');
  return client;
}

/** Sets up and confirms an authenticator app for a signed-in client; returns the secret and backup codes. */
export async function enableTotp(t: TestServer, client: TestClient, password: string): Promise<{ secret: string; backupCodes: string[] | undefined }> {
  const setup = await client.post('/me/two-factor/totp/setup', { password });
  assert.equal(setup.status, 200, setup.text);
  const enable = await client.post('/me/two-factor/totp/enable', { code: otpauthCode(setup.body.secret, t.clock.now()) });
  assert.equal(enable.status, 200, enable.text);
  return { secret: setup.body.secret, backupCodes: enable.body.backupCodes };
}

/** Turns on email codes for a signed-in client; returns the backup codes issued. */
export async function enableEmail(client: TestClient, password: string): Promise<string[] | undefined> {
  const res = await client.post('/me/two-factor/email/enable', { password });
  assert.equal(res.status, 200, res.text);
  return res.body.backupCodes;
}

/** Asserts a problem answer with `status` and `code`. */
export function assertProblem(res: { status: number; body: any; headers: Headers; text: string }, status: number, code: string): void {
  assert.equal(res.status, status, res.text);
  assert.equal(res.body.code, code, res.text);
  assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
}
