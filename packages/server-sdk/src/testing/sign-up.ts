import { TestClient, type TestResponse } from './client.js';
import type { SmtpSink } from './smtp-sink.js';
import { tokenIn } from './smtp-sink.js';
import { strongPassword, uniqueEmail } from './test-server.js';

/** Options of {@link signUpAndSignIn}. */
export interface SignUpAndSignInOptions {
  /** The account's email (default: a new unique address). */
  email?: string;
  /** Its password (default: {@link strongPassword}). */
  password?: string;
  /** Its display name (default `Test User`). */
  displayName?: string;
  /**
   * The origin the browser is on, sent as `Origin` on writes and the base of the returned
   * client's paths (default: the origin of `apiUrl`).
   */
  origin?: string;
  /** How long to wait for the verification email, in milliseconds (default 10 000; a cold server may need more). */
  mailTimeoutMs?: number;
}

/** The account {@link signUpAndSignIn} made, and a browser signed in to it. */
export interface SignedInAccount {
  /** A browser-like client on `origin`, its cookie jar holding the new session: `client.get('/api/notes')`. */
  client: TestClient;
  /** The session's cookies as one `Cookie` header value, for plain `fetch` calls. */
  cookie: string;
  email: string;
  password: string;
  /** The user as `POST /verify-email` answered it (`id`, `email`, `displayName`, …). */
  user: { id: string; email: string; displayName: string; [field: string]: unknown };
  /** The `POST /sign-in` answer, for checks on its cookies (`signIn.setCookies`). */
  signIn: TestResponse;
}

/** Throws with the answer's status and text unless it has the expected status. */
function expectStatus(step: string, response: TestResponse, status: number): void {
  if (response.status !== status) throw new Error(`${step} answered ${response.status}, expected ${status}: ${response.text.slice(0, 500)}`);
}

/**
 * The whole path of a new visitor, through a running app's HTTP API: sign up, take the
 * verification link from the SMTP sink Latch mails to, verify, then sign in from a fresh browser
 * (a new cookie jar, so the session comes from the sign-in itself). Each step that answers
 * otherwise than expected throws with the answer.
 * @param apiUrl where the Latch API is mounted: the origin and `basePath` (`http://127.0.0.1:3000/auth`)
 * @param mailbox the SMTP sink the app's Latch sends its mail to (`mail.smtpUrl: mailbox.url`)
 * @example
 * const mail = await startSmtpSink();
 * // … start the app with mail: { smtpUrl: mail.url } …
 * const { client } = await signUpAndSignIn(`${origin}/auth`, mail, { displayName: 'Ada' });
 * assert.equal((await client.get('/api/notes')).status, 200);
 */
export async function signUpAndSignIn(apiUrl: string, mailbox: SmtpSink, options: SignUpAndSignInOptions = {}): Promise<SignedInAccount> {
  const api = apiUrl.replace(/\/+$/, '');
  const origin = options.origin ?? new URL(api).origin;
  const email = options.email ?? uniqueEmail();
  const password = options.password ?? strongPassword;

  const visitor = new TestClient(api, origin);
  expectStatus('POST /sign-up', await visitor.post('/sign-up', { email, password, displayName: options.displayName ?? 'Test User' }), 201);
  const mail = await mailbox.waitFor(email, (m) => m.text.includes('/verify-email?token='), options.mailTimeoutMs);
  const verified = await visitor.post('/verify-email', { token: tokenIn(mail, '/verify-email') });
  expectStatus('POST /verify-email', verified, 200);

  const browser = new TestClient(api, origin);
  const signIn = await browser.post('/sign-in', { email, password });
  expectStatus('POST /sign-in', signIn, 200);
  // The same cookies, on a client whose paths start at the origin: the host app's routes and Latch's alike.
  const client = new TestClient(origin, origin);
  for (const [name, value] of browser.cookies) client.cookies.set(name, value);
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return { client, cookie, email, password, user: verified.body.user, signIn };
}
