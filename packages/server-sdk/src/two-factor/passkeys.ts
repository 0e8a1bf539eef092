import {
  generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse,
  type AuthenticationResponseJSON, type PublicKeyCredentialCreationOptionsJSON, type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { z } from 'zod';
import type { Caller, SignInOutcome } from '../core/sign-in.js';
import { isoTime, named } from '../response-schemas.js';
import { recordAudit } from '../audit/log.js';
import type { RequestContext } from '../context.js';
import {
  AccountDisabledError, ConflictError, InvalidPasskeyError, LimitReachedError, NotFoundError, ValidationFailedError,
} from '../errors.js';
import type { UserRecord } from '../storage/types.js';
import type { PendingSignIns } from './challenge.js';
import type { TwoFactorDeps } from './deps.js';
import type { Enrollment } from './enrollment.js';
import { factorNotices, sendFactorNotice } from './notices.js';
import type { PasskeyRecord } from './storage/passkey-store.js';
import type { WebauthnPurpose } from './storage/webauthn-challenge-store.js';

/** A passkey as its owner sees it (never the key or credential id). */
export const passkeyViewSchema = named('Passkey', z.object({
  id: z.string(),
  name: z.string(),
  createdAt: isoTime,
  lastUsedAt: isoTime.nullable(),
  /** True for a synced (multi-device) passkey. */
  backedUp: z.boolean(),
}));

/** A passkey as its owner sees it. */
export type PasskeyView = z.infer<typeof passkeyViewSchema>;

/** The API view of a passkey (never the key or credential id). */
export function toPasskeyView(passkey: PasskeyRecord): PasskeyView {
  return {
    id: passkey.id,
    name: passkey.name,
    createdAt: passkey.createdAt.toISOString(),
    lastUsedAt: passkey.lastUsedAt ? passkey.lastUsedAt.toISOString() : null,
    backedUp: passkey.backedUp,
  };
}

/** The challenge a WebAuthn response answers, read from its clientDataJSON; null when unreadable. */
function challengeOf(response: { response?: { clientDataJSON?: unknown } }): string | null {
  const clientDataJSON = response.response?.clientDataJSON;
  if (typeof clientDataJSON !== 'string' || clientDataJSON.length > 8192) return null;
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof data.challenge === 'string' && data.challenge.length > 0 && data.challenge.length <= 512 ? data.challenge : null;
  } catch {
    return null;
  }
}

/** Trims a passkey name and checks its length (1–64 characters, no control characters). */
function passkeyName(input: string | undefined): string {
  const name = (input ?? '').replace(/\p{Cc}/gu, '').trim() || 'Passkey';
  if ([...name].length > 64) throw new ValidationFailedError({ errors: [{ field: 'name', code: 'too_long', message: 'A passkey name has at most 64 characters.' }] });
  return name;
}

/**
 * Passkeys (WebAuthn through @simplewebauthn/server): registration with reauthentication,
 * passwordless sign-in with discoverable credentials (also as browser autofill), and a passkey as
 * the second step after a password. The relying party is the host of `publicUrl` and the only
 * accepted origin is its origin. Challenges live server-side, are used once and expire in 5 minutes.
 */
export class Passkeys {
  private readonly rpID: string;
  private readonly origin: string;

  constructor(private readonly deps: TwoFactorDeps, private readonly pending: PendingSignIns, private readonly enrollment: Enrollment) {
    this.rpID = new URL(deps.services.config.publicUrl).hostname;
    this.origin = deps.services.config.origin;
  }

  private requireEnabled(): void {
    if (!this.deps.services.config.passkeys.enabled) throw new NotFoundError({ detail: 'Passkeys are turned off on this server.' });
  }

  private async saveChallenge(challenge: string, purpose: WebauthnPurpose, userId: string | null, pendingId: string | null) {
    const now = this.deps.now();
    await this.deps.stores(this.deps.services.storage).webauthn.createWebauthnChallenge({
      challenge, purpose, userId, pendingId, createdAt: now,
      expiresAt: new Date(now.getTime() + this.deps.policy.webauthnChallengeTtlSeconds * 1000),
    });
  }

  /** Creation options for a new passkey (reauthenticated); the browser passes them to `startRegistration`. */
  async registrationOptions(caller: Caller, ctx: RequestContext): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const { services, policy } = this.deps;
    this.requireEnabled();
    const user = caller.user;
    const existing = await this.deps.stores(services.storage).passkeys.listPasskeys(user.id);
    if (existing.length >= services.config.passkeys.maxPerUser) {
      throw new LimitReachedError({ detail: `An account can have at most ${services.config.passkeys.maxPerUser} passkeys.` });
    }
    const options = await generateRegistrationOptions({
      rpName: services.config.passkeys.rpName,
      rpID: this.rpID,
      userName: user.email,
      userDisplayName: user.displayName || user.email,
      // The user handle is the opaque account id: no personal data reaches the authenticator.
      userID: new TextEncoder().encode(user.id),
      timeout: policy.webauthnChallengeTtlSeconds * 1000,
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
      // Discoverable credentials, so every passkey also works for passwordless sign-in.
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    });
    await this.saveChallenge(options.challenge, 'register', user.id, null);
    return options;
  }

  /** Verifies a registration response and stores the passkey (at most `passkeys.maxPerUser`). */
  async register(caller: Caller, response: RegistrationResponseJSON, nameInput: string | undefined, ctx: RequestContext): Promise<PasskeyView> {
    const { services } = this.deps;
    this.requireEnabled();
    const name = passkeyName(nameInput);
    const challenge = challengeOf(response);
    const record = challenge ? await this.deps.stores(services.storage).webauthn.consumeWebauthnChallenge(challenge, ['register'], this.deps.now()) : null;
    if (!record || record.userId !== caller.user.id) throw new InvalidPasskeyError({ detail: 'The passkey ceremony expired or does not belong to this account. Start again.' });
    let verification;
    try {
      verification = await verifyRegistrationResponse({
        response, expectedChallenge: record.challenge, expectedOrigin: this.origin, expectedRPID: this.rpID, requireUserVerification: false,
      });
    } catch (error) {
      services.logger.debug({ event: 'passkey.registration_rejected', reason: error instanceof Error ? error.message : String(error) });
      throw new InvalidPasskeyError();
    }
    if (!verification.verified) throw new InvalidPasskeyError();
    const info = verification.registrationInfo;
    const passkey = await services.storage.transaction(async (tx) => {
      // The row lock serializes one user's registrations, so the cap holds under races.
      const user = (await tx.users.lockForUpdate(caller.user.id))!;
      const stores = this.deps.stores(tx);
      if ((await stores.passkeys.countPasskeys(user.id)) >= services.config.passkeys.maxPerUser) {
        throw new LimitReachedError({ detail: `An account can have at most ${services.config.passkeys.maxPerUser} passkeys.` });
      }
      const inserted = await stores.passkeys.insertPasskey({
        userId: user.id,
        credentialId: info.credential.id,
        publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
        counter: info.credential.counter,
        transports: (info.credential.transports ?? []).slice(0, 10),
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        aaguid: info.aaguid,
        name,
        createdAt: this.deps.now(),
      });
      if (!inserted) throw new InvalidPasskeyError({ detail: 'This passkey is already registered.' });
      await sendFactorNotice(this.deps, tx, user, factorNotices.passkeyAdded(name), ctx);
      await services.sessions.userChanged(tx, user.id);
      return inserted;
    });
    return toPasskeyView(passkey);
  }

  /** The user's passkeys, oldest first. */
  async list(user: UserRecord): Promise<PasskeyView[]> {
    return (await this.deps.stores(this.deps.services.storage).passkeys.listPasskeys(user.id)).map(toPasskeyView);
  }

  /** Renames one of the user's passkeys; `not_found` for anyone else's. */
  async rename(user: UserRecord, id: string, nameInput: string, ctx: RequestContext): Promise<PasskeyView> {
    const { services } = this.deps;
    const name = passkeyName(nameInput);
    const passkey = await services.storage.transaction(async (tx) => {
      const renamed = await this.deps.stores(tx).passkeys.renamePasskey(user.id, id, name);
      if (!renamed) throw new NotFoundError();
      await recordAudit(tx, services.clock, { type: 'passkey.renamed', userId: user.id, detail: { passkeyId: id, name } }, ctx);
      return renamed;
    });
    return toPasskeyView(passkey);
  }

  /**
   * Removes one of the user's passkeys (reauthenticated, as removing any factor is). An account
   * without a password keeps its last passkey, or it could never sign in again.
   */
  async remove(caller: Caller, id: string, ctx: RequestContext): Promise<void> {
    const { services } = this.deps;
    await services.storage.transaction(async (tx) => {
      const user = (await tx.users.lockForUpdate(caller.user.id))!;
      const stores = this.deps.stores(tx);
      const removed = await stores.passkeys.deletePasskey(user.id, id);
      if (!removed) throw new NotFoundError();
      if (!user.passwordHash && (await stores.passkeys.countPasskeys(user.id)) === 0) {
        throw new ConflictError({ detail: 'This is the only way to sign in to this account: set a password first.' });
      }
      await sendFactorNotice(this.deps, tx, user, factorNotices.passkeyRemoved(removed.name), ctx);
      await this.enrollment.afterFactorRemoved(tx, user.id);
    });
  }

  /**
   * Request options for signing in. With a live challenge cookie whose user has passkeys: the
   * second step of that sign-in (those credentials only). Otherwise passwordless: an empty
   * `allowCredentials`, so the browser offers discoverable passkeys, also as autofill
   * (conditional mediation), and user verification is required. The optional email is not used,
   * so the answer never tells whether an account exists.
   */
  async signInOptions(challengeToken: string | undefined, ctx: RequestContext): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const { services, policy } = this.deps;
    this.requireEnabled();
    await services.limits.passkeyOptionsPerIp.consume(ctx.ip ?? 'unknown');
    const pending = await this.pending.find(challengeToken);
    const own = pending ? await this.deps.stores(services.storage).passkeys.listPasskeys(pending.userId) : [];
    const secondStep = pending !== null && own.length > 0;
    const options = await generateAuthenticationOptions({
      rpID: this.rpID,
      timeout: policy.webauthnChallengeTtlSeconds * 1000,
      allowCredentials: own.map((p) => ({ id: p.credentialId, transports: p.transports })),
      userVerification: secondStep ? 'preferred' : 'required',
    });
    await this.saveChallenge(options.challenge, secondStep ? 'second_factor' : 'sign_in', secondStep ? pending.userId : null, secondStep ? pending.id : null);
    return options;
  }

  /**
   * Verifies a sign-in assertion and creates the session. A second-step assertion must come with
   * the challenge cookie of the sign-in it was started for and from that user's passkey; a
   * passwordless one must carry user verification and a user handle matching the credential.
   */
  async signIn(challengeToken: string | undefined, response: AuthenticationResponseJSON, ctx: RequestContext): Promise<SignInOutcome> {
    const { services, sessions } = this.deps;
    this.requireEnabled();
    const now = this.deps.now();
    const stores = this.deps.stores(services.storage);
    const challenge = challengeOf(response);
    const record = challenge ? await stores.webauthn.consumeWebauthnChallenge(challenge, ['sign_in', 'second_factor'], now) : null;
    if (!record) throw new InvalidPasskeyError({ detail: 'The passkey request expired or was already used. Try again.' });
    const passkey = typeof response.id === 'string' ? await stores.passkeys.findPasskeyByCredentialId(response.id) : null;
    if (!passkey) throw new InvalidPasskeyError();
    const pending = record.purpose === 'second_factor' ? await this.pending.find(challengeToken) : null;
    if (record.purpose === 'second_factor' && (!pending || pending.id !== record.pendingId || pending.userId !== passkey.userId)) {
      throw new InvalidPasskeyError();
    }
    if (record.purpose === 'sign_in') {
      const handle = response.response?.userHandle;
      if (typeof handle !== 'string' || Buffer.from(handle, 'base64url').toString('utf8') !== passkey.userId) throw new InvalidPasskeyError();
    }
    let verification;
    try {
      verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: record.challenge,
        expectedOrigin: this.origin,
        expectedRPID: this.rpID,
        credential: { id: passkey.credentialId, publicKey: Buffer.from(passkey.publicKey, 'base64url'), counter: passkey.counter, transports: passkey.transports },
        requireUserVerification: record.purpose === 'sign_in',
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (/counter/i.test(reason)) {
        // A counter that did not grow may mean a cloned authenticator: keep a trace for the owner and operators.
        services.logger.warn({ event: 'passkey.counter_regressed', passkeyId: passkey.id, userId: passkey.userId }, 'passkey signature counter did not increase');
        await recordAudit(services.storage, services.clock, { type: 'sign_in.failed', userId: passkey.userId, detail: { reason: 'passkey_counter', passkeyId: passkey.id } }, ctx);
      }
      throw new InvalidPasskeyError();
    }
    if (!verification.verified) throw new InvalidPasskeyError();
    const user = await services.storage.users.findById(passkey.userId);
    if (!user) throw new InvalidPasskeyError();
    if (user.disabledAt) throw new AccountDisabledError();
    const outcome = await services.storage.transaction(async (tx) => {
      if (!(await this.deps.stores(tx).passkeys.advancePasskeyCounter(passkey.id, passkey.counter, verification.authenticationInfo.newCounter, now))) {
        throw new InvalidPasskeyError();
      }
      if (pending) await this.pending.complete(tx, pending);
      return sessions.issue(tx, user, ctx, 'passkey');
    });
    return outcome;
  }
}
