import { dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';
import { named } from '../response-schemas.js';
import type { BreachedPasswordLookup } from './breached.js';
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

/**
 * Stable codes of the reasons a password is refused, for programs (the sentences in `reasons`
 * are for people): `min_length`, `max_length` (the policy's bounds), `needs_uppercase`,
 * `needs_lowercase`, `needs_digit`, `needs_symbol` (opt-in composition), `user_input` (built
 * from the user's email or name),
 * `common` (on the common-password list), `guessable` (zxcvbn's score is below the policy's) and
 * `breached` (a breached-password service knows it).
 */
export const passwordReasonCodes = ['min_length', 'max_length', 'needs_uppercase', 'needs_lowercase', 'needs_digit', 'needs_symbol', 'user_input', 'common', 'guessable', 'breached'] as const;

/** One of {@link passwordReasonCodes}. */
export type PasswordReasonCode = (typeof passwordReasonCodes)[number];

/** The outcome of a policy check (`POST /password/check`). */
export const passwordCheckSchema = named('PasswordCheck', z.object({
  ok: z.boolean(),
  /**
   * 0 (trivial) to 4 (strong), zxcvbn's estimate. Without an estimate (`estimated: false`) it is the
   * lowest score the verdict allows: the policy's `minScore` when accepted, 0 when refused.
   */
  score: z.number().int().min(0).max(4),
  /** Why the password is refused, as stable codes (`min_length`, `common`, `breached`…); empty when accepted. */
  reasons: z.array(z.enum(passwordReasonCodes)),
  /** Each entry of `reasons` as a sentence to show the user, in the same order. */
  messages: z.array(z.string()),
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
  /** Also refuses passwords this breached-password service knows (skipped when it cannot answer). */
  breached?: BreachedPasswordLookup;
}

/** One reason a password is refused. */
interface Refusal {
  code: PasswordReasonCode;
  message: string;
}

const commonPassword: Refusal = { code: 'common', message: 'This is a commonly used password.' };
const breachedPassword: Refusal = { code: 'breached', message: 'This password appears in a known data breach. Choose a different one.' };

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

const builtFromUserInput: Refusal = { code: 'user_input', message: 'Do not build the password from your email address or name.' };

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

/** The outcome of a check from its refusals. */
function verdict(refusals: Refusal[], score: number, suggestions: string[], estimated: boolean): PasswordCheck {
  return { ok: refusals.length === 0, score, reasons: refusals.map((r) => r.code), messages: refusals.map((r) => r.message), suggestions, estimated };
}

/** zxcvbn's verdict, with the reasons of the rules already applied. */
function withEstimate(estimate: StrengthEstimate, policy: PasswordPolicy, refusals: Refusal[]): PasswordCheck {
  if (estimate.score < policy.minScore) {
    if (estimate.builtFromUserInput) refusals.push(builtFromUserInput);
    else if (estimate.warning) refusals.push({ code: 'guessable', message: estimate.warning.replace(/\.?$/, '.') });
    else refusals.push({ code: 'guessable', message: 'This password is too easy to guess. Add more words or characters.' });
  }
  return verdict(refusals, estimate.score, estimate.suggestions, true);
}

/** The verdict of the rules that need no estimate (and the common-password list): the lowest score it allows. */
function withoutEstimate(policy: PasswordPolicy, refusals: Refusal[], password?: string): PasswordCheck {
  // Even without an estimate (a flood past the deadline), the most common passwords never pass.
  if (password !== undefined && isCommonPassword(password)) refusals.push(commonPassword);
  return verdict(refusals, refusals.length === 0 ? policy.minScore : 0, [], false);
}

/** `check` refused as breached as well: the reason comes first, as the one that decides. */
function withBreach(check: PasswordCheck): PasswordCheck {
  return {
    ...check, ok: false, score: check.estimated ? check.score : 0,
    reasons: [breachedPassword.code, ...check.reasons], messages: [breachedPassword.message, ...check.messages],
  };
}

/**
 * Checks a new password: length in code points, common and breached-list words (zxcvbn's
 * dictionaries), words from the user's own email and name (refused when little else is left),
 * opt-in composition rules and, with `options.breached`, a breached-password service.
 * The estimate runs on a worker thread within a deadline; when it misses it, the password is
 * judged on the other rules (`estimated: false`). Rejects when the worker fails (it cannot start
 * or crashed), so a broken setup never accepts passwords unchecked. A breached-password service
 * that cannot answer only skips its own check. The password is never echoed in the reasons.
 * @example const { ok, reasons, messages } = await checkPassword(password, config.passwords, [email, displayName]);
 */
export async function checkPassword(password: string, policy: PasswordPolicy, userInputs: string[] = [], options: CheckPasswordOptions = {}): Promise<PasswordCheck> {
  const length = passwordLength(password);
  const refusals: Refusal[] = [];
  if (length < policy.minLength) refusals.push({ code: 'min_length', message: `Use at least ${policy.minLength} characters.` });
  if (length > policy.maxLength) refusals.push({ code: 'max_length', message: `Use at most ${policy.maxLength} characters.` });
  if (refusals.length > 0) return verdict(refusals, 0, [], false);
  // Asked while the rules below run; it never rejects, and no answer refuses nothing.
  const breached = options.breached?.isBreached(password);
  if (policy.requireComposition) {
    if (!/\p{Lu}/u.test(password)) refusals.push({ code: 'needs_uppercase', message: 'Add an upper-case letter.' });
    if (!/\p{Ll}/u.test(password)) refusals.push({ code: 'needs_lowercase', message: 'Add a lower-case letter.' });
    if (!/\p{Nd}/u.test(password)) refusals.push({ code: 'needs_digit', message: 'Add a digit.' });
    if (!/[^\p{L}\p{Nd}]/u.test(password)) refusals.push({ code: 'needs_symbol', message: 'Add a symbol.' });
  }
  const words = userWords(userInputs);
  let check: PasswordCheck;
  // Checked on the whole password: zxcvbn sees only its first characters.
  if (mostlyUserWords(password, words, policy.minLength)) {
    check = withoutEstimate(policy, [...refusals, builtFromUserInput]);
  } else {
    const timeoutMs = options.timeoutMs ?? policy.strengthCheckTimeoutMs ?? defaultStrengthCheckTimeoutMs;
    const estimate = await sharedStrengthPool().estimate(password, words, timeoutMs);
    check = estimate ? withEstimate(estimate, policy, refusals) : withoutEstimate(policy, refusals, password);
  }
  return (await breached) === true ? withBreach(check) : check;
}
