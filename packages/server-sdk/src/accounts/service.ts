import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/log.js';
import type { RequestContext } from '../context.js';
import { sha256 } from '../crypto/digest.js';
import {
  AccountDisabledError, EmailNotVerifiedError, EmailTakenError, InvalidCredentialsError, InvalidTokenError,
  PasswordResetRequiredError, PasswordReusedError, SignUpDisabledError, ValidationFailedError,
} from '../errors.js';
import { normalizePassword } from '../passwords/hasher.js';
import type { Services } from '../core/services.js';
import type { UserRecord } from '../storage/types.js';
import type { Caller, SignInOutcome } from '../core/sign-in.js';
import { createLinkToken, pageUrl } from './links.js';
import { NewDeviceAlerts } from './new-device.js';
import { endOtherSignIns, voidAccountLinks } from './sign-out-everywhere.js';
import { requireDisplayName, requireEmail, requireStrongPassword } from './validation.js';
import { toPublicUser, type PublicUser } from './view.js';
import { changePhoneNumber, changesPhoneNumber } from './phone.js';
import { requireReauthentication, type ReauthProof } from './reauth.js';

const hours = (seconds: number) => Math.round(seconds / 3600);

/**
 * Self-service account flows: sign-up and verification, sign-in and sign-out, profile, password
 * change and reset, login-email change and invitations. Every multi-step write is one transaction,
 * and its emails are queued in that same transaction.
 */
export class AccountService {
  /** New-device sign-in alerts (every session start passes them). */
  readonly devices: NewDeviceAlerts;

  constructor(private readonly s: Services) {
    this.devices = new NewDeviceAlerts(s);
  }

  private get now() { return this.s.clock.now(); }

  /** Registers an account and mails a verification link. An existing address gets the same answer. */
  async signUp(input: { email: string; password: string; displayName?: string; captchaToken?: unknown }, ctx: RequestContext): Promise<PublicUser> {
    const { config, limits } = this.s;
    if (config.signUp.mode === 'invite-only') throw new SignUpDisabledError();
    await this.s.captcha.verify(input.captchaToken, ctx.ip);
    await limits.signUpPerIp.consume(ctx.ip ?? 'unknown');
    const email = requireEmail(input.email);
    const displayName = requireDisplayName(input.displayName);
    await requireStrongPassword(input.password, this.s, [email.email, displayName]);
    await limits.emailPerAddress.consume(`verify:${email.normalized}`);
    // Hash in both branches, so a taken address costs the same time as a new one.
    const passwordHash = await this.s.hasher.hash(input.password);
    const now = this.now;
    const view = await this.s.storage.transaction(async (tx) => {
      const user = await tx.users.createIfEmailFree({ email: email.email, emailNormalized: email.normalized, displayName, passwordHash, createdAt: now });
      if (user) {
        await this.sendVerification(tx, user, ctx);
        await recordAudit(tx, this.s.clock, { type: 'user.signed_up', userId: user.id }, ctx);
        // The device that signs up is the user's own: signing in from it later is no news.
        await this.devices.remember(tx, user.id, ctx);
        await this.s.events.emit(tx, 'user.created', {
          userId: user.id, email: user.email, displayName: user.displayName, roles: user.roles, kind: user.kind,
          emailVerified: user.emailVerifiedAt !== null, source: 'sign_up', actorId: user.id,
        });
        return toPublicUser(user);
      }
      const existing = await tx.users.findByEmail(email.normalized);
      if (existing && !existing.disabledAt) {
        await this.s.outbox.enqueue(tx, existing.email, 'signUpExisting', {
          name: existing.displayName, signInUrl: pageUrl(config, 'signIn'), resetUrl: new URL('/forgot-password', config.publicUrl).toString(),
        }, ctx);
      }
      // The same shape a new account gets: nothing tells the caller the address was taken.
      return { id: randomUUID(), email: email.email, emailVerified: false, displayName, roles: [], kind: 'user', phoneNumber: null, createdAt: now.toISOString() };
    });
    return view;
  }

  private async sendVerification(tx: Services['storage'], user: UserRecord, ctx: RequestContext) {
    const { token, tokenHash } = createLinkToken();
    const ttl = this.s.config.links.verifyEmailTtlSeconds;
    await tx.emailTokens.issue({ userId: user.id, purpose: 'verify_email', tokenHash, createdAt: this.now, expiresAt: new Date(this.now.getTime() + ttl * 1000) });
    await this.s.outbox.enqueue(tx, user.email, 'verifyEmail', { name: user.displayName, url: pageUrl(this.s.config, 'verifyEmail', { token }), hours: hours(ttl) }, ctx);
  }

  /** Completes verification with an emailed token, then signs the user in (through the second-factor gate). */
  async verifyEmail(token: string, ctx: RequestContext): Promise<SignInOutcome> {
    const outcome = await this.s.storage.transaction(async (tx) => {
      const verified = await this.markVerified(tx, token, ctx);
      return this.startSession(tx, verified, ctx, 'email_link');
    });
    return outcome;
  }

  /**
   * Completes verification without signing in: for a browser that is already signed in, whose
   * session a verification link must never replace (a link is no proof of who clicks it).
   */
  async verifyEmailOnly(token: string, ctx: RequestContext): Promise<UserRecord> {
    return this.s.storage.transaction((tx) => this.markVerified(tx, token, ctx));
  }

  private async markVerified(tx: Services['storage'], token: string, ctx: RequestContext): Promise<UserRecord> {
    const record = await tx.emailTokens.consume('verify_email', sha256(token), this.now);
    if (!record) throw new InvalidTokenError();
    const user = await tx.users.findById(record.userId);
    if (!user || user.disabledAt) throw new InvalidTokenError();
    await tx.users.markEmailVerified(user.id, this.now);
    await recordAudit(tx, this.s.clock, { type: 'email.verified', userId: user.id }, ctx);
    if (!user.emailVerifiedAt) await this.announceVerified(tx, user.id);
    return { ...user, emailVerifiedAt: user.emailVerifiedAt ?? this.now };
  }

  /** `user.updated` for an address proven by an emailed link. */
  private async announceVerified(tx: Services['storage'], userId: string): Promise<void> {
    await this.s.events.emit(tx, 'user.updated', { userId, fields: ['emailVerified'], changes: { emailVerified: true }, actorId: userId });
  }

  /** Sends a new verification link when the address has an unverified account; answers the same either way. */
  async resendVerification(emailInput: string, ctx: RequestContext): Promise<void> {
    const { limits } = this.s;
    await limits.emailPerIp.consume(ctx.ip ?? 'unknown');
    const email = requireEmail(emailInput);
    await limits.emailPerAddress.consume(`verify:${email.normalized}`);
    await this.s.storage.transaction(async (tx) => {
      const user = await tx.users.findByEmail(email.normalized);
      if (user && !user.emailVerifiedAt && !user.disabledAt) await this.sendVerification(tx, user, ctx);
    });
  }

  /**
   * Checks email and password. Unknown emails cost the same hashing time and get the same answer as
   * wrong passwords; failures count per address (known or not) and per client address.
   */
  async signIn(input: { email: string; password: string; captchaToken?: unknown }, ctx: RequestContext): Promise<SignInOutcome> {
    const { config, limits, hasher } = this.s;
    await this.s.captcha.verify(input.captchaToken, ctx.ip);
    await limits.signInPerIp.consume(ctx.ip ?? 'unknown');
    const email = requireEmail(input.email);
    // The attempt is counted before the password is checked, so parallel guesses cannot all pass a
    // check made before any of them was recorded; a correct password clears the count again.
    await limits.signInFailuresPerEmail.consume(email.normalized);
    const user = await this.s.storage.users.findByEmail(email.normalized);
    const tooLong = input.password.length > config.passwords.maxLength * 4;
    let ok = false;
    if (user?.passwordHash && !tooLong) ok = await hasher.verify(user.passwordHash, input.password);
    else if (!tooLong) await hasher.burn(input.password);
    if (!ok || !user) {
      await recordAudit(this.s.storage, this.s.clock, { type: 'sign_in.failed', userId: user?.id ?? null, detail: { reason: 'invalid_credentials' } }, ctx);
      throw new InvalidCredentialsError();
    }
    await limits.signInFailuresPerEmail.reset(email.normalized);
    if (user.disabledAt) throw new AccountDisabledError();
    if (!user.emailVerifiedAt && config.signUp.requireEmailVerification) throw new EmailNotVerifiedError();
    if (user.passwordChangeRequiredAt) {
      // The owner secured the account without a new password: whoever knows the old one only
      // learns that it must be reset, which takes the owner's mailbox.
      await recordAudit(this.s.storage, this.s.clock, { type: 'sign_in.failed', userId: user.id, detail: { reason: 'password_reset_required' } }, ctx);
      throw new PasswordResetRequiredError();
    }
    // An imported hash (bcrypt, scrypt, …) or older argon2 parameters leave with this sign-in.
    await this.upgradePasswordHash(user, input.password);
    return this.s.storage.transaction((tx) => this.startSession(tx, user, ctx, 'password'));
  }

  /**
   * Rehashes a password that has just verified when its stored hash is of another format
   * (imported) or of weaker argon2id parameters than the current ones. The new hash is written only
   * while the stored one is still the hash that was verified: a change or reset that landed in
   * between wins, and a wrong password never gets here.
   */
  private async upgradePasswordHash(user: UserRecord, password: string): Promise<void> {
    const { hasher } = this.s;
    if (!user.passwordHash || !hasher.needsRehash(user.passwordHash)) return;
    await this.s.storage.users.replacePasswordHash(user.id, user.passwordHash, await hasher.hash(password), this.now);
  }

  /**
   * Starts a session after a first factor, unless the second-factor gate asks for a second step.
   * Every path that yields a session goes through here.
   */
  async startSession(tx: Services['storage'], user: UserRecord, ctx: RequestContext, method: string): Promise<SignInOutcome> {
    const challenge = await this.s.secondFactor.afterFirstFactor(tx, user, ctx);
    if (challenge) return { kind: 'challenge', user, challenge };
    return this.issueSession(tx, user, ctx, method);
  }

  /** Issues a session once every required factor is proven (second-factor code paths call this). */
  async issueSession(tx: Services['storage'], user: UserRecord, ctx: RequestContext, method: string): Promise<Extract<SignInOutcome, { kind: 'session' }>> {
    const { token, session } = await this.s.sessions.create(tx, user, ctx, method);
    await recordAudit(tx, this.s.clock, { type: 'sign_in.succeeded', userId: user.id, detail: { method, sessionId: session.id } }, ctx);
    await this.devices.sessionStarted(tx, user, ctx, method);
    return { kind: 'session', user, token, session };
  }

  /** Revokes the session behind a cookie token (no-op when unknown). */
  async signOut(caller: Caller, ctx: RequestContext): Promise<void> {
    if (!caller.session) return;
    const session = caller.session;
    await this.s.storage.transaction(async (tx) => {
      await this.s.sessions.revoke(tx, caller.user.id, session.id, 'signed_out');
      await recordAudit(tx, this.s.clock, { type: 'signed_out', userId: caller.user.id, detail: { sessionId: session.id } }, ctx);
    });
  }

  /** Changes the display name. */
  async updateProfile(caller: Caller, input: { displayName?: string; phoneNumber?: string | null }, ctx: RequestContext, proof: ReauthProof = {}): Promise<PublicUser> {
    const displayName = input.displayName === undefined ? undefined : requireDisplayName(input.displayName);
    // The phone number is how the owner may be reached: changing it needs proof of presence, asked only for a real change.
    if (changesPhoneNumber(caller.user, input.phoneNumber)) await requireReauthentication(this.s, caller, proof, ctx);
    const user = await this.s.storage.transaction(async (tx) => {
      let updated = await tx.users.updateProfile(caller.user.id, { displayName }, this.now);
      if (input.phoneNumber !== undefined) updated = await changePhoneNumber(this.s, tx, caller.user, input.phoneNumber, caller.user, ctx);
      await recordAudit(tx, this.s.clock, { type: 'profile.updated', userId: caller.user.id, detail: { fields: displayName === undefined ? [] : ['displayName'] } }, ctx);
      if (displayName !== undefined && displayName !== caller.user.displayName) {
        await this.s.events.emit(tx, 'user.updated', { userId: caller.user.id, fields: ['displayName'], changes: { displayName }, actorId: caller.user.id });
      }
      await this.s.sessions.userChanged(tx, caller.user.id);
      return updated;
    });
    return toPublicUser(user);
  }

  /** Changes the password with the current one; every other session is revoked and a notice sent. */
  async changePassword(caller: Caller, input: { currentPassword: string; newPassword: string }, ctx: RequestContext): Promise<void> {
    const { config, limits, hasher } = this.s;
    const user = caller.user;
    // Counted before the check (parallel guesses stay within the limit), cleared when correct.
    await limits.signInFailuresPerEmail.consume(user.emailNormalized);
    const ok = Boolean(user.passwordHash) && input.currentPassword.length <= config.passwords.maxLength * 4
      && await hasher.verify(user.passwordHash!, input.currentPassword);
    if (!ok) throw new InvalidCredentialsError({ detail: 'The current password is not correct.' });
    await limits.signInFailuresPerEmail.reset(user.emailNormalized);
    if (normalizePassword(input.newPassword) === normalizePassword(input.currentPassword)) throw new PasswordReusedError();
    await requireStrongPassword(input.newPassword, this.s, [user.email, user.displayName]);
    const passwordHash = await hasher.hash(input.newPassword);
    await this.s.storage.transaction(async (tx) => {
      await tx.users.setPasswordHash(user.id, passwordHash, this.now);
      await tx.users.setPasswordChangeRequired(user.id, null, this.now);
      const revoked = await endOtherSignIns(this.s, tx, user.id, caller.session?.id);
      // A pending login-email change may be an intruder's: a new password ends it with the sessions.
      await voidAccountLinks(tx, user.id, this.now);
      await recordAudit(tx, this.s.clock, { type: 'password.changed', userId: user.id, detail: { sessionsRevoked: revoked } }, ctx);
      await this.s.events.emit(tx, 'password.changed', { userId: user.id, how: 'changed' });
      await this.s.outbox.enqueue(tx, user.email, 'passwordChanged', { name: user.displayName, how: 'changed' }, ctx);
      await this.s.sessions.userChanged(tx, user.id);
    });
    if (caller.session) await this.s.sessions.markAuthenticated(caller.session.id);
  }

  /**
   * Mails a reset link when the address has an account; the answer never tells which, not even by
   * its timing. It returns once the request is checked, limited and queued; the account work
   * (lookup, link, mail, audit) runs right after the answer. Equal work for an unknown address is
   * not possible (a link row needs a user and a mail a recipient, and those writes are the
   * difference), so the answer waits for none of it. On embedded PGlite, which runs the database on
   * the server's own thread, a request sent right behind can still feel that work. A request cut
   * off by a crash in the moment after its answer is lost, and the user asks again.
   */
  async forgotPassword(input: { email: string; captchaToken?: unknown }, ctx: RequestContext): Promise<void> {
    const { limits } = this.s;
    await this.s.captcha.verify(input.captchaToken, ctx.ip);
    await limits.emailPerIp.consume(ctx.ip ?? 'unknown');
    const email = requireEmail(input.email);
    await limits.emailPerAddress.consume(`reset:${email.normalized}`);
    const requestedAt = this.now;
    await this.queueResetRequest(ctx, () => this.handleResetRequest(email.normalized, requestedAt, ctx));
  }

  /** Resolves once every reset request already answered has done its account work (for shutdown). */
  async settle(): Promise<void> {
    await this.resetChain;
  }

  /** Reset requests waiting to run after their answers, and the chain that runs them in order. */
  private resetBacklog = 0;
  private resetChain: Promise<void> = Promise.resolve();

  /** Runs `work` after the current answer is sent, one request at a time, in arrival order. */
  private async queueResetRequest(ctx: RequestContext, work: () => Promise<void>): Promise<void> {
    const maxBacklog = 64;
    // A flood waits for room, never for its own work: the backlog stays bounded and the answer's time
    // still does not depend on the address.
    while (this.resetBacklog >= maxBacklog) await this.resetChain;
    this.resetBacklog++;
    this.resetChain = this.resetChain
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(work)
      .catch((error) => this.s.logger.error({
        event: 'password.reset_request_failed', requestId: ctx.requestId, error: error instanceof Error ? error.message : String(error),
      }, 'password reset request failed'))
      .finally(() => { this.resetBacklog--; });
  }

  /** The account side of a reset request: a link for an enabled account, an audit row for every address. */
  private async handleResetRequest(emailNormalized: string, requestedAt: Date, ctx: RequestContext): Promise<void> {
    const { config } = this.s;
    await this.s.storage.transaction(async (tx) => {
      const user = await tx.users.findByEmail(emailNormalized);
      const recipient = user && !user.disabledAt ? user : null;
      if (recipient) {
        const { token, tokenHash } = createLinkToken();
        const ttl = config.links.resetPasswordTtlSeconds;
        await tx.emailTokens.issue({ userId: recipient.id, purpose: 'reset_password', tokenHash, createdAt: requestedAt, expiresAt: new Date(requestedAt.getTime() + ttl * 1000) });
        await this.s.outbox.enqueue(tx, recipient.email, 'resetPassword', { name: recipient.displayName, url: pageUrl(config, 'resetPassword', { token }), minutes: Math.round(ttl / 60) }, ctx);
      }
      // Unknown addresses are audited too (with no user): a burst of them is how enumeration looks.
      await recordAudit(tx, this.s.clock, { type: 'password.reset_requested', userId: user?.id ?? null, detail: { linkSent: recipient !== null } }, ctx);
    });
  }

  /** Sets a new password with a reset link: single use, every session revoked, notice sent, no sign-in. */
  async resetPassword(input: { token: string; newPassword: string }, ctx: RequestContext): Promise<void> {
    const { limits, hasher } = this.s;
    await limits.resetPerIp.consume(ctx.ip ?? 'unknown');
    const tokenHash = sha256(input.token);
    const live = await this.s.storage.emailTokens.findLive('reset_password', tokenHash, this.now);
    const owner = live ? await this.s.storage.users.findById(live.userId) : null;
    if (!live || !owner || owner.disabledAt) throw new InvalidTokenError();
    await requireStrongPassword(input.newPassword, this.s, [owner.email, owner.displayName]);
    const passwordHash = await hasher.hash(input.newPassword);
    await this.s.storage.transaction(async (tx) => {
      // The conditional consume decides races: of two resets with one token, one wins.
      const record = await tx.emailTokens.consume('reset_password', tokenHash, this.now);
      if (!record) throw new InvalidTokenError();
      await tx.users.setPasswordHash(owner.id, passwordHash, this.now);
      await tx.users.setPasswordChangeRequired(owner.id, null, this.now);
      await tx.users.markEmailVerified(owner.id, this.now);
      await endOtherSignIns(this.s, tx, owner.id);
      // Recovery ends what an intruder may have started: other links and a pending email change.
      await voidAccountLinks(tx, owner.id, this.now);
      await recordAudit(tx, this.s.clock, { type: 'password.reset', userId: owner.id }, ctx);
      await this.s.events.emit(tx, 'password.changed', { userId: owner.id, how: 'reset' });
      // A reset link proves the address too.
      if (!owner.emailVerifiedAt) await this.announceVerified(tx, owner.id);
      await this.s.outbox.enqueue(tx, owner.email, 'passwordChanged', { name: owner.displayName, how: 'reset' }, ctx);
    });
    await limits.signInFailuresPerEmail.reset(owner.emailNormalized);
  }

  /**
   * Starts a login-email change (reauthenticated): a confirmation link to the new address and a
   * notice to the old one. Whether the new address is taken is not revealed here.
   */
  async requestEmailChange(caller: Caller, input: { newEmail: string }, ctx: RequestContext): Promise<void> {
    const { config } = this.s;
    const email = requireEmail(input.newEmail, 'newEmail');
    if (email.normalized === caller.user.emailNormalized) {
      throw new ValidationFailedError({ errors: [{ field: 'newEmail', code: 'unchanged', message: 'This is already your email address.' }] });
    }
    await this.s.limits.emailPerAddress.consume(`change:${caller.user.id}`);
    await this.s.storage.transaction(async (tx) => {
      const user = caller.user;
      const holder = await tx.users.findByEmail(email.normalized);
      if (holder) {
        // The address belongs to someone: they get a neutral notice, never a working link.
        await this.s.outbox.enqueue(tx, holder.email, 'securityNotice', {
          name: holder.displayName, subject: 'Someone tried to use your email address',
          message: 'Another account asked to use this email address for signing in. Nothing was changed.',
        }, ctx);
      } else {
        const { token, tokenHash } = createLinkToken();
        const ttl = config.links.changeEmailTtlSeconds;
        await tx.emailTokens.issue({ userId: user.id, purpose: 'change_email', tokenHash, newEmail: email.email, createdAt: this.now, expiresAt: new Date(this.now.getTime() + ttl * 1000) });
        await this.s.outbox.enqueue(tx, email.email, 'confirmNewEmail', { name: user.displayName, url: pageUrl(config, 'confirmEmail', { token }), hours: hours(ttl) }, ctx);
      }
      await this.s.outbox.enqueue(tx, user.email, 'emailChangeRequested', { name: user.displayName, newEmail: email.email }, ctx);
      await recordAudit(tx, this.s.clock, { type: 'email.change_requested', userId: user.id }, ctx);
    });
  }

  /** Confirms a login-email change with the link sent to the new address. */
  async confirmEmailChange(token: string, ctx: RequestContext): Promise<PublicUser> {
    const user = await this.s.storage.transaction(async (tx) => {
      const record = await tx.emailTokens.consume('change_email', sha256(token), this.now);
      if (!record || !record.newEmail) throw new InvalidTokenError();
      const before = await tx.users.findById(record.userId);
      if (!before || before.disabledAt) throw new InvalidTokenError();
      const email = requireEmail(record.newEmail);
      if (!(await tx.users.changeEmail(before.id, email.email, email.normalized, this.now))) throw new EmailTakenError();
      await tx.emailTokens.voidForUser(before.id, ['reset_password', 'change_email', 'verify_email'], this.now);
      await recordAudit(tx, this.s.clock, { type: 'email.changed', userId: before.id }, ctx);
      await this.s.events.emit(tx, 'user.updated', { userId: before.id, fields: ['email'], changes: { email: email.email }, actorId: before.id });
      await this.s.outbox.enqueue(tx, before.email, 'emailChanged', { name: before.displayName, newEmail: email.email }, ctx);
      await this.s.sessions.userChanged(tx, before.id);
      return (await tx.users.findById(before.id))!;
    });
    return toPublicUser(user);
  }

  /** An invited user sets a password with the invitation link, then is signed in (second-factor gate applies). */
  async acceptInvitation(input: { token: string; password: string; displayName?: string }, ctx: RequestContext): Promise<SignInOutcome> {
    const { hasher } = this.s;
    const tokenHash = sha256(input.token);
    const live = await this.s.storage.emailTokens.findLive('invitation', tokenHash, this.now);
    const invited = live ? await this.s.storage.users.findById(live.userId) : null;
    // An invitation sets the first password only: once the owner has one, a leftover link is void.
    if (!live || !invited || invited.disabledAt || invited.passwordHash) throw new InvalidTokenError();
    const displayName = input.displayName === undefined ? undefined : requireDisplayName(input.displayName);
    await requireStrongPassword(input.password, this.s, [invited.email, displayName ?? invited.displayName]);
    const passwordHash = await hasher.hash(input.password);
    const outcome = await this.s.storage.transaction(async (tx) => {
      if (!(await tx.emailTokens.consume('invitation', tokenHash, this.now))) throw new InvalidTokenError();
      // Decided under the row lock: a password set since the check above (a reset) wins.
      const locked = await tx.users.lockForUpdate(invited.id);
      if (!locked || locked.disabledAt || locked.passwordHash) throw new InvalidTokenError();
      await tx.users.setPasswordHash(invited.id, passwordHash, this.now);
      await tx.users.markEmailVerified(invited.id, this.now);
      const user = displayName === undefined ? invited : await tx.users.updateProfile(invited.id, { displayName }, this.now);
      // Setting a password ends whatever was open before, as a reset does.
      await endOtherSignIns(this.s, tx, invited.id);
      await voidAccountLinks(tx, invited.id, this.now);
      await recordAudit(tx, this.s.clock, { type: 'invitation.accepted', userId: invited.id }, ctx);
      await this.s.events.emit(tx, 'password.changed', { userId: invited.id, how: 'set' });
      if (displayName !== undefined && displayName !== invited.displayName) {
        await this.s.events.emit(tx, 'user.updated', { userId: invited.id, fields: ['displayName'], changes: { displayName }, actorId: invited.id });
      }
      await this.s.outbox.enqueue(tx, invited.email, 'passwordChanged', { name: user.displayName, how: 'set' }, ctx);
      return this.startSession(tx, { ...user, passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? this.now }, ctx, 'invitation');
    });
    return outcome;
  }
}
