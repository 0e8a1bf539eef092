import { dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';
import { named } from '../response-schemas.js';
import type { StrengthEstimate } from './strength-estimate.js';
import { sharedStrengthPool } from './strength-pool.js';

/** What the policy checks. */
export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  minScore: number;
  requireComposition: boolean;
  /** How long the strength estimate may take, waiting for a worker included. Default 2000 ms. */
  strengthCheckTimeoutMs?: number;
}

/** The outcome of a policy check (`POST /password/check`). */
export const passwordCheckSchema = named('PasswordCheck', z.object({
  ok: z.boolean(),
  /**
   * 0 (trivial) to 4 (strong), zxcvbn's estimate. Without an estimate (`estimated: false`) it is the
   * lowest score the verdict allows: the policy's `minScore` when accepted, 0 when refused.
   */
  score: z.number().int().min(0).max(4),
  /** Why the password is refused, in sentences; empty when accepted. */
  reasons: z.array(z.string()),
  /** Hints that would make it stronger. */
  suggestions: z.array(z.string()),
  /**
   * False when `score` is not zxcvbn's estimate: the length rules refused the password, it is made
   * mostly of the user's own words, or the estimate missed its deadline and `ok` rests on length,
   * composition and the user's own words.
   */
  estimated: z.boolean(),
}));

/** The outcome of a policy check. */
export type PasswordCheck = z.infer<typeof passwordCheckSchema>;

/** Options of {@link checkPassword}. */
export interface CheckPasswordOptions {
  /** Overrides the policy's `strengthCheckTimeoutMs`. */
  timeoutMs?: number;
}

const commonPasswordReason = 'This is a commonly used password.';

/** zxcvbn's list of the most used passwords (about 49,000), as a set built on first use. */
let commonPasswords: Set<string> | undefined;

/** The usual letter-for-symbol swaps, undone (`p@$$w0rd` → `password`). */
const unl33t = (text: string) => text.replace(/[@4]/g, 'a').replace(/[$5]/g, 's').replace(/0/g, 'o').replace(/3/g, 'e').replace(/[1!]/g, 'i').replace(/7/g, 't');

/** True for a password on the common list, also with l33t swaps undone (one set lookup each). */
function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(commonDictionary.passwords as string[]);
  const lower = password.toLowerCase();
  return commonPasswords.has(lower) || commonPasswords.has(unl33t(lower));
}

/** Used when the policy sets no `strengthCheckTimeoutMs`. */
export const defaultStrengthCheckTimeoutMs = 2000;

const builtFromUserInputReason = 'Do not build the password from your email address or name.';

/** Counts Unicode code points, as NIST asks. */
export function passwordLength(password: string): number {
  return [...password].length;
}

/** The user's inputs as whole values and as their words of three characters or more, lower-cased, and the product name. */
function userWords(userInputs: string[]): string[] {
  const words = userInputs.flatMap((value) => {
    const lower = value.toLowerCase();
    return [lower, ...lower.split(/[^\p{L}\p{Nd}]+/u).filter((part) => part.length >= 3)];
  });
  return [...words, 'latch'];
}

/** True when removing the user's words (four characters or more) leaves fewer than `minLength` characters. */
function mostlyUserWords(password: string, words: string[], minLength: number): boolean {
  let rest = password.toLowerCase();
  for (const word of words.filter((w) => passwordLength(w) >= 4).sort((a, b) => b.length - a.length)) rest = rest.replaceAll(word, '');
  return passwordLength(rest) < minLength;
}

/** zxcvbn's verdict, with the reasons of the rules already applied. */
function withEstimate(estimate: StrengthEstimate, policy: PasswordPolicy, reasons: string[]): PasswordCheck {
  if (estimate.score < policy.minScore) {
    if (estimate.builtFromUserInput) reasons.push(builtFromUserInputReason);
    else if (estimate.warning) reasons.push(estimate.warning.replace(/\.?$/, '.'));
    else reasons.push('This password is too easy to guess. Add more words or characters.');
  }
  return { ok: reasons.length === 0, score: estimate.score, reasons, suggestions: estimate.suggestions, estimated: true };
}

/** The verdict of the rules that need no estimate (and the common-password list): the lowest score it allows. */
function withoutEstimate(policy: PasswordPolicy, reasons: string[], password?: string): PasswordCheck {
  // Even without an estimate (a flood past the deadline), the most common passwords never pass.
  if (password !== undefined && isCommonPassword(password)) reasons.push(commonPasswordReason);
  const ok = reasons.length === 0;
  return { ok, score: ok ? policy.minScore : 0, reasons, suggestions: [], estimated: false };
}

/**
 * Checks a new password: length in code points, common and breached-list words (zxcvbn's
 * dictionaries), words from the user's own email and name (refused when little else is left),
 * and opt-in composition rules.
 * The estimate runs on a worker thread within a deadline; when it misses it, the password is
 * judged on the other rules (`estimated: false`). Rejects when the worker fails (it cannot start
 * or crashed), so a broken setup never accepts passwords unchecked. The password is never echoed
 * in the reasons.
 * @example const { ok, reasons } = await checkPassword(password, config.passwords, [email, displayName]);
 */
export async function checkPassword(password: string, policy: PasswordPolicy, userInputs: string[] = [], options: CheckPasswordOptions = {}): Promise<PasswordCheck> {
  const length = passwordLength(password);
  const reasons: string[] = [];
  if (length < policy.minLength) reasons.push(`Use at least ${policy.minLength} characters.`);
  if (length > policy.maxLength) reasons.push(`Use at most ${policy.maxLength} characters.`);
  if (reasons.length > 0) return { ok: false, score: 0, reasons, suggestions: [], estimated: false };
  if (policy.requireComposition) {
    if (!/\p{Lu}/u.test(password)) reasons.push('Add an upper-case letter.');
    if (!/\p{Ll}/u.test(password)) reasons.push('Add a lower-case letter.');
    if (!/\p{Nd}/u.test(password)) reasons.push('Add a digit.');
    if (!/[^\p{L}\p{Nd}]/u.test(password)) reasons.push('Add a symbol.');
  }
  const words = userWords(userInputs);
  // Checked on the whole password: zxcvbn sees only its first characters.
  if (mostlyUserWords(password, words, policy.minLength)) return withoutEstimate(policy, [...reasons, builtFromUserInputReason]);
  const timeoutMs = options.timeoutMs ?? policy.strengthCheckTimeoutMs ?? defaultStrengthCheckTimeoutMs;
  const estimate = await sharedStrengthPool().estimate(password, words, timeoutMs);
  return estimate ? withEstimate(estimate, policy, reasons) : withoutEstimate(policy, reasons, password);
}
