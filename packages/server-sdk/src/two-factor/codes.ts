import type { RequestContext } from '../context.js';
import { constantTimeEqual } from '../crypto/digest.js';
import type { Storage } from '../storage/storage.js';
import type { UserRecord } from '../storage/types.js';
import type { AttemptBudget } from './attempts.js';
import { normalizeBackupCode } from './backup-codes.js';
import type { TwoFactorDeps } from './deps.js';
import { factorNotices, sendFactorNotice } from './notices.js';
import type { EmailCodeScope } from './storage/email-code-store.js';
import { matchTotpStep, normalizeDigitCode } from './totp.js';

/** The kinds of one-time code a user can type. */
export type CodeKind = 'totp' | 'email' | 'backup_code';

/** A code that checked out and is ready to be used up. */
export type CodeProof =
  | { kind: 'totp'; step: number }
  | { kind: 'email'; id: string }
  | { kind: 'backup_code'; id: string };

/** Where a code is being used: the second step of a sign-in, or proof of presence for a change. */
export type CodeStage = { stage: 'sign_in'; challengeId: string } | { stage: 'reauth' };

/** The scope key an emailed code is hashed with (see `code-hash.ts`). */
export function emailCodeScopeKey(scope: EmailCodeScope): string {
  return scope.purpose === 'sign_in' ? `sign_in:${scope.challengeId}` : `reauth:${scope.userId}`;
}

/** Marks a code that checked out but was used up by a concurrent request before this one could. */
export class CodeAlreadyUsed extends Error {
  constructor() { super('the code was used by another request'); this.name = 'CodeAlreadyUsed'; }
}

/**
 * Checks and uses up one-time codes. Checking is separate from using, so the expensive part
 * (argon2 for backup codes) runs outside transactions, while the single-use step is one
 * conditional UPDATE inside the caller's transaction, which only one concurrent request can win.
 */
export class CodeVerifier {
  constructor(private readonly deps: TwoFactorDeps, private readonly budget: AttemptBudget) {}

  /** Checks a code of `kind` for the user without using it up; null when it is wrong. */
  async check(user: UserRecord, kind: CodeKind, code: string, where: CodeStage): Promise<CodeProof | null> {
    const { services, now } = this.deps;
    const stores = this.deps.stores(services.storage);
    if (kind === 'totp') {
      const totp = await stores.totp.findTotp(user.id);
      if (!totp?.enabledAt || !totp.secretSealed) return null;
      // Opening fails loudly when the master secret changed: the error becomes a 500, never a pass.
      const step = matchTotpStep(this.deps.totpBox.open(totp.secretSealed), code, now());
      if (step === null || (totp.lastUsedStep !== null && step <= totp.lastUsedStep)) return null;
      return { kind, step };
    }
    if (kind === 'email') {
      const digits = normalizeDigitCode(code, this.deps.policy.emailCodeDigits);
      if (!digits) return null;
      const scope: EmailCodeScope = where.stage === 'sign_in'
        ? { purpose: 'sign_in', userId: user.id, challengeId: where.challengeId }
        : { purpose: 'reauth', userId: user.id };
      const live = await stores.emailCodes.findLiveEmailCode(scope, now());
      if (!live) return null;
      return constantTimeEqual(live.codeHash, this.deps.hashEmailCode(emailCodeScopeKey(scope), digits)) ? { kind, id: live.id } : null;
    }
    const normalized = normalizeBackupCode(code);
    if (!normalized) return null;
    const candidates = await stores.backupCodes.listUnusedBackupCodes(user.id);
    // Every candidate is verified (no early exit), so timing says nothing about which one matched.
    const results = await Promise.all(candidates.map((c) => services.hasher.verify(c.codeHash, normalized)));
    const index = results.indexOf(true);
    return index < 0 ? null : { kind, id: candidates[index]!.id };
  }

  /**
   * Uses up a checked code in the caller's transaction; false when a concurrent request used it
   * first. Using a backup code records it and tells the user by email.
   */
  async consume(tx: Storage, user: UserRecord, proof: CodeProof, ctx: RequestContext, stage: 'sign_in' | 'reauth'): Promise<boolean> {
    const stores = this.deps.stores(tx);
    const now = this.deps.now();
    if (proof.kind === 'totp') return stores.totp.useTotpStep(user.id, proof.step, now);
    if (proof.kind === 'email') return stores.emailCodes.consumeEmailCode(proof.id, now);
    if (!(await stores.backupCodes.consumeBackupCode(proof.id, now))) return false;
    const remaining = await stores.backupCodes.countUnusedBackupCodes(user.id);
    await sendFactorNotice(this.deps, tx, user, factorNotices.backupCodeUsed(remaining, stage), ctx);
    // The remaining count is part of the user's summary, which processes may cache.
    await this.deps.services.sessions.userChanged(tx, user.id);
    return true;
  }

  /**
   * Proof of presence with any code of the `allowed` kinds, told apart by shape (six digits: an
   * authenticator-app or emailed code; sixteen characters: a backup code). Counts against the
   * account's attempt budget (`rate_limited` once spent). On success the code is used up and
   * `then` runs in the same transaction; returns the kind used, or null for a wrong code.
   */
  async verifyAndUse<T>(
    user: UserRecord, code: string, allowed: CodeKind[], ctx: RequestContext,
    then?: (tx: Storage, kind: CodeKind) => Promise<T>,
  ): Promise<{ kind: CodeKind; result: T | undefined } | null> {
    const { services } = this.deps;
    await this.budget.reserve(user.id);
    const kinds = allowed
      .filter((kind) => kind !== 'email' || services.config.twoFactor.emailEnabled)
      .filter((kind) => (kind === 'backup_code' ? normalizeBackupCode(code) !== null : normalizeDigitCode(code) !== null));
    for (const kind of kinds) {
      const proof = await this.check(user, kind, code, { stage: 'reauth' });
      if (!proof) continue;
      try {
        const result = await services.storage.transaction(async (tx) => {
          if (!(await this.consume(tx, user, proof, ctx, 'reauth'))) throw new CodeAlreadyUsed();
          return then ? then(tx, kind) : undefined;
        });
        await this.budget.succeeded(user.id);
        return { kind, result };
      } catch (error) {
        if (!(error instanceof CodeAlreadyUsed)) throw error;
      }
    }
    await this.budget.failed(user, kinds.length === 1 ? kinds[0]! : 'code', ctx);
    return null;
  }
}
