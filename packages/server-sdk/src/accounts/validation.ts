import type { Services } from '../core/services.js';
import { ValidationFailedError, WeakPasswordError } from '../errors.js';
import { checkPassword } from '../passwords/policy.js';
import { parseEmail, type ParsedEmail } from './email.js';

/** Parses an email field or throws a 422 naming the field. */
export function requireEmail(value: string, field = 'email'): ParsedEmail {
  const parsed = parseEmail(value);
  if (!parsed) {
    throw new ValidationFailedError({ errors: [{ field, code: 'invalid_email', message: 'Enter a valid email address.' }] });
  }
  return parsed;
}

/** Display names: at most 100 characters, no control characters (they would reach email headers and logs). */
export function requireDisplayName(value: string | undefined, field = 'displayName'): string {
  const name = (value ?? '').normalize('NFC').trim();
  if ([...name].length > 100) {
    throw new ValidationFailedError({ errors: [{ field, code: 'too_long', message: 'Use at most 100 characters.' }] });
  }
  if (/[\p{Cc}\p{Cf}\u2028\u2029<>]/u.test(name)) {
    throw new ValidationFailedError({ errors: [{ field, code: 'invalid_characters', message: 'Remove control characters and angle brackets.' }] });
  }
  return name;
}

/**
 * Applies the password policy, and the breached-password service when one is configured, or
 * throws `weak_password` with the reasons and their codes. Every place that sets a password
 * goes through here.
 */
export async function requireStrongPassword(password: string, services: Pick<Services, 'config' | 'breachedPasswords'>, userInputs: string[]): Promise<void> {
  const result = await checkPassword(password, services.config.passwords, userInputs, { breached: services.breachedPasswords });
  if (!result.ok) throw new WeakPasswordError(result.reasons, result.messages);
}
