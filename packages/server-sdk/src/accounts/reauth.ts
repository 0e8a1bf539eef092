import type { RequestContext } from '../context.js';
import { ReauthenticationRequiredError } from '../errors.js';
import type { Services } from '../core/services.js';
import type { SessionRecord, UserRecord } from '../storage/types.js';

import type { ReauthProof } from '../core/reauth.js';

export type { ReauthProof };

/**
 * Demands proof of presence for a sensitive operation: the password, a code from an enabled
 * second factor, or a sign-in (or earlier proof) younger than the reauthentication window.
 * A correct proof refreshes the session's window. Throws `reauthentication_required` otherwise.
 */
export async function requireReauthentication(
  services: Services,
  auth: { user: UserRecord; session: SessionRecord | null },
  proof: ReauthProof,
  ctx: RequestContext,
): Promise<void> {
  const { hasher, limits, config } = services;
  if (typeof proof.password === 'string' && proof.password.length > 0) {
    // Counted before the check (parallel guesses stay within the limit), cleared when correct.
    await limits.signInFailuresPerEmail.consume(auth.user.emailNormalized);
    if (auth.user.passwordHash && proof.password.length <= config.passwords.maxLength * 4 && await hasher.verify(auth.user.passwordHash, proof.password)) {
      await limits.signInFailuresPerEmail.reset(auth.user.emailNormalized);
      if (auth.session) await services.sessions.markAuthenticated(auth.session.id);
      return;
    }
    throw new ReauthenticationRequiredError({ detail: 'The password is not correct.' });
  }
  if (typeof proof.code === 'string' && proof.code.length > 0) {
    if (await services.secondFactor.verifyReauthCode(auth.user, proof.code, ctx)) {
      if (auth.session) await services.sessions.markAuthenticated(auth.session.id);
      return;
    }
    throw new ReauthenticationRequiredError({ detail: 'The code is not correct.' });
  }
  if (auth.session && services.sessions.isFresh(auth.session)) return;
  throw new ReauthenticationRequiredError();
}
