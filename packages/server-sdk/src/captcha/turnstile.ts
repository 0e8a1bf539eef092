import { CaptchaFailedError } from '../errors.js';
import type { Logger } from '../logger.js';

/** Checks a human-verification token. */
export interface CaptchaVerifier {
  /** Throws {@link CaptchaFailedError} when the token is missing or refused; fails closed on outages. */
  verify(token: unknown, remoteIp: string | null): Promise<void>;
}

/** Options of {@link createTurnstileVerifier}. */
export interface TurnstileVerifierOptions {
  secretKey: string;
  verifyUrl: string;
  timeoutMs: number;
  logger: Logger;
}

/**
 * Cloudflare Turnstile's siteverify, called by URL (so tests can point it at a local server).
 * An unreachable or failing siteverify refuses the request (fail closed).
 */
export function createTurnstileVerifier(options: TurnstileVerifierOptions): CaptchaVerifier {
  return {
    async verify(token, remoteIp) {
      if (typeof token !== 'string' || token.length === 0 || token.length > 2048) {
        throw new CaptchaFailedError({ detail: 'Complete the human check first.' });
      }
      const form = new URLSearchParams({ secret: options.secretKey, response: token });
      if (remoteIp) form.set('remoteip', remoteIp);
      let outcome: { success?: boolean; 'error-codes'?: string[] };
      try {
        const response = await fetch(options.verifyUrl, {
          method: 'POST',
          body: form,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        if (!response.ok) throw new Error(`siteverify answered ${response.status}`);
        outcome = (await response.json()) as typeof outcome;
      } catch (error) {
        options.logger.error({ event: 'captcha.unavailable', error: error instanceof Error ? error.message : String(error) }, 'Turnstile siteverify failed; refusing');
        throw new CaptchaFailedError({ detail: 'The human check could not be completed. Please try again.', cause: error });
      }
      if (outcome.success !== true) {
        throw new CaptchaFailedError({ extensions: { reasons: (outcome['error-codes'] ?? []).filter((c) => /^[a-z-]{1,40}$/.test(c)) } });
      }
    },
  };
}

/** The verifier used when no Turnstile secret is configured. */
export const noCaptcha: CaptchaVerifier = { verify: async () => {} };

