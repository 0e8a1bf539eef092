/**
 * Passkeys (WebAuthn) with the JSON shapes `@simplewebauthn/server` issues and expects. The
 * base64url conversions are done here rather than with `@simplewebauthn/browser` to keep the
 * login-form bundle within its budget.
 */
import { LatchProblem, type LatchClient } from '../api/client.js';
import type { BodyOf, Schema } from '../api/operations.js';
import type { SignInResult } from '../api/types.js';

type Json = Record<string, any>;
/** What `POST /me/passkeys` takes as `response`. */
type RegistrationJson = BodyOf<'/me/passkeys', 'post'>['response'];
/** What `POST /sign-in/passkey` takes as `response`. */
type AuthenticationJson = BodyOf<'/sign-in/passkey', 'post'>['response'];

const toBuffer = (value: string): ArrayBuffer => {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)).buffer;
};

const toBase64Url = (buffer: ArrayBuffer | null | undefined): string | undefined => {
  if (!buffer) return undefined;
  let text = '';
  for (const byte of new Uint8Array(buffer)) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const descriptors = (list: { id: string }[] | undefined) => list?.map((d) => ({ ...d, id: toBuffer(d.id) }));

/** A credential as the JSON the server verifies. */
function credentialJson<T extends RegistrationJson | AuthenticationJson>(credential: PublicKeyCredential): T {
  if (typeof (credential as any).toJSON === 'function') return (credential as any).toJSON();
  const r = credential.response as any;
  const response: Json = { clientDataJSON: toBase64Url(r.clientDataJSON) };
  if ('attestationObject' in r) {
    response.attestationObject = toBase64Url(r.attestationObject);
    response.transports = r.getTransports?.() ?? [];
  } else {
    response.authenticatorData = toBase64Url(r.authenticatorData);
    response.signature = toBase64Url(r.signature);
    response.userHandle = toBase64Url(r.userHandle);
  }
  return {
    id: credential.id, rawId: toBase64Url(credential.rawId), type: credential.type, response,
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
    clientExtensionResults: credential.getClientExtensionResults(),
  } as unknown as T;
}

/** Browser-side WebAuthn failures become a problem the forms can put in words. */
const asProblem = (error: unknown): LatchProblem =>
  error instanceof LatchProblem ? error : new LatchProblem({ status: 0, code: 'passkey_cancelled', detail: (error as Error)?.message });

let pending: AbortController | undefined;

/** Stops a pending passkey request (for example the autofill one when the form goes away). */
export function cancelPasskeyRequest(): void {
  pending?.abort();
  pending = undefined;
}

/** True when this browser can use passkeys at all. */
export const passkeysSupported = (): boolean => typeof PublicKeyCredential === 'function';

/** True when passkeys can be offered in the email field's autofill (conditional mediation). */
export async function passkeyAutofillSupported(): Promise<boolean> {
  return passkeysSupported() && !!(await PublicKeyCredential.isConditionalMediationAvailable?.());
}

/**
 * Signs in with a passkey: `POST /sign-in/passkey/options`, the browser ceremony (a modal prompt,
 * or the email field's autofill when `autofill` is true), then `POST /sign-in/passkey`.
 * Resolves null when an autofill request was aborted or failed.
 */
export async function signInWithPasskey(client: LatchClient, autofill = false): Promise<SignInResult | null> {
  const options = await client.post('/sign-in/passkey/options', {});
  cancelPasskeyRequest();
  const controller = (pending = new AbortController());
  let credential: PublicKeyCredential;
  try {
    credential = (await navigator.credentials.get({
      mediation: autofill ? 'conditional' : 'optional',
      signal: controller.signal,
      publicKey: { ...options, challenge: toBuffer(options.challenge), allowCredentials: descriptors(options.allowCredentials) } as any,
    })) as PublicKeyCredential;
  } catch (error) {
    if (autofill) return null;
    throw asProblem(error);
  } finally {
    if (pending === controller) pending = undefined;
  }
  return client.post('/sign-in/passkey', { response: credentialJson<AuthenticationJson>(credential) });
}

/** Creates a passkey from creation options the server issued; resolves with the JSON to send back. */
export async function createPasskey(options: Schema<'PasskeyCreationOptions'>): Promise<RegistrationJson> {
  cancelPasskeyRequest();
  try {
    const credential = (await navigator.credentials.create({
      publicKey: {
        ...options,
        challenge: toBuffer(options.challenge),
        user: { ...options.user, id: toBuffer(options.user.id) },
        excludeCredentials: descriptors(options.excludeCredentials),
      } as any,
    })) as PublicKeyCredential;
    return credentialJson<RegistrationJson>(credential);
  } catch (error) {
    throw asProblem(error);
  }
}
